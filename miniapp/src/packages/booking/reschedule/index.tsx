import { useRef } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, periodLabels, type BookingView, type Institution } from '@domain';
import { bookingApi, newRequestKey } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { ErrorState, Loading } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { useFormSend } from '../../../lib/form';
import { requestSubscriptions } from '../../../lib/subscriptions';
import { useSessionPicker } from '../components/SessionPicker';
import { bookingPaths, bookingSubscriptions } from '../paths';
import '../booking.scss';

const DAYS_SHOWN = 7;

function RescheduleForm({ booking, institutions }: { booking: BookingView; institutions: Institution[] }) {
  const picker = useSessionPicker({ institutions, days: DAYS_SHOWN, fixedInstitutionId: booking.institutionId });
  const { busy, failure: error, refuse, send } = useFormSend();
  const key = useRef(newRequestKey());
  const { chosen } = picker;

  const submit = async () => {
    if (!chosen) return refuse({}, '请先选好科室、日期和时段');
    // Inside the tap, before any await: the new booking sends its confirmation and two reminders.
    const subscribed = requestSubscriptions([...bookingSubscriptions.book]);
    const moved = await send(async () => {
      await subscribed;
      const next = await bookingApi.reschedule(booking.familyId, booking.bookingId, chosen.sessionId, key.current);
      key.current = newRequestKey();
      Taro.redirectTo({ url: `${bookingPaths.confirmation}?bookingId=${next.bookingId}` });
    });
    if (!moved) picker.reload();
  };

  return (
    <View className="page booking">
      <View className="h1">改约</View>
      <View className="card">
        <View className="h3">原来的预约</View>
        <View className="text-lg strong">{formatChineseDate(booking.date)} {periodLabels[booking.period]} {booking.startsAt.slice(11, 16)}</View>
        <View className="text-lg">{booking.memberName} · {booking.institutionName}{booking.departmentName}</View>
        <View className="text soft">选好新时段后一步完成：原预约取消，新预约生效；不成功时原预约保持不变。</View>
      </View>
      {picker.element}
      {error ? <Notice tone="error"><View className="text" role="alert">{error}</View></Notice> : null}
      {chosen ? (
        <Btn big icon="check" busy={busy} busyText="正在改约…" onClick={() => void submit()}>
          确认改到这个时段
        </Btn>
      ) : null}
    </View>
  );
}

/** Reschedule = cancel + book in one step, at the same institution (one transaction on the server). */
export default function Reschedule() {
  const bookingId = Taro.getCurrentInstance().router?.params?.bookingId ?? '';
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    const [booking, institutions] = await Promise.all([bookingApi.booking(me.familyId ?? '', bookingId), bookingApi.institutions()]);
    if (!booking.canCancel) throw new Error('这个预约已不能改约（已过取消截止时间或已变更）');
    return { booking, institutions: institutions.items };
  });
  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  return <RescheduleForm booking={state.data.booking} institutions={state.data.institutions} />;
}
