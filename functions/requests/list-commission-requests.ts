import { beijingDate, commissionEscalationCutoff, sortRequests, TownshipScopeQuery, type RequestListResponse } from '../../domain';
import { requestStatsOf } from '../lib/db/ledger-requests';
import { listTownshipRequestsDueBy } from '../lib/db/requests';
import { toRequestEntry } from './views';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * Requests overdue long enough to reach commission staff. A township officer reads their
 * township's due-date index; a county officer the index of every township of the county that has
 * ever had a request (from the request counters), or of one township they name.
 */
export const handler = routeHandler('requests.listCommission', { query: TownshipScopeQuery }, async ({ query, principal, now }) => {
  const today = beijingDate(now);
  if (!principal.regionId) throw forbidden();
  let townshipIds: string[];
  if (principal.level === 'county') {
    const stats = await requestStatsOf(principal.regionId);
    townshipIds = stats.map((s) => s.townshipId).filter((t) => !query.townshipId || t === query.townshipId);
  } else {
    if (query.townshipId && query.townshipId !== principal.regionId) throw forbidden('您只能查看本乡镇的诉求');
    townshipIds = [principal.regionId];
  }
  const cutoff = commissionEscalationCutoff(today);
  const items = (await Promise.all(townshipIds.map((t) => listTownshipRequestsDueBy(t, cutoff)))).flat();
  const body: RequestListResponse = { today, items: sortRequests(items.map((r) => toRequestEntry(r, today))) };
  return { body };
});
