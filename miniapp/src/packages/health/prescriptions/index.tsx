import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, pickupPlaceLabel, refillStatusLabels, type PickupPlace, type Prescription, type RefillRecord, type RefillStatus } from '@domain';
import { followupsApi, newIdempotencyKey } from '../../../api/followups';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';
import { Whole } from '../../../components/Whole';

const steps: RefillStatus[] = ['submitted', 'approved', 'ready'];

/**
 * A refill's steps in three states, so nobody reads a step still in hand as finished: ✓ for what
 * is behind (a step counts as done once the next one has happened; the last, medicine ready or
 * delivered, is done when reached), ● for where the request stands now, ○ for what is to come.
 */
function RefillSteps({ request }: { request: RefillRecord }) {
  const reachedAt = (s: RefillStatus) => request.history.find((h) => h.status === s || (s === 'ready' && h.status === 'delivered'));
  const now = steps.reduce((last, s, i) => (reachedAt(s) ? i : last), -1);
  const readyLabel = request.fulfilment === 'delivery' ? refillStatusLabels.delivered : request.pharmacyName ? `${refillStatusLabels.ready}（${pickupPlaceLabel(request.pharmacyName)}）` : refillStatusLabels.ready;
  const doneLabels: Record<RefillStatus, string> = { ...refillStatusLabels, submitted: '已提交申请', approved: '医生已同意', ready: readyLabel };
  const comingLabels: Record<RefillStatus, string> = { ...refillStatusLabels, submitted: '提交申请', approved: '医生审核', ready: request.fulfilment === 'delivery' ? '送药上门' : '备好药，去药房取药' };
  return (
    <>
      {steps.map((s, i) => {
        const at = reachedAt(s);
        const done = i < now || (i === now && s === 'ready');
        const [mark, state, label] = done ? ['✓', '已完成', doneLabels[s]] : i === now ? ['●', '现在', s === 'ready' ? readyLabel : refillStatusLabels[s]] : ['○', '还没到', comingLabels[s]];
        return (
          <View className={`text-lg${i <= now ? ' strong' : ' soft'}`} key={s}>
            {mark} {state}：{label}
            {at ? `，${formatDateTime(at.at)}` : ''}
          </View>
        );
      })}
    </>
  );
}

/**
 * My long prescriptions: what to take and how, how long the medicine lasts, and the refill (续方):
 * the button opens 7 days before the medicine runs out, and every step of a request is shown, so
 * nobody has to wonder whether it went through.
 */
export default function Prescriptions() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    return { me, list: await followupsApi.prescriptions(me.familyId!, me.personId) };
  });
  useDidShow(() => {
    if (state.status === 'ready') void reload(true);
  });
  return (
    <View className="page">
      <View className="h1">我的长处方</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        state.data.list.items.length ? (
          state.data.list.items.map((rx) => <RxCard key={rx.prescriptionId} rx={rx} places={state.data.list.pickupPlaces} familyId={state.data.me.familyId!} memberId={state.data.me.personId} onChange={() => void reload(true)} />)
        ) : (
          <Empty text="您还没有长处方。病情稳定的慢病老人，可以请家庭医生开 4 到 8 周的长处方。" />
        )
      ) : null}
      {state.status === 'ready' ? (
        <Btn kind="secondary" icon="refresh" onClick={() => void reload(true)}>
          刷新续方进度
        </Btn>
      ) : null}
    </View>
  );
}

function RxCard({ rx, places, familyId, memberId, onChange }: { rx: Prescription; places: PickupPlace[]; familyId: string; memberId: string; onChange: () => void }) {
  /** An institution id (pick up there) or delivery. */
  const [choice, setChoice] = useState<string | null>(null);
  const { busy, failure: error, refuse, send } = useFormSend();
  const [key, setKey] = useState(newIdempotencyKey);
  const latest = rx.requests[0];
  const ask = async () => {
    if (!choice) return refuse({}, '请先选择去哪里取药，或者送药上门');
    const asked = await send(() => followupsApi.requestRefill(familyId, memberId, rx.prescriptionId, choice === 'delivery' ? { fulfilment: 'delivery' } : { fulfilment: 'pickup', pharmacy: choice }, key));
    if (!asked) return;
    setKey(newIdempotencyKey());
    onChange();
  };
  return (
    <View className="card">
      <View className="h2">{rx.items.map((i) => i.medicine).join('、')}</View>
      {rx.items.map((i) => (
        <View className="text-lg" key={i.medicine}>
          {i.medicine}：{i.dose}，共 {i.quantity}
        </View>
      ))}
      {rx.instructions ? <Notice tone="info">{rx.instructions}</Notice> : null}
      <View className="text-lg mt">
        <Whole>这次的药吃到：{formatChineseDate(rx.supplyEndsOn)}</Whole>
      </View>
      <View className="text">
        <Whole>
          还能续方 {rx.refillsRemaining} 次，处方有效到 {formatChineseDate(rx.validUntil)}，开方医生 {rx.doctorName}
        </Whole>
      </View>
      {latest ? (
        <View className="mt">
          <View className="h3">续方进度</View>
          {latest.status === 'declined' ? (
            <Notice tone="error">
              医生没有同意：{latest.declineReason}
            </Notice>
          ) : (
            <RefillSteps request={latest} />
          )}
        </View>
      ) : null}
      {rx.refill.canRequest ? (
        <View className="mt">
          <View className="field__label">药快吃完了，在哪里取药？</View>
          <RadioChoices
            label="在哪里取药"
            value={choice}
            onChange={setChoice}
            options={[...places.map((p) => ({ value: p.institutionId, label: pickupPlaceLabel(p.name) })), { value: 'delivery', label: '送药上门' }]}
          />
          {places.length ? null : <Notice tone="info">本县还没有登记取药的药房，可以选择送药上门</Notice>}
          {error ? <Notice tone="error">{error}</Notice> : null}
          <Btn big icon="check" busy={busy} busyText="正在提交…" onClick={() => void ask()}>
            申请续方
          </Btn>
        </View>
      ) : (
        <Notice tone="info">{rx.refill.reason}</Notice>
      )}
    </View>
  );
}
