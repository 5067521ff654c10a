import { beijingDate, TodayListQuery, type TodayListResponse } from '../../domain';
import { patientView } from '../booking/views';
import { listHospitalDay } from '../lib/db/booking/bookings';
import { routeHandler } from '../lib/http/route-handler';
import { callerInstitution } from './green-channel';

/** Today's (or a given day's) priority patients at the caller's institution: one Query. */
export const handler = routeHandler('hospital.today', { query: TodayListQuery }, async ({ query, principal, now }) => {
  const institutionId = callerInstitution(principal);
  const date = query.date ?? beijingDate(now);
  const bookings = await listHospitalDay(institutionId, date, query.departmentId);
  const body: TodayListResponse = { date, institutionId, items: bookings.map(patientView) };
  return { body };
});
