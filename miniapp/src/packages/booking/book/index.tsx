import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { bookingDefaults, SERVICE_CARD, type SessionView } from '@domain';
import { actingApi } from '../../../api/acting';
import { bookingApi, newRequestKey } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { ErrorState, Loading } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { paths } from '../../../lib/routes';
import { useRemote } from '../../../lib/remote';
import { useFormSend } from '../../../lib/form';
import { requestSubscriptions } from '../../../lib/subscriptions';
import { useSessionPicker } from '../components/SessionPicker';
import { bookingPaths, bookingSubscriptions } from '../paths';
import '../booking.scss';

const DAYS_SHOWN = 7;

/**
 * Choose institution → department → day → session, for whom, and what help is needed; then one
 * main action. The family's hospital, the department used last and the first day with places are
 * chosen already (or the booking being repeated: 再约一次 passes its hospital, department and
 * member), so the common case is: pick a session, confirm. What was chosen stays on screen whatever the server answers; a retried tap carries
 * the same Idempotency-Key, so it cannot book twice. The tap first asks WeChat for the messages
 * the booking will send (confirmation and both reminders), so they are not skipped later.
 */
export default function Book() {
  const params = Taro.getCurrentInstance().router?.params ?? {};
  // Staff acting for a family (代办) open this page with `forFamily` (and `forMember` from a doctor's member page).
  const forFamily = params.forFamily;
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    const familyId = forFamily ?? me.familyId;
    if (!familyId) throw new Error('没有找到您家的登记信息，请联系村（社区）联系人');
    const [institutions, mine] = await Promise.all([bookingApi.institutions(), bookingApi.mine(familyId)]);
    const wanted = params.forMember ?? params.memberId;
    const memberId = wanted && mine.members.some((m) => m.personId === wanted) ? wanted : forFamily ? (mine.members[0]?.personId ?? '') : me.personId;
    const defaults = params.institutionId
      ? { institutionId: params.institutionId, departmentId: params.departmentId ?? null }
      : bookingDefaults(institutions.items, mine.items, memberId);
    return { me, memberId, defaults, familyId, institutions: institutions.items, members: mine.members };
  });
  const [memberId, setMemberId] = useState<string | null>(null);
  const [escort, setEscort] = useState(false);
  const [wheelchair, setWheelchair] = useState(false);
  const { busy, failure: error, refuse, send } = useFormSend();
  const [notice, setNotice] = useState<string | null>(null);
  const key = useRef(newRequestKey());

  const ready = state.status === 'ready' ? state.data : null;
  useEffect(() => {
    if (ready && !memberId) setMemberId(ready.memberId);
  }, [ready, memberId]);

  const joinWaitlist = async (s: SessionView, institutionId: string) => {
    if (!ready || !memberId) return;
    // Inside the tap, before any await: the offer message needs the member's consent.
    const subscribed = requestSubscriptions([...bookingSubscriptions.waitlist]);
    await send(async () => {
      await subscribed;
      const entry = await bookingApi.joinWaitlist(ready.familyId, { institutionId, sessionId: s.sessionId, memberId });
      setNotice(entry.inWords);
    });
  };
  const picker = useSessionPicker({
    institutions: ready?.institutions ?? [],
    days: DAYS_SHOWN,
    initialInstitutionId: ready?.defaults.institutionId,
    initialDepartmentId: ready?.defaults.departmentId,
    collapseChosen: true,
    // The waiting list offers the place to the member's own phone: not for staff acting for a family.
    renderClosed: (s, institutionId) =>
      s.waitlistOpen && !forFamily ? (
        <Btn kind="secondary" busy={busy} onClick={() => void joinWaitlist(s, institutionId)}>
          排队候补
        </Btn>
      ) : null,
  });

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const data = state.data;
  const { chosen, institutionId } = picker;

  const submit = async () => {
    if (!institutionId || !chosen || !memberId) return refuse({}, '请先选好医院、科室、日期和时段');
    const body = { institutionId, sessionId: chosen.sessionId, memberId, needsEscort: escort, needsWheelchair: wheelchair };
    if (forFamily) {
      const booked = await send(async () => {
        await actingApi.book(forFamily, body, key.current);
        key.current = newRequestKey();
        // Back to the family's 代办 page it came from (it reloads on show), else open it.
        if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
        else await Taro.redirectTo({ url: `${paths.actingHub}?familyId=${forFamily}` });
      });
      if (!booked) picker.reload();
      return;
    }
    // Inside the tap, before any await (WeChat shows the request only there).
    const subscribed = requestSubscriptions([...bookingSubscriptions.book]);
    const booked = await send(async () => {
      // The grant is recorded before the booking writes its messages, so none is skipped.
      await subscribed;
      const booking = await bookingApi.book(data.familyId, body, key.current);
      key.current = newRequestKey();
      Taro.redirectTo({ url: `${bookingPaths.confirmation}?bookingId=${booking.bookingId}` });
    });
    // A refusal usually means the places changed: show them as they are now.
    if (!booked) picker.reload();
  };

  return (
    <View className="page booking">
      <View className="h1">{forFamily ? '代为预约优先号' : '预约优先就医'}</View>
      {forFamily ? <Notice tone="info"><View className="text">您在为这户家庭代办，预约会写明由您代办，并通知用微信的家人。</View></Notice> : null}
      <View className="text soft mb">定点医院为计划生育特殊家庭保留了优先号，凭{SERVICE_CARD}优先挂号、就诊、取药、缴费。</View>

      {picker.element}

      {chosen ? (
        <View className="card">
          <View className="h3">{picker.steps + 1}. 为谁预约</View>
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
      {forFamily ? null : (
        <View className="mt">
          <Btn kind="secondary" onClick={() => Taro.navigateTo({ url: bookingPaths.mine })}>
            查看我家的预约
          </Btn>
        </View>
      )}
    </View>
  );
}
