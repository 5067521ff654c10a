import type { ActedBy, BookingView } from '../../domain';
import { type BookingItem, cancelParts } from '../lib/db/booking/bookings';
import { counterDecrement, type BookingPart } from '../lib/db/booking/parts';
import { getSession } from '../lib/db/booking/sessions';
import { firstWaiting, listWaitlist } from '../lib/db/booking/waitlist';
import { transact, TransactionRefused } from '../lib/db/transact';
import { actingRefusals } from '../lib/http/acting';
import { conflict, notFound } from '../lib/http/errors';
import { assertCancellable } from './cancel-rules';
import { bookingView } from './views';

/**
 * Cancels before the cut-off (the member's own route and staff acting for the family). One
 * transaction frees the place: back to the quota, or offered to the first waiting member
 * (conditioned on that entry still waiting, so two cancellations never offer to the same person
 * twice; a lost race re-reads the list and tries again). `extra` parts ride in the same
 * transaction (acting: the family's setting, log line and notices). Not a handler.
 */
export async function runCancel(
  booking: BookingItem,
  now: Date,
  opts: { reason?: string; actedBy?: ActedBy; extra?: BookingPart[] } = {},
): Promise<{ body: BookingView }> {
  assertCancellable(booking, now);
  for (let attempt = 0; attempt < 5; attempt++) {
    const [session, waitlist] = await Promise.all([getSession(booking.institutionId, booking.sessionId), listWaitlist(booking.institutionId, booking.sessionId)]);
    if (!session) throw notFound('没有找到这个时段');
    try {
      await transact([...cancelParts(booking, session, firstWaiting(waitlist), now, opts.reason, opts.actedBy), counterDecrement(booking.memberId), ...(opts.extra ?? [])], {
        refusals: { 'old-booking': () => conflict('这个预约已经取消或已经变更，请刷新后查看'), ...actingRefusals },
      });
      return { body: bookingView({ ...booking, status: 'cancelled', cancelledAt: now.toISOString(), ...(opts.actedBy ? { cancelActedBy: opts.actedBy } : {}) }, now) };
    } catch (err) {
      if (!(err instanceof TransactionRefused) || !err.has('old-offer')) throw err;
    }
  }
  throw conflict('候补名单正在变化，请稍后再试');
}
