import { FamilyListQuery, type FamilyListResponse } from '../../domain';
import { familySummary } from '../families/present';
import { listStaffFamilies } from '../lib/db/families';
import { routeHandler } from '../lib/http/route-handler';

export const handler = routeHandler('staff.listAssignedFamilies', { query: FamilyListQuery }, async ({ query, principal, now }) => {
  const page = await listStaffFamilies(principal.personId, { cursor: query.cursor, limit: query.limit ?? 30 });
  const body: FamilyListResponse = {
    items: page.items.map(({ profile, contact }) => familySummary(profile, principal, now, contact)),
    nextCursor: page.nextCursor,
  };
  return { body };
});
