import { CancelRequest, FamilyBookingPath } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { runCancel } from '../booking/cancel-core';
import { actOnBooking } from './booking-target';

/**
 * Staff cancel a booking on the family's behalf: the member's own cancellation (functions/booking/cancel-core.ts)
 * with the acting parts in its transaction.
 */
export const handler = routeHandler('acting.cancelBooking', { path: FamilyBookingPath, body: CancelRequest }, async ({ path, body, principal, now }) => {
  const { booking, acting } = await actOnBooking(principal, path);
  const subject = { personId: booking.memberId, name: booking.memberName };
  const extra = acting.parts({ action: 'cancel', subject, detail: `${booking.institutionName}${booking.departmentName}`, page: 'packages/booking/mine/index', now });
  return runCancel(booking, now, { reason: body.reason, actedBy: acting.actedBy, extra });
});
