import { addDays, beijingDate, sortRequests, StaffRequestsQuery, type RequestListResponse } from '../../domain';
import { getPerson } from '../lib/db/persons';
import { listAssignedRequests, listTownshipRequestsDueBy } from '../lib/db/requests';
import { toRequestEntry } from './views';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * A contact person's active requests (view=mine, default), or for a township leader the
 * township's overdue ones (view=escalated, one GetItem for their township and one Query).
 */
export const handler = routeHandler('requests.listStaff', { query: StaffRequestsQuery }, async ({ query, principal, now }) => {
  const today = beijingDate(now);
  let items;
  if (query.view === 'escalated') {
    // The session carries a contact's level but not their township: that is on their person item.
    const person = principal.level === 'township' ? await getPerson(principal.personId) : undefined;
    if (!person?.regionId) throw forbidden('只有乡镇联系人可以查看本乡镇超期的诉求');
    items = await listTownshipRequestsDueBy(person.regionId, addDays(today, -1));
  } else {
    items = await listAssignedRequests(principal.personId);
  }
  const body: RequestListResponse = { today, items: sortRequests(items.map((r) => toRequestEntry(r, today))) };
  return { body };
});
