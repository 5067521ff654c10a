import { CancelRequest, FamilyBookingPath } from '../../domain';
import { cancelParts, getBooking } from '../lib/db/booking/bookings';
import { counterDecrement } from '../lib/db/booking/parts';
import { getSession } from '../lib/db/booking/sessions';
import { firstWaiting, listWaitlist } from '../lib/db/booking/waitlist';
import { transact, TransactionRefused } from '../lib/db/transact';
import { conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertCancellable } from './cancel-rules';
import { bookingView } from './views';

/**
 * Cancels before the cut-off. One transaction frees the place: back to the quota, or offered to the
 * first waiting member (conditioned on that entry still waiting, so two cancellations never offer
 * to the same person twice; a lost race re-reads the list and tries again).
 */
export const handler = routeHandler('booking.cancel', { path: FamilyBookingPath, body: CancelRequest }, async ({ path, body, now }) => {
  const booking = await getBooking(path.bookingId);
  if (!booking || booking.familyId !== path.familyId) throw notFound('没有找到这个预约');
  assertCancellable(booking, now);
  for (let attempt = 0; attempt < 5; attempt++) {
    const [session, waitlist] = await Promise.all([getSession(booking.institutionId, booking.sessionId), listWaitlist(booking.institutionId, booking.sessionId)]);
    if (!session) throw notFound('没有找到这个时段');
    try {
      await transact([...cancelParts(booking, session, firstWaiting(waitlist), now, body.reason), counterDecrement(booking.memberId)], {
        refusals: { 'old-booking': () => conflict('这个预约已经取消或已经变更，请刷新后查看') },
      });
      return { body: bookingView({ ...booking, status: 'cancelled', cancelledAt: now.toISOString() }, now) };
    } catch (err) {
      if (!(err instanceof TransactionRefused) || !err.has('old-offer')) throw err;
    }
  }
  throw conflict('候补名单正在变化，请稍后再试');
});
