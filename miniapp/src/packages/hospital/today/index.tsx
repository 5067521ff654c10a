import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { CardCode, greenChannelPriorities, periodLabels, SERVICE_CARD, VisitRecordRequest, type CardCheckResponse, type GreenChannelPatient, type PriorityGiven } from '@domain';
import { bookingApi } from '../../../api/booking';
import { isH5 } from '../../../api/config';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { LogoutButton } from '../../../components/LogoutButton';
import { Notice } from '../../../components/Notice';
import { NumberField } from '../../../components/NumberField';
import { Empty, ErrorState, Loading, RemoteStatus } from '../../../components/PageState';
import { TextField } from '../../../components/TextField';
import { formErrors, useFormSend } from '../../../lib/form';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { paths } from '../../../lib/routes';
import './index.scss';

const ALL = 'all';
/** What the server adds to the verdict (请核对实体卡), without saying the verdict twice. */
const verdictDetail = (failure: string | null, verdict: string) =>
  failure?.startsWith(verdict) ? failure.slice(verdict.length).replace(/^[，,。]\s*/, '') : failure;
const needsText = (p: GreenChannelPatient) => [p.needsEscort ? '需要陪诊' : '', p.needsWheelchair ? '需要轮椅' : ''].filter(Boolean).join('，') || '无特殊需要';

/** Records which of the 五个优先 were given and the fee reduction, after check-in. */
function VisitRecord({ patient, onSaved }: { patient: GreenChannelPatient; onSaved: (p: GreenChannelPatient) => void }) {
  const [given, setGiven] = useState<PriorityGiven[]>(patient.prioritiesGiven ?? []);
  const [fee, setFee] = useState(patient.feeReductionYuan ? String(patient.feeReductionYuan) : '');
  const form = useFormSend();
  const [saved, setSaved] = useState(false);
  const save = async () => {
    setSaved(false);
    const amount = fee.trim() === '' ? undefined : Number(fee.trim());
    if (amount !== undefined && !Number.isFinite(amount)) return form.refuse({ feeReductionYuan: '减免金额请填写数字（元）' });
    const parsed = VisitRecordRequest.safeParse({ prioritiesGiven: given, feeReductionYuan: amount });
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    if (await form.send(async () => onSaved(await bookingApi.recordVisit(patient.bookingId, parsed.data.prioritiesGiven, parsed.data.feeReductionYuan)))) setSaved(true);
  };
  return (
    <View className="visit">
      <View className="h3">本次提供的优先服务</View>
      {greenChannelPriorities.map((p) => (
        <CheckChoice key={p} checked={given.includes(p)} onChange={(on) => setGiven(on ? [...given, p] : given.filter((x) => x !== p))}>
          {p}
        </CheckChoice>
      ))}
      <NumberField id={`fee-${patient.bookingId}`} label="减免费用（元）" decimal maxlength={9} value={fee} error={form.errors.feeReductionYuan} onInput={setFee} />
      {form.failure ? <Notice tone="error"><View className="text">{form.failure}</View></Notice> : null}
      {saved ? <Notice tone="ok"><View className="text">已保存优先服务记录</View></Notice> : null}
      <Btn kind="secondary" busy={form.busy} onClick={() => void save()}>
        保存优先服务记录
      </Btn>
    </View>
  );
}

function PatientCard({ p, token, onChange }: { p: GreenChannelPatient; token?: string; onChange: (p: GreenChannelPatient) => void }) {
  const { busy, failure: error, send } = useFormSend();
  const act = (fn: () => Promise<GreenChannelPatient>) => send(async () => onChange(await fn()));
  return (
    <View className="card patient">
      <View className="h2">{p.memberName}</View>
      <View className="text-lg">
        {p.departmentName} · {periodLabels[p.period]} {p.startsAt.slice(11, 16)}
        {p.source === 'referral' ? ' · 家庭医生转诊' : ''}
      </View>
      <View className="text-lg strong">{needsText(p)}</View>
      <View className="status-line">状态：{p.statusLabel}</View>
      {error ? <Notice tone="error"><View className="text" role="alert">{error}</View></Notice> : null}
      {p.status === 'booked' && token ? (
        <Btn busy={busy} busyText="正在签到…" onClick={() => void act(() => bookingApi.checkIn(p.bookingId, token))}>
          签到，开始优先服务
        </Btn>
      ) : null}
      {p.status === 'booked' && !token ? <View className="text soft">患者到达后请扫描或粘贴其{SERVICE_CARD}二维码签到。</View> : null}
      {p.status === 'booked' ? (
        <Btn kind="secondary" busy={busy} onClick={() => void act(() => bookingApi.noShow(p.bookingId))}>
          标记未到诊
        </Btn>
      ) : null}
      {p.status === 'checked_in' ? <VisitRecord patient={p} onSaved={onChange} /> : null}
    </View>
  );
}

/** The green-channel officer's day: verify a service card, check patients in, today's list per department. */
export default function Today() {
  const [departmentId, setDepartmentId] = useState<string>(ALL);
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    const [institutions, today] = await Promise.all([bookingApi.institutions(), bookingApi.today(departmentId === ALL ? undefined : departmentId)]);
    return { me, institution: institutions.items.find((i) => i.name === me.organisation), today };
  }, { auto: false });
  useDidShow(() => void reload(state.status === 'ready'));
  const [token, setToken] = useState('');
  const [check, setCheck] = useState<CardCheckResponse | null>(null);
  const checking = useFormSend();

  // A new check starts from a blank verdict: the previous patient's green result must never stand
  // next to the code now being checked.
  const verify = async (content = token) => {
    setCheck(null);
    const parsed = CardCode.safeParse(content);
    if (!parsed.success) return checking.refuse(formErrors(parsed.error.issues.map((i) => ({ ...i, path: ['token'] }))));
    await checking.send(async () => setCheck(await bookingApi.checkCard(parsed.data)));
  };
  const edit = (value: string) => {
    setToken(value);
    setCheck(null);
    checking.clear();
  };
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      edit(res.result);
      await verify(res.result);
    } catch {
      checking.refuse({}, '没有扫到二维码，请再试一次，或把二维码内容粘贴到上面');
    }
  };
  const replace = (p: GreenChannelPatient) => {
    if (check) setCheck({ ...check, bookingsToday: check.bookingsToday.map((x) => (x.bookingId === p.bookingId ? p : x)) });
    void reload(true);
  };

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const { me, institution, today } = state.data;

  return (
    <View className="page hospital">
      <RemoteStatus state={state} reload={reload} />
      <View className="h1">{me.organisation ?? '绿色通道'}</View>
      <View className="text soft mb">{me.name} · {me.title ?? '绿色通道'}</View>

      <View className="card">
        <View className="h2">核验{SERVICE_CARD}</View>
        <TextField id="card-token" label="服务卡二维码内容" hint={`扫描患者手机上的${SERVICE_CARD}，或把二维码内容粘贴在这里`} value={token} error={checking.errors.token} maxlength={200} onInput={edit} />
        {checking.errors.token ? (
          // The verdict on the code itself, as plain and large as the green one it replaces.
          <Notice tone="error" icon="close">
            <View className="h2 verdict">{checking.errors.token}</View>
            {verdictDetail(checking.failure, checking.errors.token) ? <View className="text">{verdictDetail(checking.failure, checking.errors.token)}</View> : null}
          </Notice>
        ) : checking.failure ? (
          <Notice tone="error"><View className="text">{checking.failure}</View></Notice>
        ) : null}
        <View className="stack">
          <Btn big icon="scan" busy={checking.busy} busyText="正在核验…" onClick={() => void verify()}>
            核验{SERVICE_CARD}
          </Btn>
          {!isH5 ? (
            <Btn kind="secondary" icon="scan" onClick={() => void scan()}>
              用相机扫码
            </Btn>
          ) : null}
        </View>
      </View>

      {check ? (
        <View className="card">
          <Notice tone="ok">
            <View className="h2 verdict">{SERVICE_CARD}有效：{check.cardNo}</View>
            <View className="text">持卡人：{check.holders.map((h) => `${h.name}（${h.relation}）`).join('、')}</View>
          </Notice>
          {check.bookingsToday.length === 0 ? <View className="text">今天没有在本院的预约，请按优先服务为其挂号。</View> : null}
          {check.bookingsToday.map((p) => <PatientCard key={p.bookingId} p={p} token={token.trim()} onChange={replace} />)}
        </View>
      ) : null}

      <View className="h2 mt">今天的优先就医名单</View>
      {institution ? (
        <RadioChoices
          label="选择科室"
          value={departmentId}
          onChange={(v) => {
            setDepartmentId(v);
            setTimeout(() => void reload(true), 0);
          }}
          options={[{ value: ALL, label: '全部科室' }, ...institution.departments.map((d) => ({ value: d.departmentId, label: d.name }))]}
        />
      ) : null}
      {today.items.length === 0 ? <Empty text="今天还没有特殊家庭预约。" /> : null}
      {today.items.map((p) => <PatientCard key={p.bookingId} p={p} onChange={replace} />)}
      <View className="mt">
        <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.hospitalAdmissions })}>
          住院床位申请
        </Btn>
        <LogoutButton />
      </View>
    </View>
  );
}
