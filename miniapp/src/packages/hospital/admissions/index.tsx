import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { AdmissionDecision, beijingDate, beijingIso, beijingTime, DischargeRequest, formatChineseDate, type AdmissionView } from '@domain';
import { bookingApi } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { Empty, ErrorState, Loading, RemoteStatus } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { DateField, TimeField } from '../../../components/DateTimeField';
import { formErrors, useFormSend } from '../../../lib/form';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import '../today/index.scss';
import { Whole } from '../../../components/Whole';

/** Accept with the bed, or decline with the reason the family will read: one text, two answers. */
function Decide({ a, onDone }: { a: AdmissionView; onDone: (a: AdmissionView) => void }) {
  const [reason, setReason] = useState('');
  const form = useFormSend();
  const answer = async (accept: boolean) => {
    const parsed = AdmissionDecision.safeParse({ accept, reason: reason.trim() });
    if (!parsed.success) return form.refuse({ reason: accept ? '请写明安排的病区和床位' : '请写明不能安排的原因' });
    await form.send(async () => onDone(await bookingApi.decideAdmission(a.admissionId, accept, parsed.data.reason)));
  };
  return (
    <View className="visit">
      <TextArea id={`decide-${a.admissionId}`} label="答复说明" hint="安排床位写病区和床号；不能安排写原因。家属会看到这段话。" value={reason} error={form.errors.reason} maxlength={200} onInput={setReason} />
      {form.failure ? <Notice tone="error"><View className="text" role="alert">{form.failure}</View></Notice> : null}
      <View className="stack">
        <Btn icon="check" busy={form.busy} onClick={() => void answer(true)}>
          安排床位
        </Btn>
        <Btn kind="secondary" busy={form.busy} onClick={() => void answer(false)}>
          不能安排，告知原因
        </Btn>
      </View>
    </View>
  );
}

/** The discharge note: it closes the admission and goes to the member's signed family doctor. */
function Discharge({ a, onDone }: { a: AdmissionView; onDone: (a: AdmissionView, msg: string) => void }) {
  const now = new Date();
  const [date, setDate] = useState(beijingDate(now));
  const [time, setTime] = useState(beijingTime(now));
  const [note, setNote] = useState('');
  const form = useFormSend();
  const save = async () => {
    const parsed = DischargeRequest.safeParse({ dischargedAt: beijingIso(date, time), note: note.trim() });
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    await form.send(async () => {
      const res = await bookingApi.discharge(a.admissionId, parsed.data);
      onDone(res, res.followUpQueued ? '已办理出院，出院小结已转给签约家庭医生随访' : '已办理出院。这位患者没有签约家庭医生，请告知家属');
    });
  };
  return (
    <View className="visit">
      <View className="h3">办理出院</View>
      <DateField id={`dd-${a.admissionId}`} label="出院日期" value={date} end={beijingDate(now)} error={form.errors.dischargedAt} onChange={setDate} />
      <TimeField id={`dt-${a.admissionId}`} label="出院时间" hint="北京时间" value={time} onChange={setTime} />
      <TextArea id={`dn-${a.admissionId}`} label="出院小结" hint="诊断、治疗经过、出院医嘱，签约家庭医生据此随访" value={note} error={form.errors.note} maxlength={1000} onInput={setNote} />
      {form.failure ? <Notice tone="error"><View className="text" role="alert">{form.failure}</View></Notice> : null}
      <Btn busy={form.busy} busyText="正在保存…" onClick={() => void save()}>
        保存出院小结
      </Btn>
    </View>
  );
}

function AdmissionCard({ a, onChange }: { a: AdmissionView; onChange: (a: AdmissionView, msg?: string) => void }) {
  return (
    <View className="card patient">
      <View className="h2">{a.memberName}</View>
      <View className="status-line">状态：{a.statusLabel}</View>
      <View className="text-lg">申请原因：{a.reason}</View>
      <View className="text">
        <Whole>申请时间：{formatChineseDate(a.requestedAt.slice(0, 10))} {a.requestedAt.slice(11, 16)}</Whole>
      </View>
      {a.decisionReason ? <View className="text">答复：{a.decisionReason}</View> : null}
      {a.admittedOn ? <View className="text">入院日期：{formatChineseDate(a.admittedOn)}</View> : null}
      {a.status === 'requested' ? <Decide a={a} onDone={onChange} /> : null}
      {a.status === 'accepted' ? <Discharge a={a} onDone={onChange} /> : null}
    </View>
  );
}

/** The hospital's bed requests from special families: answer new ones, write discharge notes for admitted ones. */
export default function Admissions() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    return { me, items: (await bookingApi.hospitalAdmissions()).items };
  }, { auto: false });
  useDidShow(() => void reload(state.status === 'ready'));
  const [notice, setNotice] = useState<string | null>(null);

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const { me, items } = state.data;
  const open = items.filter((a) => a.status === 'requested' || a.status === 'accepted');
  const closed = items.filter((a) => a.status !== 'requested' && a.status !== 'accepted');
  const changed = (_a: AdmissionView, msg?: string) => {
    setNotice(msg ?? '已答复，家属会收到微信通知');
    void reload(true);
  };

  return (
    <View className="page hospital">
      <RemoteStatus state={state} reload={reload} />
      <View className="h1">住院床位申请</View>
      <View className="text soft mb">
        <Whole>
          {me.organisation ?? ''} · 今天 {formatChineseDate(beijingDate(new Date()))}
        </Whole>
      </View>
      {notice ? <Notice tone="ok"><View className="text">{notice}</View></Notice> : null}
      {open.length === 0 ? <Empty text="没有等待处理的床位申请。" /> : null}
      {open.map((a) => <AdmissionCard key={a.admissionId} a={a} onChange={changed} />)}
      {closed.length ? <View className="h2 mt">已处理</View> : null}
      {closed.map((a) => <AdmissionCard key={a.admissionId} a={a} onChange={changed} />)}
    </View>
  );
}
