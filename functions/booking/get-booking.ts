import { FamilyBookingPath } from '../../domain';
import { getBooking } from '../lib/db/booking/bookings';
import { bookingView } from './views';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/** One booking of the family (the confirmation page). Another family's booking reads as not found. */
export const handler = routeHandler('booking.getBooking', { path: FamilyBookingPath }, async ({ path, now }) => {
  const booking = await getBooking(path.bookingId);
  if (!booking || booking.familyId !== path.familyId) throw notFound('没有找到这个预约');
  return { body: bookingView(booking, now) };
});
