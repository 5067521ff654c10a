import type { Principal } from '../../domain';
import type { BookingItem } from '../lib/db/booking/bookings';
import { keys } from '../lib/db/keys';
import { actFor, type Acting } from '../lib/http/acting';
import { notFound } from '../lib/http/errors';

/**
 * The booking staff act on, read in the same BatchGet as the acting checks; its member decides a
 * doctor's right (a second BatchGet for the signing, doctors only). A booking of another family, or
 * none, is "not found" only after the caller's right to act for the path's family is checked, so
 * ids cannot be probed. Not a handler.
 */
export async function actOnBooking(principal: Principal, path: { familyId: string; bookingId: string }): Promise<{ booking: BookingItem; acting: Acting }> {
  const key = keys.booking(path.bookingId);
  const inFamily = (b: BookingItem | undefined) => (b?.familyId === path.familyId ? b : undefined);
  const acting = await actFor(principal, { familyId: path.familyId, memberId: (get) => inFamily(get<BookingItem>(key))?.memberId }, [key]);
  const booking = inFamily(acting.get<BookingItem>(key));
  if (!booking) throw notFound('没有找到这个预约');
  return { booking, acting };
}
