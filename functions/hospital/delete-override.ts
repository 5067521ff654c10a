import { OverridePath } from '../../domain';
import { deleteOverride, regenerateSessions } from '../lib/db/booking/schedules';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { ownInstitutionSchedule } from './schedule-access';

/** Removes a one-off change; the day's sessions go back to the weekly schedule (booked ones are kept). */
export const handler = routeHandler('hospital.deleteOverride', { path: OverridePath }, async ({ path, principal, now }) => {
  const { institution } = await ownInstitutionSchedule(principal, path.institutionId);
  if (!(await deleteOverride(institution.institutionId, path.date, path.target))) throw notFound('这一天没有这项排班调整');
  return { body: await regenerateSessions(institution.institutionId, [path.date], now) };
});
