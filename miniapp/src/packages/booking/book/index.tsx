import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { addDays, beijingDate, formatChineseDate, periodLabels, weekdayOf, type SessionView } from '@domain';
import { bookingApi, newRequestKey } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { handleFailure, useRemote } from '../../../lib/remote';
import { bookingPaths } from '../paths';
import '../booking.scss';

const weekdayNames = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const DAYS_SHOWN = 7;

/**
 * Choose institution → department → day → session, for whom, and what help is needed; then one
 * main action. What was chosen stays on screen whatever the server answers; a retried tap carries
 * the same Idempotency-Key, so it cannot book twice.
 */
export default function Book() {
  const params = Taro.getCurrentInstance().router?.params ?? {};
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    if (!me.familyId) throw new Error('没有找到您家的登记信息，请联系村（社区）联系人');
    const [institutions, mine] = await Promise.all([bookingApi.institutions(), bookingApi.mine(me.familyId)]);
    return { me, familyId: me.familyId, institutions: institutions.items, members: mine.members };
  });
  const today = beijingDate(new Date());
  const [institutionId, setInstitutionId] = useState<string | null>(params.institutionId ?? null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [escort, setEscort] = useState(false);
  const [wheelchair, setWheelchair] = useState(false);
  const [sessions, setSessions] = useState<{ status: 'idle' | 'loading' | 'ready' | 'error'; items: SessionView[]; message?: string }>({ status: 'idle', items: [] });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const key = useRef(newRequestKey());

  const ready = state.status === 'ready' ? state.data : null;
  const institution = ready?.institutions.find((i) => i.institutionId === institutionId);
  useEffect(() => {
    if (ready && !memberId) setMemberId(ready.me.personId);
  }, [ready, memberId]);

  const loadSessions = async () => {
    if (!institutionId || !departmentId || !date) return;
    setSessions({ status: 'loading', items: [] });
    try {
      const res = await bookingApi.sessions(institutionId, date, departmentId);
      setSessions({ status: 'ready', items: res.items });
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

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const data = state.data;
  const chosen = sessions.items.find((s) => s.sessionId === sessionId);
  const days = Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(today, i + 1));

  const submit = async () => {
    if (!institutionId || !chosen || !memberId) {
      setError('请先选好医院、科室、日期和时段');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const booking = await bookingApi.book(data.familyId, { institutionId, sessionId: chosen.sessionId, memberId, needsEscort: escort, needsWheelchair: wheelchair }, key.current);
      key.current = newRequestKey();
      Taro.redirectTo({ url: `${bookingPaths.confirmation}?bookingId=${booking.bookingId}` });
    } catch (err) {
      setError(handleFailure(err));
      void loadSessions();
    } finally {
      setBusy(false);
    }
  };

  const joinWaitlist = async (s: SessionView) => {
    if (!institutionId || !memberId) return;
    setBusy(true);
    setError(null);
    try {
      const entry = await bookingApi.joinWaitlist(data.familyId, { institutionId, sessionId: s.sessionId, memberId });
      setNotice(entry.inWords);
    } catch (err) {
      setError(handleFailure(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page booking">
      <View className="h1">预约优先就医</View>
      <View className="text soft mb">定点医院为计划生育特殊家庭保留了优先号，凭就医服务卡优先挂号、就诊、取药、缴费。</View>

      <View className="card">
        <View className="h3">1. 选择医院</View>
        <RadioChoices
          label="选择医院"
          value={institutionId}
          onChange={(v) => {
            setInstitutionId(v);
            setDepartmentId(null);
          }}
          options={data.institutions.map((i) => ({ value: i.institutionId, label: i.name }))}
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
          {sessions.status === 'ready' && sessions.items.length === 0 ? <Empty text="这一天这个科室不出诊，请换一天。" /> : null}
          {sessions.items.length ? (
            <RadioChoices
              label="选择时段"
              value={sessionId}
              onChange={setSessionId}
              options={sessions.items.filter((s) => s.bookable).map((s) => ({
                value: s.sessionId,
                label: (
                  <View>
                    <View className="text-lg strong">{periodLabels[s.period]} {s.startsAt.slice(11, 16)} {s.doctorName}</View>
                    <View className="text">{s.inWords}</View>
                  </View>
                ),
              }))}
            />
          ) : null}
          {sessions.items.filter((s) => !s.bookable).map((s) => (
            <View className="session-closed" key={s.sessionId}>
              <View className="text-lg strong">{periodLabels[s.period]} {s.startsAt.slice(11, 16)} {s.doctorName}</View>
              <View className="text">{s.inWords}</View>
              {s.waitlistOpen ? (
                <Btn kind="secondary" busy={busy} onClick={() => void joinWaitlist(s)}>
                  排队候补
                </Btn>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      {chosen ? (
        <View className="card">
          <View className="h3">5. 为谁预约</View>
          <RadioChoices label="为谁预约" value={memberId} onChange={setMemberId} options={data.members.map((m) => ({ value: m.personId, label: `${m.name}（${m.relation}）` }))} />
          <View className="h3 mt">需要的帮助</View>
          <CheckChoice checked={escort} onChange={setEscort}>需要陪诊（有人陪同看病）</CheckChoice>
          <CheckChoice checked={wheelchair} onChange={setWheelchair}>需要轮椅</CheckChoice>
        </View>
      ) : null}

      {notice ? <Notice tone="ok"><View className="text">{notice}</View></Notice> : null}
      {error ? <Notice tone="error"><View className="text" role="alert">{error}</View></Notice> : null}

      {chosen ? (
        <Btn big icon="check" busy={busy} busyText="正在预约…" onClick={() => void submit()}>
          确认预约
        </Btn>
      ) : null}
      <View className="mt">
        <Btn kind="secondary" onClick={() => Taro.navigateTo({ url: bookingPaths.mine })}>
          查看我家的预约
        </Btn>
      </View>
    </View>
  );
}
