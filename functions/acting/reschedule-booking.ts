import { FamilyBookingPath, RescheduleRequest } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { runReschedule } from '../booking/reschedule-core';
import { actOnBooking } from './booking-target';

/**
 * Staff move a booking to another session on the family's behalf: the member's own reschedule
 * (cancel + book in one transaction with the Idempotency-Key marker) with the acting parts.
 */
export const handler = routeHandler('acting.rescheduleBooking', { path: FamilyBookingPath, body: RescheduleRequest }, async ({ path, body, principal, now, idempotency }) => {
  const { booking, acting } = await actOnBooking(principal, path);
  const subject = { personId: booking.memberId, name: booking.memberName };
  const extra = acting.parts({ action: 'reschedule', subject, detail: `${booking.institutionName}${booking.departmentName}`, page: 'packages/booking/mine/index', now });
  return runReschedule(booking, body.sessionId, { bookedBy: principal.personId, now, idempotency, actedBy: acting.actedBy, extra });
});
