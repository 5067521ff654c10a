import { BookingPath, NoShowRequest } from '../../domain';
import { patientView } from '../booking/views';
import { getBooking } from '../lib/db/booking/bookings';
import { counterDecrement, statusChange } from '../lib/db/booking/parts';
import { keys } from '../lib/db/keys';
import { transact } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertOwnBooking, callerInstitution } from './green-channel';

/** A booked patient who did not come, once the session has started. */
export const handler = routeHandler('hospital.noShow', { path: BookingPath, body: NoShowRequest }, async ({ path, body, principal, now }) => {
  const institutionId = callerInstitution(principal);
  const own = assertOwnBooking(await getBooking(path.bookingId), institutionId);
  if (own.status !== 'booked') throw conflict('只有已预约、未签到的患者可以标记未到诊');
  if (own.startsAtMs > now.getTime()) throw conflict('就诊时段还没开始，不能标记未到诊');
  const changed = () => conflict('这个预约刚刚有变化，请刷新后再试');
  await transact(
    [statusChange(keys.booking(own.bookingId), 'booked', 'no_show', { noShowNote: body.note ?? '', markedBy: principal.personId }), counterDecrement(own.memberId)],
    { refusals: { booking: changed, counter: changed } },
  );
  return { body: patientView({ ...own, status: 'no_show' }) };
});
