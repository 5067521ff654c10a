import { beijingDate, ProblemListQuery, type ProblemListResponse } from '../../domain';
import { listRegionProblems } from '../lib/db/problems';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { regionOf } from './scope';
import { problemList } from './views';

/**
 * The ledger of a county (every township, or one) or of a township: one Query. The counts are over
 * the whole region asked for, so the dashboard's overdue figure and the list agree.
 */
export const handler = routeHandler('problems.list', { query: ProblemListQuery }, async ({ query, principal, now }) => {
  const region = await regionOf(principal);
  if (region.townshipId && query.townshipId && query.townshipId !== region.townshipId) throw forbidden('您只能查看本乡镇的问题');
  const townshipId = query.townshipId ?? region.townshipId;
  const items = region.countyId ? await listRegionProblems(region.countyId, townshipId) : [];
  const body: ProblemListResponse = problemList(items, beijingDate(now), query.status);
  return { body };
});
