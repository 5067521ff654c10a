import { useEffect, useRef, useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { AdmissionRequest, formatChineseDate, type AdmissionView } from '@domain';
import { actingApi } from '../../../api/acting';
import { bookingApi, newRequestKey } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { formErrors, useFormSend } from '../../../lib/form';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import '../booking.scss';

/** One bed request and the hospital's answer, in words. */
function AdmissionCard({ a }: { a: AdmissionView }) {
  return (
    <View className="card">
      <View className="status-line">{a.statusLabel}</View>
      <View className="text-lg strong">{a.memberName} · {a.institutionName}</View>
      <View className="text">申请原因：{a.reason}</View>
      {a.decisionReason ? <View className="text">医院答复：{a.decisionReason}</View> : null}
      {a.admittedOn ? <View className="text">入院日期：{formatChineseDate(a.admittedOn)}</View> : null}
      {a.dischargedAt ? <View className="text">出院时间：{formatChineseDate(a.dischargedAt.slice(0, 10))} {a.dischargedAt.slice(11, 16)}</View> : null}
      {a.actedLabel ? <View className="text soft">{a.actedLabel}</View> : null}
    </View>
  );
}

/**
 * "需要住院床位": a family member asks a designated hospital for a priority bed for themselves or a
 * family member, and sees the answers. What was typed stays when the server refuses; a retried tap
 * carries the same Idempotency-Key, so it cannot ask twice.
 */
export default function Admission() {
  // Staff acting for a family (代办) open this page with `forFamily` (and `forMember`).
  const { params } = useRouter();
  const forFamily = params.forFamily;
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    const familyId = forFamily ?? me.familyId;
    if (!familyId) throw new Error('没有找到您家的登记信息，请联系村（社区）联系人');
    const [institutions, mine, admissions] = await Promise.all([bookingApi.institutions(), bookingApi.mine(familyId), bookingApi.admissions(familyId)]);
    const wanted = params.forMember && mine.members.some((m) => m.personId === params.forMember) ? params.forMember : undefined;
    const firstChoice = wanted ?? (forFamily ? mine.members[0]?.personId : me.personId);
    return { me, firstChoice, familyId, hospitals: institutions.items.filter((i) => i.kind === 'hospital'), members: mine.members, admissions: admissions.items };
  }, { auto: false });
  useDidShow(() => void reload(state.status === 'ready'));
  const [memberId, setMemberId] = useState<string | null>(null);
  const [institutionId, setInstitutionId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const form = useFormSend();
  const [sent, setSent] = useState(false);
  const key = useRef(newRequestKey());
  const ready = state.status === 'ready' ? state.data : null;
  useEffect(() => {
    if (ready && !memberId && ready.firstChoice) setMemberId(ready.firstChoice);
  }, [ready, memberId]);

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const data = state.data;

  const submit = async () => {
    if (!memberId || !institutionId) return form.refuse({}, '请先选好为谁申请和哪家医院');
    const parsed = AdmissionRequest.safeParse({ memberId, institutionId, reason: reason.trim() });
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    setSent(false);
    const asked = await form.send(() => (forFamily ? actingApi.requestAdmission(forFamily, parsed.data, key.current) : bookingApi.requestAdmission(data.familyId, parsed.data, key.current)));
    if (!asked) return;
    key.current = newRequestKey();
    setReason('');
    setSent(true);
    void reload(true);
  };

  return (
    <View className="page booking">
      <View className="h1">{forFamily ? '代为申请住院床位' : '需要住院床位'}</View>
      <View className="text soft mb">定点医院为计划生育特殊家庭优先安排床位。提交后医院会答复，答复会通过微信告诉您。</View>
      {data.hospitals.length === 0 ? <Empty text="本县还没有登记可以住院的定点医院。" /> : (
        <View className="card">
          <View className="h3">1. 为谁申请</View>
          <RadioChoices label="为谁申请" value={memberId} onChange={setMemberId} options={data.members.map((m) => ({ value: m.personId, label: `${m.name}（${m.relation}）` }))} />
          <View className="h3 mt">2. 选择医院</View>
          <RadioChoices label="选择医院" value={institutionId} onChange={setInstitutionId} options={data.hospitals.map((i) => ({ value: i.institutionId, label: i.name }))} />
          <View className="h3 mt">3. 为什么需要住院</View>
          <TextArea id="admission-reason" label="需要住院的原因" hint="例如：医生建议住院、病情加重" value={reason} error={form.errors.reason} maxlength={200} onInput={setReason} />
        </View>
      )}
      {sent ? <Notice tone="ok"><View className="text">已提交床位申请，请等待医院答复。</View></Notice> : null}
      {form.failure ? <Notice tone="error"><View className="text" role="alert">{form.failure}</View></Notice> : null}
      {data.hospitals.length ? (
        <Btn big icon="check" busy={form.busy} busyText="正在提交…" onClick={() => void submit()}>
          提交床位申请
        </Btn>
      ) : null}
      <View className="h2 mt">{forFamily ? '这户的床位申请' : '我家的床位申请'}</View>
      {data.admissions.length === 0 ? <Empty text="还没有床位申请。" /> : null}
      {data.admissions.map((a) => <AdmissionCard key={a.admissionId} a={a} />)}
    </View>
  );
}
