import { useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, parseSessionId, periodLabels, type BookingView } from '@domain';
import { bookingApi, newRequestKey } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';
import { requestSubscriptions } from '../../../lib/subscriptions';
import { bookingPaths, bookingSubscriptions } from '../paths';
import '../booking.scss';

/** The booking form with this booking's hospital, department and member chosen: a session and a confirm away. */
const rebookUrl = (b: BookingView) =>
  `${bookingPaths.book}?institutionId=${b.institutionId}&departmentId=${parseSessionId(b.sessionId).departmentId}&memberId=${b.memberId}`;

/** The family's bookings, newest first, and its places on waiting lists (with an offer to accept). */
export default function Mine() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    return { familyId: me.familyId ?? '', ...(await bookingApi.mine(me.familyId ?? '')) };
  }, { auto: false });
  useDidShow(() => void reload(state.status === 'ready'));
  const { busy, failure: error, send } = useFormSend();
  const key = useRef(newRequestKey());

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const { familyId, items, waitlist } = state.data;

  const accept = async (w: (typeof waitlist)[number]) => {
    // Inside the tap, before any await: the booking sends its confirmation and two reminders.
    const subscribed = requestSubscriptions([...bookingSubscriptions.book]);
    const accepted = await send(async () => {
      await subscribed;
      const b = await bookingApi.acceptOffer(familyId, { institutionId: w.institutionId, sessionId: w.sessionId, memberId: w.memberId }, key.current);
      key.current = newRequestKey();
      Taro.navigateTo({ url: `${bookingPaths.confirmation}?bookingId=${b.bookingId}` });
    });
    // The offer may have gone to someone else meanwhile: show the list as it is now.
    if (!accepted) void reload(true);
  };

  return (
    <View className="page booking">
      <View className="h1">我家的预约</View>
      {error ? <Notice tone="error"><View className="text" role="alert">{error}</View></Notice> : null}
      {waitlist.map((w) => (
        <View className="card" key={`${w.sessionId}-${w.memberId}`}>
          <View className="h3">{w.memberName} 的候补</View>
          <View className="text">{w.inWords}</View>
          {w.status === 'offered' ? (
            <Btn busy={busy} onClick={() => void accept(w)}>
              确认要这个号
            </Btn>
          ) : null}
        </View>
      ))}
      {items.length === 0 ? <Empty text="还没有预约。" /> : null}
      {items.map((b) => (
        <View className="card" key={b.bookingId}>
          <View className="status-line">{b.statusLabel}</View>
          <View className="text-lg strong">
            {formatChineseDate(b.date)} {periodLabels[b.period]} {b.startsAt.slice(11, 16)}
          </View>
          <View className="text-lg">{b.memberName} · {b.institutionName}{b.departmentName}</View>
          {b.actedLabel ? <View className="text soft">{b.actedLabel}</View> : null}
          {b.cancelActedLabel ? <View className="text soft">取消：{b.cancelActedLabel}</View> : null}
          <Btn kind="secondary" onClick={() => Taro.navigateTo({ url: `${bookingPaths.confirmation}?bookingId=${b.bookingId}` })}>
            查看详情
          </Btn>
          {b.status !== 'booked' ? (
            <Btn kind="secondary" icon="refresh" onClick={() => Taro.navigateTo({ url: rebookUrl(b) })}>
              再约一次
            </Btn>
          ) : null}
        </View>
      ))}
      <View className="mt">
        <Btn big icon="check" onClick={() => Taro.navigateTo({ url: bookingPaths.book })}>
          预约新的号
        </Btn>
        <Btn kind="secondary" onClick={() => Taro.navigateTo({ url: bookingPaths.admission })}>
          需要住院床位
        </Btn>
      </View>
    </View>
  );
}
