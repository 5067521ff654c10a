import { FamilyBookingPath, RescheduleRequest } from '../../domain';
import { cancelParts, getBooking, newBookingId } from '../lib/db/booking/bookings';
import { getSession } from '../lib/db/booking/sessions';
import { firstWaiting, listWaitlist } from '../lib/db/booking/waitlist';
import { badRequest, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertSessionOpen, runBooking } from './book-core';
import { assertCancellable } from './cancel-rules';

/**
 * Reschedule = cancel + book, in one transaction (with the Idempotency-Key marker): the member
 * never ends up with both or neither.
 */
export const handler = routeHandler('booking.reschedule', { path: FamilyBookingPath, body: RescheduleRequest }, async ({ path, body, principal, now, idempotency }) => {
  const booking = await getBooking(path.bookingId);
  if (!booking || booking.familyId !== path.familyId) throw notFound('没有找到这个预约');
  if (booking.sessionId === body.sessionId) throw badRequest('新时段和原来的相同，不需要改约');
  assertCancellable(booking, now);
  const [oldSession, newSession, waitlist] = await Promise.all([
    getSession(booking.institutionId, booking.sessionId),
    getSession(booking.institutionId, body.sessionId),
    listWaitlist(booking.institutionId, booking.sessionId),
  ]);
  if (!oldSession || !newSession) throw notFound('没有找到这个时段，请重新选择');
  assertSessionOpen(newSession, now);
  return runBooking(
    {
      session: newSession,
      booker: { familyId: booking.familyId, memberId: booking.memberId, memberName: booking.memberName, bookedBy: principal.personId },
      bookingId: newBookingId(),
      source: 'member',
      needsEscort: booking.needsEscort,
      needsWheelchair: booking.needsWheelchair,
      place: 'quota',
      skipCounter: true,
      now,
    },
    idempotency,
    cancelParts(booking, oldSession, firstWaiting(waitlist), now),
  );
});
