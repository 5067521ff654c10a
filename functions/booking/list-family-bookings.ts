import { FamilyPath, type BookingListResponse } from '../../domain';
import { listFamilyBookings } from '../lib/db/booking/bookings';
import { getFamilyProfile } from '../lib/db/families';
import { routeHandler } from '../lib/http/route-handler';
import { bookingView, waitlistView } from './views';

const HALF_DAY = 12 * 3_600_000;

/**
 * The family's bookings (upcoming first, then past) and waiting-list entries (one Query), and its
 * members, whom the booking page offers to book for (one GetItem, in parallel).
 */
export const handler = routeHandler('booking.listFamilyBookings', { path: FamilyPath }, async ({ path, now }) => {
  const [{ bookings, waitlist }, profile] = await Promise.all([listFamilyBookings(path.familyId), getFamilyProfile(path.familyId)]);
  const t = now.getTime();
  const upcoming = bookings.filter((b) => b.startsAtMs >= t - HALF_DAY).sort((a, b) => a.startsAtMs - b.startsAtMs);
  const past = bookings.filter((b) => b.startsAtMs < t - HALF_DAY).sort((a, b) => b.startsAtMs - a.startsAtMs);
  const body: BookingListResponse = {
    items: [...upcoming, ...past].map((b) => bookingView(b, now)),
    waitlist: waitlist.map((w) => waitlistView(w, undefined, now)),
    members: (profile?.members ?? []).map((m) => ({ personId: m.personId, name: m.name, relation: m.relation })),
  };
  return { body };
});
