import { beijingDate, BookingPath, CheckInRequest, monthOf, SERVICE_CARD, toBeijingIso } from '../../domain';
import { greenChannelCount } from '../lib/db/green-channel';
import { patientView } from '../booking/views';
import { getBooking } from '../lib/db/booking/bookings';
import { counterDecrement, statusChange } from '../lib/db/booking/parts';
import { getFamilyProfile } from '../lib/db/families';
import { keys } from '../lib/db/keys';
import { transact } from '../lib/db/transact';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertCardCurrent, assertOwnBooking, callerInstitution, countPlace, verifyCardToken } from './green-channel';

/**
 * Checks a patient in on the day, on presenting the family's current service card. The booking
 * leaves the member's future-bookings count in the same transaction.
 */
export const handler = routeHandler('hospital.checkIn', { path: BookingPath, body: CheckInRequest }, async ({ path, body, principal, now }) => {
  const institutionId = callerInstitution(principal);
  const claims = await verifyCardToken(body.token, now);
  const [booking, profile] = await Promise.all([getBooking(path.bookingId), getFamilyProfile(claims.familyId)]);
  const own = assertOwnBooking(booking, institutionId);
  const family = assertCardCurrent(claims, profile);
  if (own.familyId !== claims.familyId) throw badRequest(`这张${SERVICE_CARD}不是该患者家庭的，请核对`, { token: `不是该患者的${SERVICE_CARD}` });
  if (own.date !== beijingDate(now)) throw conflict('只能在就诊当天签到');
  if (own.status !== 'booked') throw conflict(own.status === 'checked_in' ? '这位患者已经签到了' : '这个预约已取消或已标记未到诊');
  const at = toBeijingIso(now);
  const changed = () => conflict('这个预约刚刚有变化，请刷新后再试');
  await transact(
    [
      statusChange(keys.booking(own.bookingId), 'booked', 'checked_in', { checkedInAt: at, checkedInBy: principal.personId }),
      counterDecrement(own.memberId),
      // A booked visit counts in the month of its day, with the wheelchair it asked for.
      ...greenChannelCount(countPlace(family, own), monthOf(own.date), { visitsBooked: 1, wheelchairs: own.needsWheelchair ? 1 : 0 }),
    ],
    { refusals: { booking: changed, counter: changed } },
  );
  return { body: patientView({ ...own, status: 'checked_in', checkedInAt: at }) };
});
