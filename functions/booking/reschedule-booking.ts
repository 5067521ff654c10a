import { FamilyBookingPath, RescheduleRequest } from '../../domain';
import { getBooking } from '../lib/db/booking/bookings';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { runReschedule } from './reschedule-core';

/** A member moves a booking to another session of the same institution (functions/booking/reschedule-core.ts), with the Idempotency-Key marker. */
export const handler = routeHandler('booking.reschedule', { path: FamilyBookingPath, body: RescheduleRequest }, async ({ path, body, principal, now, idempotency }) => {
  const booking = await getBooking(path.bookingId);
  if (!booking || booking.familyId !== path.familyId) throw notFound('没有找到这个预约');
  return runReschedule(booking, body.sessionId, { bookedBy: principal.personId, now, idempotency });
});
