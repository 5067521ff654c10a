import { useRef } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, periodLabels, type BookingView, type Institution } from '@domain';
import { actingApi } from '../../../api/acting';
import { bookingApi, newRequestKey } from '../../../api/booking';
import { ApiFailure } from '../../../api/errors';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { ErrorState, Loading } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { useFormSend } from '../../../lib/form';
import { paths } from '../../../lib/routes';
import { requestSubscriptions } from '../../../lib/subscriptions';
import { useSessionPicker } from '../components/SessionPicker';
import { bookingPaths, bookingSubscriptions } from '../paths';
import '../booking.scss';
import { Whole } from '../../../components/Whole';

const DAYS_SHOWN = 7;

function RescheduleForm({ booking, institutions, forFamily }: { booking: BookingView; institutions: Institution[]; forFamily?: string }) {
  const picker = useSessionPicker({ institutions, days: DAYS_SHOWN, fixedInstitutionId: booking.institutionId });
  const { busy, failure: error, refuse, send } = useFormSend();
  const key = useRef(newRequestKey());
  const { chosen } = picker;

  const submit = async () => {
    if (!chosen) return refuse({}, '请先选好科室、日期和时段');
    if (forFamily) {
      const moved = await send(async () => {
        await actingApi.reschedule(forFamily, booking.bookingId, chosen.sessionId, key.current);
        key.current = newRequestKey();
        // Back to the family's 代办 page it came from (it reloads on show), else open it.
        if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
        else await Taro.redirectTo({ url: `${paths.actingHub}?familyId=${forFamily}` });
      });
      if (!moved) picker.reload();
      return;
    }
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
      <View className="h1">{forFamily ? '代为改约' : '改约'}</View>
      {forFamily ? <Notice tone="info"><View className="text">您在为这户家庭代办，新预约会写明由您代办，并通知用微信的家人。</View></Notice> : null}
      <View className="card">
        <View className="h3">原来的预约</View>
        <View className="text-lg strong">
          <Whole>{formatChineseDate(booking.date)} {periodLabels[booking.period]} {booking.startsAt.slice(11, 16)}</Whole>
        </View>
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

/**
 * Reschedule = cancel + book in one step, at the same institution (one transaction on the server).
 * Staff acting for a family (代办) open it with `forFamily`: the booking then comes from the
 * family's list they may read, and the move goes through the acting route.
 */
export default function Reschedule() {
  const { params } = useRouter();
  const bookingId = params.bookingId ?? '';
  const forFamily = params.forFamily;
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    const findBooking = async () => {
      if (!forFamily) return bookingApi.booking(me.familyId ?? '', bookingId);
      const found = (await bookingApi.mine(forFamily)).items.find((b) => b.bookingId === bookingId);
      if (!found) throw new ApiFailure('http', 404, '没有找到这个预约，它可能已经取消');
      return found;
    };
    const [booking, institutions] = await Promise.all([findBooking(), bookingApi.institutions()]);
    if (!booking.canCancel) throw new Error('这个预约已不能改约（已过取消截止时间或已变更）');
    return { booking, institutions: institutions.items };
  });
  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  return <RescheduleForm booking={state.data.booking} institutions={state.data.institutions} forFamily={forFamily} />;
}
