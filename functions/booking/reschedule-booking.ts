import { FamilyBookingPath, RescheduleRequest } from '../../domain';
import { cancelParts, firstWaiting, getBooking, getSession, listWaitlist, newBookingId } from '../lib/db/booking';
import { badRequest, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertSessionOpen, idempotencyKey, replay, requestFingerprint, runBooking } from './book-core';
import { assertCancellable } from './cancel-rules';

/** Reschedule = cancel + book, in one transaction: the member never ends up with both or neither. */
export const handler = routeHandler('booking.reschedule', { path: FamilyBookingPath, body: RescheduleRequest }, async ({ path, body, principal, now, headers }) => {
  const key = idempotencyKey(headers);
  const request = requestFingerprint({ from: path.bookingId, ...body });
  if (key) {
    const again = await replay(principal.personId, key, request, now);
    if (again) return { status: 200, body: again };
  }
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
      idempotency: key ? { callerId: principal.personId, key, request } : undefined,
      place: 'quota',
      skipCounter: true,
      now,
    },
    cancelParts(booking, oldSession, firstWaiting(waitlist), now),
  );
});
