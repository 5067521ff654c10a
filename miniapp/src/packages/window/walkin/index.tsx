import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import {
  beijingDate,
  beijingIso,
  beijingTime,
  EmergencyAdmissionRequest,
  fenToYuan,
  PatientLookupRequest,
  reductionItems,
  SERVICE_CARD,
  walkInPriorities,
  WalkInRequest,
  type LookupMethod,
  type PatientLookupResponse,
  type ReductionItem,
  type WalkInPriority,
  type WalkInView,
} from '@domain';
import { bookingApi } from '../../../api/booking';
import { isH5 } from '../../../api/config';
import { greenChannelApi } from '../../../api/green-channel';
import { newIdempotencyKey } from '../../../api/idempotency-key';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { DateField, TimeField } from '../../../components/DateTimeField';
import { Notice } from '../../../components/Notice';
import { NumberField } from '../../../components/NumberField';
import { Empty, ErrorState, Loading, RemoteStatus } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { TextField } from '../../../components/TextField';
import { formErrors, useFormSend } from '../../../lib/form';
import { requireMe } from '../../../lib/guard';
import { toFen } from '../../../lib/money';
import { useRemote } from '../../../lib/remote';
import { paths } from '../../../lib/routes';
import '../../hospital/today/index.scss';

type Found = PatientLookupResponse;
interface Department {
  departmentId: string;
  name: string;
}

const methodOptions: { value: LookupMethod; label: string }[] = [
  { value: 'cardNo', label: '输入服务卡号' },
  { value: 'nameId', label: '输入姓名和身份证号后 6 位' },
  { value: 'code', label: isH5 ? '粘贴服务卡二维码内容' : '扫服务卡二维码' },
];

/** Finds the family: card number, name + ID digits, or the card's QR code. */
function Lookup({ onFound }: { onFound: (f: Found | null) => void }) {
  const [method, setMethod] = useState<LookupMethod>('cardNo');
  const [cardNo, setCardNo] = useState('');
  const [name, setName] = useState('');
  const [idLast6, setIdLast6] = useState('');
  const [token, setToken] = useState('');
  const form = useFormSend();
  const find = async (override?: Partial<PatientLookupRequest>) => {
    // A new lookup starts from nothing: the previous patient's result must not stand next to it.
    onFound(null);
    const raw = method === 'cardNo' ? { by: method, cardNo } : method === 'nameId' ? { by: method, name, idLast6 } : { by: method, token, ...override };
    const parsed = PatientLookupRequest.safeParse(raw);
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    await form.send(async () => onFound(await greenChannelApi.findPatient(parsed.data)));
  };
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      setToken(res.result);
      await find({ token: res.result });
    } catch {
      form.refuse({}, '没有扫到二维码，请再试一次，或改用服务卡号查找');
    }
  };
  const choose = (m: LookupMethod) => {
    setMethod(m);
    onFound(null);
    form.clear();
  };
  return (
    <View className="card">
      <View className="h2">查找患者家庭</View>
      <View className="field">
        <View className="field__label">查找方式</View>
        <RadioChoices label="查找方式" value={method} onChange={choose} options={methodOptions} />
      </View>
      {method === 'cardNo' ? <TextField id="lookup-card" label="服务卡号" hint={`印在实体${SERVICE_CARD}上`} value={cardNo} error={form.errors.cardNo} maxlength={30} onInput={setCardNo} /> : null}
      {method === 'nameId' ? (
        <>
          <TextField id="lookup-name" label="姓名" value={name} error={form.errors.name} maxlength={20} onInput={setName} />
          <TextField id="lookup-id6" label="身份证号后 6 位" type="idcard" value={idLast6} error={form.errors.idLast6} maxlength={6} onInput={setIdLast6} />
        </>
      ) : null}
      {method === 'code' && isH5 ? <TextField id="lookup-code" label="服务卡二维码内容" value={token} error={form.errors.token} maxlength={200} onInput={setToken} /> : null}
      {form.failure ? (
        <Notice tone="error" icon="close">
          <View className="h2 verdict" role="alert">{form.failure}</View>
        </Notice>
      ) : null}
      {method === 'code' && !isH5 ? (
        <Btn big icon="scan" busy={form.busy} busyText="正在查找…" onClick={() => void scan()}>
          用相机扫码
        </Btn>
      ) : (
        <Btn big icon="scan" busy={form.busy} busyText="正在查找…" onClick={() => void find()}>
          查找
        </Btn>
      )}
    </View>
  );
}

/** The walk-in record: department, priorities, escort or wheelchair, reductions, 先诊疗后付费. */
function WalkInForm({ found, departments, onSaved }: { found: Found; departments: Department[]; onSaved: (v: WalkInView) => void }) {
  const [memberId, setMemberId] = useState(found.personId ?? found.holders[0]?.personId ?? '');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [priorities, setPriorities] = useState<WalkInPriority[]>([]);
  const [escort, setEscort] = useState(false);
  const [wheelchair, setWheelchair] = useState(false);
  const [amounts, setAmounts] = useState<Partial<Record<ReductionItem, string>>>({});
  const [payLater, setPayLater] = useState(false);
  const [note, setNote] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const form = useFormSend();
  const save = async () => {
    const bad: Record<string, string> = {};
    const reductions = reductionItems.flatMap((item) => {
      const text = (amounts[item] ?? '').trim();
      if (!text) return [];
      const fen = toFen(text);
      if (fen === undefined) bad[`reduction-${item}`] = '请填写金额（元），最多两位小数';
      return fen ? [{ item, amountFen: fen }] : [];
    });
    if (!departmentId) bad.departmentId = '请选择科室';
    if (Object.keys(bad).length) return form.refuse(bad);
    const parsed = WalkInRequest.safeParse({ presentedTicket: found.presentedTicket, memberId, departmentId, priorities, escort, wheelchair, reductions, payLater, ...(note.trim() ? { note: note.trim() } : {}) });
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    const ok = await form.send(async () => onSaved(await greenChannelApi.recordWalkIn(parsed.data, key)));
    if (ok) setKey(newIdempotencyKey());
  };
  return (
    <View className="visit">
      <View className="h2">记录窗口就诊</View>
      {found.holders.length > 1 ? (
        <View className="field">
          <View className="field__label">就诊的是</View>
          <RadioChoices label="就诊的是" value={memberId} onChange={setMemberId} options={found.holders.map((h) => ({ value: h.personId, label: `${h.name}（${h.relation}）` }))} />
        </View>
      ) : null}
      <View className="field">
        <View className="field__label">就诊科室</View>
        <RadioChoices id="walkin-dept" label="就诊科室" value={departmentId} error={form.errors.departmentId} onChange={setDepartmentId} options={departments.map((d) => ({ value: d.departmentId, label: d.name }))} />
      </View>
      <View className="h3">提供的优先服务</View>
      {walkInPriorities.map((p) => (
        <CheckChoice key={p} checked={priorities.includes(p)} onChange={(on) => setPriorities(on ? [...priorities, p] : priorities.filter((x) => x !== p))}>
          优先{p}
        </CheckChoice>
      ))}
      <View className="h3">陪诊和轮椅</View>
      <CheckChoice checked={escort} onChange={setEscort}>
        安排了导诊陪诊
      </CheckChoice>
      <CheckChoice checked={wheelchair} onChange={setWheelchair}>
        提供了轮椅
      </CheckChoice>
      <View className="h3">减免的费用（元）</View>
      <View className="text soft">只填减免了的项目；全免就填该项全部金额。</View>
      {reductionItems.map((item) => (
        <NumberField
          key={item}
          id={`reduction-${item}`}
          label={`${item}减免`}
          decimal
          maxlength={9}
          value={amounts[item] ?? ''}
          error={form.errors[`reduction-${item}`]}
          onInput={(v) => setAmounts({ ...amounts, [item]: v })}
        />
      ))}
      <CheckChoice checked={payLater} onChange={setPayLater}>
        实行了先诊疗后付费
      </CheckChoice>
      <TextArea id="walkin-note" label="备注（可不填）" value={note} error={form.errors.note} maxlength={200} onInput={setNote} />
      {form.failure ? <Notice tone="error"><View className="text" role="alert">{form.failure}</View></Notice> : null}
      <Btn icon="check" busy={form.busy} busyText="正在保存…" onClick={() => void save()}>
        保存窗口就诊记录
      </Btn>
    </View>
  );
}

/** Emergency admission when no relative can be reached: the hospital leader's approval is recorded. */
function EmergencyForm({ found, onSaved }: { found: Found; onSaved: (message: string) => void }) {
  const now = new Date();
  const [memberId, setMemberId] = useState(found.personId ?? found.holders[0]?.personId ?? '');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState('');
  const [leader, setLeader] = useState('');
  const [date, setDate] = useState(beijingDate(now));
  const [time, setTime] = useState(beijingTime(now));
  const [key, setKey] = useState(newIdempotencyKey);
  const form = useFormSend();
  const save = async () => {
    const parsed = EmergencyAdmissionRequest.safeParse({ presentedTicket: found.presentedTicket, memberId, reason, relativesTried: tried, leaderName: leader, approvedAt: beijingIso(date, time) });
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    const ok = await form.send(async () => {
      const a = await greenChannelApi.recordEmergencyAdmission(parsed.data, key);
      onSaved(`已记录${a.memberName}急诊入院（${a.emergency.leaderName}批准）`);
    });
    if (ok) setKey(newIdempotencyKey());
  };
  return (
    <View className="visit">
      <View className="h2">急诊入院（联系不上亲属）</View>
      <View className="text soft">联系不上亲属时，经医院领导批准先行入院，这里记下批准人和时间。</View>
      {found.holders.length > 1 ? (
        <RadioChoices label="入院的是" value={memberId} onChange={setMemberId} options={found.holders.map((h) => ({ value: h.personId, label: `${h.name}（${h.relation}）` }))} />
      ) : null}
      <TextArea id="em-reason" label="入院原因" value={reason} error={form.errors.reason} maxlength={200} onInput={setReason} />
      <TextArea id="em-tried" label="联系亲属的情况" hint="联系过谁、为何联系不上" value={tried} error={form.errors.relativesTried} maxlength={200} onInput={setTried} />
      <TextField id="em-leader" label="批准的医院领导" value={leader} error={form.errors.leaderName} maxlength={20} onInput={setLeader} />
      <DateField id="em-date" label="批准日期" value={date} end={beijingDate(now)} error={form.errors.approvedAt} onChange={setDate} />
      <TimeField id="em-time" label="批准时间" hint="北京时间" value={time} onChange={setTime} />
      {form.failure ? <Notice tone="error"><View className="text" role="alert">{form.failure}</View></Notice> : null}
      <Btn kind="secondary" busy={form.busy} busyText="正在保存…" onClick={() => void save()}>
        保存急诊入院记录
      </Btn>
    </View>
  );
}

const walkInSummary = (v: WalkInView) =>
  [
    v.priorities.map((p) => `优先${p}`).join('、'),
    v.escort ? '陪诊' : '',
    v.wheelchair ? '轮椅' : '',
    v.reductionFen ? `减免 ${fenToYuan(v.reductionFen)} 元` : '',
    v.payLater ? '先诊疗后付费' : '',
  ]
    .filter(Boolean)
    .join('；') || '未记录优先服务';

/** The window: find a card holder who came without a booking and record what they were given. */
export default function WalkIn() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    const [institutions, today] = await Promise.all([bookingApi.institutions(), greenChannelApi.walkInsToday()]);
    return { me, departments: institutions.items.find((i) => i.name === me.organisation)?.departments ?? [], today };
  }, { auto: false });
  useDidShow(() => void reload(state.status === 'ready'));
  const [found, setFound] = useState<Found | null>(null);
  const [emergency, setEmergency] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const show = (f: Found | null) => {
    setFound(f);
    setEmergency(false);
    setSaved(null);
  };

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const { me, departments, today } = state.data;

  return (
    <View className="page hospital">
      <RemoteStatus state={state} reload={reload} />
      <View className="h1">窗口接待</View>
      <View className="text soft mb">{me.organisation ?? '绿色通道'} · 没有预约的持卡人</View>
      <Lookup onFound={show} />
      {saved ? <Notice tone="ok"><View className="h2 verdict">{saved}</View></Notice> : null}
      {found ? (
        <View className="card">
          <Notice tone="ok">
            <View className="h2 verdict">已找到：{SERVICE_CARD} {found.cardNo}</View>
            <View className="text">持卡人：{found.holders.map((h) => `${h.name}（${h.relation}）`).join('、')}</View>
          </Notice>
          {found.bookingsToday.length ? (
            <View className="text">这户家庭今天在本院有预约，请到“今天的优先就医名单”为其签到。</View>
          ) : null}
          <WalkInForm
            found={found}
            departments={departments}
            onSaved={(v) => {
              setFound(null);
              setSaved(`已记录 ${v.memberName} 的窗口就诊：${walkInSummary(v)}`);
              void reload(true);
            }}
          />
          {emergency ? (
            <EmergencyForm
              found={found}
              onSaved={(m) => {
                setFound(null);
                setSaved(m);
              }}
            />
          ) : (
            <View className="mt">
              <Btn kind="secondary" onClick={() => setEmergency(true)}>
                急诊入院（联系不上亲属）
              </Btn>
            </View>
          )}
        </View>
      ) : null}

      <View className="h2 mt">今天的窗口就诊</View>
      {today.items.length === 0 ? <Empty text="今天还没有记录窗口就诊。" /> : null}
      {today.items.map((v) => (
        <View key={v.visitId} className="card">
          <View className="h3">{v.memberName} · {v.departmentName}</View>
          <View className="text">{walkInSummary(v)}</View>
          <View className="text soft">{v.recordedAt.slice(11, 16)} 由{v.recordedByName}记录</View>
        </View>
      ))}
      <View className="mt">
        <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.greenChannelToday })}>
          今天的优先就医名单
        </Btn>
      </View>
    </View>
  );
}
