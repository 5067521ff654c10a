import { InstitutionPath, SessionListQuery, type SessionListResponse } from '../../domain';
import { listSessionsOfDay } from '../lib/db/booking/sessions';
import { routeHandler } from '../lib/http/route-handler';
import { sessionView } from './views';

/** One day's sessions of an institution (optionally one department): one Query, no other read. */
export const handler = routeHandler('booking.listSessions', { path: InstitutionPath, query: SessionListQuery }, async ({ path, query, now }) => {
  const sessions = await listSessionsOfDay(path.institutionId, query.date, query.departmentId);
  const body: SessionListResponse = {
    date: query.date,
    items: sessions.sort((a, b) => a.startsAtMs - b.startsAtMs || a.departmentId.localeCompare(b.departmentId)).map((s) => sessionView(s, now)),
  };
  return { body };
});
