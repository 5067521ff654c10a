import { useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import {
  chronicConditionLabels,
  formatChineseDate,
  glucoseTimingLabels,
  mobilityLabels,
  moodLabels,
  pickupPlaceLabel,
  refillStatusLabels,
  stabilityLabels,
  symptomLabels,
  urgentFlagLabels,
  ReplyRequest,
  VisitRequest,
  type FollowUpRecord,
  type Prescription,
} from '@domain';
import { actingApi } from '../../../api/acting';
import { followupsApi, newIdempotencyKey } from '../../../api/followups';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { TextField } from '../../../components/TextField';
import { TrendChart } from '../../../components/TrendChart';
import { formatDateTime } from '../../../lib/format';
import { formErrors, useFormSend } from '../../../lib/form';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import { PaperContract } from './PaperContract';
import { Whole } from '../../../components/Whole';

/**
 * A signed member's file for the doctor: the submission to answer (urgent readings spelled out),
 * the file, the trends, a visit or phone follow-up to record, and the member's refill requests to
 * decide. Reading it is written to the family's access log on the server.
 */
export default function MemberFile() {
  const { params } = useRouter();
  const familyId = params.familyId ?? '';
  const memberId = params.memberId ?? '';
  const { state, reload } = useRemote(async () => {
    await requireMe();
    const [health, rx] = await Promise.all([followupsApi.health(familyId, memberId), followupsApi.prescriptions(familyId, memberId)]);
    return { health, rx };
  });
  const refresh = () => void reload(true);
  // Coming back from the health file or prescription page shows what was just saved there.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) refresh();
    shown.current = true;
  });

  return (
    <View className="page">
      {/* Outside the health file: a contract signed on paper does not wait for the health-data consent. */}
      <PaperContract familyId={familyId} memberId={memberId} />
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          <View className="h1">{state.data.health.memberName}</View>
          <Pending records={state.data.health.recent} followUpId={params.followUpId} familyId={familyId} memberId={memberId} onDone={refresh} />
          <FileCard data={state.data.health} />
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.doctorHealthFile, { familyId, memberId }) })}>
            {state.data.health.file ? '修改健康档案' : '建立健康档案'}
          </Btn>
          <Refills items={state.data.rx.items} familyId={familyId} memberId={memberId} onDone={refresh} />
          <ActingRefills items={state.data.rx.items} familyId={familyId} memberId={memberId} onDone={refresh} />
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.actingHub, { familyId, memberId }) })}>
            为这户代办（预约、床位、诉求、入户调查）
          </Btn>
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.doctorPrescribe, { familyId, memberId }) })}>
            开长处方
          </Btn>
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.referral, { familyId, memberId, memberName: state.data.health.memberName }) })}>
            转诊预约
          </Btn>
          <VisitForm familyId={familyId} memberId={memberId} handles={params.ref} onDone={refresh} />
          <View className="section-title">测量趋势</View>
          <TrendChart measure="systolic" points={state.data.health.trends.systolic ?? []} pair={state.data.health.trends.diastolic} />
          <TrendChart measure="glucose" points={state.data.health.trends.glucose ?? []} />
        </View>
      ) : null}
    </View>
  );
}

function readingsText(r: FollowUpRecord): string[] {
  const x = r.readings;
  return [
    x.systolic !== undefined ? `血压 ${x.systolic}/${x.diastolic} mmHg` : '',
    x.pulse !== undefined ? `脉搏 ${x.pulse} 次/分` : '',
    x.glucose !== undefined ? `血糖 ${x.glucose} mmol/L（${x.glucoseTiming ? glucoseTimingLabels[x.glucoseTiming] : ''}）` : '',
    x.weight !== undefined ? `体重 ${x.weight} 公斤` : '',
  ].filter(Boolean);
}

function Pending({ records, followUpId, familyId, memberId, onDone }: { records: FollowUpRecord[]; followUpId?: string; familyId: string; memberId: string; onDone: () => void }) {
  const target = records.find((r) => r.followUpId === followUpId) ?? records.find((r) => r.kind === 'online' && !r.reply);
  const [advice, setAdvice] = useState('');
  const form = useFormSend();
  if (!target) return null;
  const send = async () => {
    const parsed = ReplyRequest.safeParse({ advice: advice.trim() });
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    if (await form.send(() => followupsApi.reply(familyId, memberId, target.followUpId, parsed.data.advice))) onDone();
  };
  return (
    <View className="card">
      {target.urgent.length ? <Notice tone="error">读数异常：{target.urgent.map((f) => urgentFlagLabels[f]).join('、')}</Notice> : null}
      <View className="h3">
        <Whole>居民提交的随访（{formatDateTime(target.at)}）</Whole>
      </View>
      {readingsText(target).map((t) => (
        <View className="text-lg strong" key={t}>
          {t}
        </View>
      ))}
      <View className="text">不舒服：{target.symptoms.length ? target.symptoms.map((s) => symptomLabels[s]).join('、') : '没有'}{target.symptomsNote ? `；${target.symptomsNote}` : ''}</View>
      {target.mood ? <View className="text">心情：{moodLabels[target.mood]}</View> : null}
      {target.missedDoses !== undefined ? <View className="text">本周漏服药：{target.missedDoses} 次</View> : null}
      {target.reply ? (
        <Notice tone="ok">已回复：{target.reply.advice}</Notice>
      ) : (
        <View className="mt">
          <TextArea id="reply-advice" label="给居民的建议" value={advice} error={form.errors.advice} maxlength={500} onInput={setAdvice} />
          {form.failure ? <Notice tone="error">{form.failure}</Notice> : null}
          <Btn big icon="check" busy={form.busy} busyText="正在发送…" onClick={() => void send()}>
            回复居民
          </Btn>
        </View>
      )}
    </View>
  );
}

function FileCard({ data }: { data: { file: import('@domain').HealthFile | null; plan: import('@domain').Plan | null } }) {
  const f = data.file;
  if (!f) return <Notice tone="info">还没有健康档案。</Notice>;
  return (
    <View className="card">
      <View className="h3">健康档案</View>
      <View className="text-lg">慢病：{[...f.conditions.map((c) => chronicConditionLabels[c]), ...f.otherConditions].join('、') || '没有登记'}</View>
      <View className="text">自理能力：{mobilityLabels[f.mobility]}</View>
      <View className="text">用药：{f.medicines.map((m) => m.name).join('、') || '没有登记'}</View>
      <View className="text">过敏：{f.allergies.join('、') || '无'}</View>
      <View className="text">
        <Whole>
          病情评估：{stabilityLabels[f.stability.status]}（{formatChineseDate(f.stability.assessedOn)}，{f.stability.doctorName}）
        </Whole>
      </View>
      {data.plan ? (
        <View className="text">
          <Whole>下次随访：{formatChineseDate(data.plan.dueOn)}</Whole>
        </View>
      ) : null}
    </View>
  );
}

/**
 * 代为申请续方: for an elder who cannot ask in the app, the doctor's team asks on the family's
 * behalf (delivered to the home), stamped and told to the family like every acting action.
 */
function ActingRefills({ items, familyId, memberId, onDone }: { items: Prescription[]; familyId: string; memberId: string; onDone: () => void }) {
  const form = useFormSend();
  const key = useRef(newIdempotencyKey());
  const due = items.filter((rx) => rx.refill.canRequest);
  if (due.length === 0) return null;
  const ask = async (rx: Prescription) => {
    if (await form.send(() => actingApi.requestRefill(familyId, memberId, rx.prescriptionId, { fulfilment: 'delivery' }, key.current))) {
      key.current = newIdempotencyKey();
      onDone();
    }
  };
  return (
    <View className="card">
      <View className="h3">可以续方的长处方</View>
      {form.failure ? <Notice tone="error">{form.failure}</Notice> : null}
      {due.map((rx) => (
        <View className="mt" key={rx.prescriptionId}>
          <View className="text-lg strong">{rx.items.map((i) => i.medicine).join('、')}</View>
          <Btn kind="secondary" icon="check" busy={form.busy} busyText="正在提交…" onClick={() => void ask(rx)}>
            代为申请续方（送药上门）
          </Btn>
        </View>
      ))}
    </View>
  );
}

function Refills({ items, familyId, memberId, onDone }: { items: Prescription[]; familyId: string; memberId: string; onDone: () => void }) {
  const form = useFormSend();
  const [acting, setActing] = useState<string | null>(null);
  const [keys] = useState(() => new Map<string, string>());
  const open = items.flatMap((rx) => rx.requests.filter((r) => r.status === 'submitted' || r.status === 'approved').map((r) => ({ rx, r })));
  if (open.length === 0) return null;
  const act = async (id: string, fn: () => Promise<unknown>) => {
    setActing(id);
    if (await form.send(fn)) onDone();
  };
  return (
    <View className="card">
      <View className="h3">续方申请</View>
      {form.failure ? <Notice tone="error">{form.failure}</Notice> : null}
      {open.map(({ rx, r }) => {
        if (!keys.has(r.refillId)) keys.set(r.refillId, newIdempotencyKey());
        return (
          <View className="mt" key={r.refillId}>
            <View className="text-lg strong">{rx.items.map((i) => i.medicine).join('、')}</View>
            <View className="text">
              {refillStatusLabels[r.status]}；{r.fulfilment === 'delivery' ? '送药上门' : `取药：${r.pharmacyName ? pickupPlaceLabel(r.pharmacyName) : ''}`}；还能续方 {rx.refillsRemaining} 次
            </View>
            {r.status === 'submitted' ? (
              <Btn big icon="check" busy={form.busy && acting === r.refillId} busyText="正在提交…" onClick={() => void act(r.refillId, () => followupsApi.approveRefill(familyId, memberId, rx.prescriptionId, r.refillId, keys.get(r.refillId)!))}>
                同意续方
              </Btn>
            ) : (
              <Btn big icon="check" busy={form.busy && acting === r.refillId} busyText="正在提交…" onClick={() => void act(r.refillId, () => followupsApi.refillReady(familyId, memberId, rx.prescriptionId, r.refillId))}>
                {r.fulfilment === 'delivery' ? '药已送到' : '药已备好，通知取药'}
              </Btn>
            )}
          </View>
        );
      })}
    </View>
  );
}

function VisitForm({ familyId, memberId, handles, onDone }: { familyId: string; memberId: string; handles?: string; onDone: () => void }) {
  const [kind, setKind] = useState<'visit' | 'phone' | null>(null);
  const [note, setNote] = useState('');
  const form = useFormSend();
  const [saved, setSaved] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const save = async () => {
    setSaved(false);
    if (!kind) return form.refuse({}, '请选择随访方式并写下随访情况');
    const parsed = VisitRequest.safeParse({ kind, note: note.trim(), ...(handles ? { handles } : {}) });
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    if (!(await form.send(() => followupsApi.recordVisit(familyId, memberId, parsed.data, key)))) return;
    setKey(newIdempotencyKey());
    setNote('');
    setSaved(true);
    onDone();
  };
  return (
    <View className="card">
      <View className="h3">记录上门或电话随访</View>
      <RadioChoices label="随访方式" value={kind} onChange={setKind} options={[{ value: 'visit', label: '上门随访' }, { value: 'phone', label: '电话随访' }]} />
      <TextField id="visit-note" label="随访情况" value={note} error={form.errors.note} maxlength={500} onInput={setNote} />
      {form.failure ? <Notice tone="error">{form.failure}</Notice> : null}
      {saved ? <Notice tone="ok">随访已记录</Notice> : null}
      <Btn kind="secondary" icon="check" busy={form.busy} busyText="正在保存…" onClick={() => void save()}>
        保存随访记录
      </Btn>
    </View>
  );
}
