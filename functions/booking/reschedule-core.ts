import type { ActedBy, BookingView } from '../../domain';
import { type BookingItem, cancelParts, newBookingId } from '../lib/db/booking/bookings';
import type { BookingPart } from '../lib/db/booking/parts';
import { getSession } from '../lib/db/booking/sessions';
import { firstWaiting, listWaitlist } from '../lib/db/booking/waitlist';
import { badRequest, notFound } from '../lib/http/errors';
import type { Idempotency } from '../lib/http/idempotency';
import { assertSessionOpen, runBooking } from './book-core';
import { assertCancellable } from './cancel-rules';

/**
 * Reschedule = cancel + book, in one transaction (with the Idempotency-Key marker): the member
 * never ends up with both or neither. Shared by the member's route and staff acting for the
 * family (`actedBy` stamps both halves, `extra` adds the acting parts). Not a handler.
 */
export async function runReschedule(
  booking: BookingItem,
  sessionId: string,
  req: { bookedBy: string; now: Date; idempotency: Idempotency; actedBy?: ActedBy; extra?: BookingPart[] },
): Promise<{ status: number; body: BookingView }> {
  const { now } = req;
  if (booking.sessionId === sessionId) throw badRequest('新时段和原来的相同，不需要改约');
  assertCancellable(booking, now);
  const [oldSession, newSession, waitlist] = await Promise.all([
    getSession(booking.institutionId, booking.sessionId),
    getSession(booking.institutionId, sessionId),
    listWaitlist(booking.institutionId, booking.sessionId),
  ]);
  if (!oldSession || !newSession) throw notFound('没有找到这个时段，请重新选择');
  assertSessionOpen(newSession, now);
  return runBooking(
    {
      session: newSession,
      booker: { familyId: booking.familyId, memberId: booking.memberId, memberName: booking.memberName, bookedBy: req.bookedBy },
      bookingId: newBookingId(),
      source: 'member',
      needsEscort: booking.needsEscort,
      needsWheelchair: booking.needsWheelchair,
      place: 'quota',
      skipCounter: true,
      actedBy: req.actedBy,
      now,
    },
    req.idempotency,
    [...cancelParts(booking, oldSession, firstWaiting(waitlist), now, undefined, req.actedBy), ...(req.extra ?? [])],
  );
}
