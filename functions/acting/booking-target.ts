import type { Principal } from '../../domain';
import { type BookingItem, getBooking } from '../lib/db/booking/bookings';
import { actFor, type Acting } from '../lib/http/acting';
import { notFound } from '../lib/http/errors';

/**
 * The booking staff act on, and the acting checks for its member. The booking is read first (its
 * member decides a doctor's right), but a booking of another family or none at all is answered only
 * after the caller's right to act for the path's family is checked, so ids cannot be probed.
 * Not a handler.
 */
export async function actOnBooking(principal: Principal, path: { familyId: string; bookingId: string }): Promise<{ booking: BookingItem; acting: Acting }> {
  const found = await getBooking(path.bookingId);
  const booking = found?.familyId === path.familyId ? found : undefined;
  const acting = await actFor(principal, { familyId: path.familyId, memberId: booking?.memberId });
  if (!booking) throw notFound('没有找到这个预约');
  return { booking, acting };
}
