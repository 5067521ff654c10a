import { CancelRequest, FamilyBookingPath } from '../../domain';
import { getBooking } from '../lib/db/booking/bookings';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { runCancel } from './cancel-core';

/** A member cancels before the cut-off (functions/booking/cancel-core.ts). */
export const handler = routeHandler('booking.cancel', { path: FamilyBookingPath, body: CancelRequest }, async ({ path, body, now }) => {
  const booking = await getBooking(path.bookingId);
  if (!booking || booking.familyId !== path.familyId) throw notFound('没有找到这个预约');
  return runCancel(booking, now, { reason: body.reason });
});
