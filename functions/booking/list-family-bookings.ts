import { FamilyPath, type BookingListResponse } from '../../domain';
import { bookingView, listFamilyBookings } from '../lib/db/booking';
import { routeHandler } from '../lib/http/route-handler';
import { waitlistView } from './waitlist-view';

/** The family's bookings (upcoming first, then past) and its waiting-list entries: one Query. */
export const handler = routeHandler('booking.listFamilyBookings', { path: FamilyPath }, async ({ path, now }) => {
  const { bookings, waitlist } = await listFamilyBookings(path.familyId);
  const t = now.getTime();
  const upcoming = bookings.filter((b) => b.startsAtMs >= t - 12 * 3_600_000).sort((a, b) => a.startsAtMs - b.startsAtMs);
  const past = bookings.filter((b) => b.startsAtMs < t - 12 * 3_600_000).sort((a, b) => b.startsAtMs - a.startsAtMs);
  const body: BookingListResponse & { waitlist: ReturnType<typeof waitlistView>[] } = {
    items: [...upcoming, ...past].map((b) => bookingView(b, now)),
    waitlist: waitlist.map((w) => waitlistView(w, undefined, now)),
  };
  return { body };
});
