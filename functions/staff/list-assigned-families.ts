import { FamilyListQuery, type FamilyListResponse } from '../../domain';
import { familySummary, familyTypeSubjects } from '../families/present';
import { auditListRead } from '../lib/db/audit';
import { listStaffFamilies } from '../lib/db/families';
import { routeHandler } from '../lib/http/route-handler';

export const handler = routeHandler('staff.listAssignedFamilies', { query: FamilyListQuery }, async ({ query, principal, now }) => {
  const page = await listStaffFamilies(principal.personId, { cursor: query.cursor, limit: query.limit ?? 30 });
  // Township and village contacts see each family's type (volunteers do not): audited once a day.
  await auditListRead(principal, familyTypeSubjects(page.items.map((i) => i.profile), principal), 'staff.listAssignedFamilies', now);
  const body: FamilyListResponse = {
    items: page.items.map(({ profile, contact }) => familySummary(profile, principal, now, contact)),
    nextCursor: page.nextCursor,
  };
  return { body };
});
