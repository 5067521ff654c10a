import { addDays, InstitutionPath, SessionListQuery, type SessionListResponse } from '../../domain';
import { listSessionsOfDay } from '../lib/db/booking/sessions';
import { routeHandler } from '../lib/http/route-handler';
import { sessionView } from './views';

/**
 * Sessions of an institution (optionally one department) from one day on, in start order: one
 * Query per day (sessions are partitioned by day), in parallel, no other read.
 */
export const handler = routeHandler('booking.listSessions', { path: InstitutionPath, query: SessionListQuery }, async ({ path, query, now }) => {
  const dates = Array.from({ length: query.days ?? 1 }, (_, i) => addDays(query.date, i));
  const sessions = (await Promise.all(dates.map((d) => listSessionsOfDay(path.institutionId, d, query.departmentId)))).flat();
  const body: SessionListResponse = {
    date: query.date,
    items: sessions.sort((a, b) => a.startsAtMs - b.startsAtMs || a.departmentId.localeCompare(b.departmentId)).map((s) => sessionView(s, now)),
  };
  return { body };
});
