import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { addDays, beijingDate, formatChineseDate, periodLabels, weekdayOf, type BookingView, type SessionView } from '@domain';
import { bookingApi, newRequestKey } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { requireMe } from '../../../lib/guard';
import { handleFailure, useRemote } from '../../../lib/remote';
import { paths } from '../../../lib/routes';
import '../booking.scss';

const weekdayNames = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const DAYS_SHOWN = 14;

/** What the doctor sees after referring: the place booked, so they can tell the member on the phone too. */
function Referred({ b }: { b: BookingView }) {
  return (
    <View className="page booking">
      <Notice tone="ok">
        <View className="h2">转诊预约成功</View>
        <View className="text">已通过微信通知 {b.memberName} 的家人。</View>
      </Notice>
      <View className="card">
        <View className="detail"><View className="detail__label">就诊人</View><View>{b.memberName}</View></View>
        <View className="detail"><View className="detail__label">时间</View><View>{formatChineseDate(b.date)} {periodLabels[b.period]} {b.startsAt.slice(11, 16)}</View></View>
        <View className="detail"><View className="detail__label">地点</View><View>{b.institutionName}{b.departmentName} · {b.place}</View></View>
        <View className="detail"><View className="detail__label">接诊医生</View><View>{b.doctorName}</View></View>
        <View className="detail"><View className="detail__label">接待</View><View>{b.meetBy}</View></View>
        <View className="detail"><View className="detail__label">请带上</View><View>{b.bring.join('、')}</View></View>
      </View>
      <Btn big icon="arrowRight" onClick={() => Taro.redirectTo({ url: paths.doctorMembers })}>
        回到我的签约居民
      </Btn>
    </View>
  );
}

/**
 * The signed family doctor books a priority place for a member (转诊): institution → department →
 * day → session, the reason, and what help is needed. The choices stay on screen whatever the
 * server answers; a retried tap carries the same Idempotency-Key, so it cannot book twice.
 */
export default function Referral() {
  const { params } = useRouter();
  const familyId = params.familyId ?? '';
  const memberId = params.memberId ?? '';
  const memberName = params.memberName ? decodeURIComponent(params.memberName) : '这位居民';
  const { state, reload } = useRemote(async () => {
    await requireMe();
    if (!familyId || !memberId) throw new Error('请从签约居民名单进入转诊');
    return (await bookingApi.institutions()).items;
  });
  const [institutionId, setInstitutionId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [escort, setEscort] = useState(false);
  const [wheelchair, setWheelchair] = useState(false);
  const [sessions, setSessions] = useState<{ status: 'idle' | 'loading' | 'ready' | 'error'; items: SessionView[]; message?: string }>({ status: 'idle', items: [] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<BookingView | null>(null);
  const key = useRef(newRequestKey());

  const loadSessions = async () => {
    if (!institutionId || !departmentId || !date) return;
    setSessions({ status: 'loading', items: [] });
    try {
      setSessions({ status: 'ready', items: (await bookingApi.sessions(institutionId, date, departmentId)).items });
    } catch (err) {
      setSessions({ status: 'error', items: [], message: handleFailure(err) });
    }
  };
  useEffect(() => {
    setSessionId(null);
    void loadSessions();
    // Reload when the choice changes; loadSessions reads the same three values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [institutionId, departmentId, date]);

  if (done) return <Referred b={done} />;
  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const institutions = state.data;
  const institution = institutions.find((i) => i.institutionId === institutionId);
  const bookable = sessions.items.filter((s) => s.bookable);
  const chosen = bookable.find((s) => s.sessionId === sessionId);
  const today = beijingDate(new Date());
  const days = Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(today, i + 1));

  const submit = async () => {
    if (!institutionId || !chosen) return setError('请先选好医院、科室、日期和时段');
    if (reason.trim().length < 2) return setError('请填写转诊原因');
    setBusy(true);
    setError(null);
    try {
      setDone(await bookingApi.refer({ familyId, memberId, institutionId, sessionId: chosen.sessionId, reason: reason.trim(), needsEscort: escort, needsWheelchair: wheelchair }, key.current));
    } catch (err) {
      setError(handleFailure(err));
      void loadSessions();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page booking">
      <View className="h1">为{memberName}转诊预约</View>
      <View className="text soft mb">在定点医院为签约居民预约优先号，预约成功后会通知居民家里。</View>
      {institutions.length === 0 ? <Empty text="本县还没有登记定点医院。" /> : null}
      <View className="card">
        <View className="h3">1. 选择医院</View>
        <RadioChoices
          label="选择医院"
          value={institutionId}
          onChange={(v) => {
            setInstitutionId(v);
            setDepartmentId(null);
          }}
          options={institutions.map((i) => ({ value: i.institutionId, label: i.name }))}
        />
      </View>
      {institution ? (
        <View className="card">
          <View className="h3">2. 选择科室</View>
          <RadioChoices label="选择科室" value={departmentId} onChange={setDepartmentId} options={institution.departments.map((d) => ({ value: d.departmentId, label: d.name }))} />
        </View>
      ) : null}
      {departmentId ? (
        <View className="card">
          <View className="h3">3. 选择日期</View>
          <RadioChoices label="选择日期" value={date} onChange={setDate} options={days.map((d) => ({ value: d, label: `${formatChineseDate(d)} ${weekdayNames[weekdayOf(d)]}` }))} />
        </View>
      ) : null}
      {date ? (
        <View className="card">
          <View className="h3">4. 选择时段</View>
          {sessions.status === 'loading' ? <Loading text="正在查看号源…" /> : null}
          {sessions.status === 'error' ? <ErrorState message={sessions.message ?? '号源没有加载出来'} onRetry={() => void loadSessions()} /> : null}
          {sessions.status === 'ready' && bookable.length === 0 ? <Empty text="这一天没有可以预约的优先号，请换一天。" /> : null}
          {bookable.length ? (
            <RadioChoices
              label="选择时段"
              value={sessionId}
              onChange={setSessionId}
              options={bookable.map((s) => ({
                value: s.sessionId,
                label: `${periodLabels[s.period]} ${s.startsAt.slice(11, 16)} ${s.doctorName}，${s.inWords}`,
              }))}
            />
          ) : null}
        </View>
      ) : null}
      {chosen ? (
        <View className="card">
          <View className="h3">5. 转诊原因和需要的帮助</View>
          <TextArea label="转诊原因" hint="接诊医院会看到，200 字以内" value={reason} maxlength={200} onInput={setReason} />
          <CheckChoice checked={escort} onChange={setEscort}>需要陪诊（有人陪同看病）</CheckChoice>
          <CheckChoice checked={wheelchair} onChange={setWheelchair}>需要轮椅</CheckChoice>
        </View>
      ) : null}
      {error ? <Notice tone="error"><View className="text" role="alert">{error}</View></Notice> : null}
      {chosen ? (
        <Btn big icon="check" busy={busy} busyText="正在预约…" onClick={() => void submit()}>
          确认转诊预约
        </Btn>
      ) : null}
    </View>
  );
}
