import { type FamilyListResponse, RegionFamilyListQuery } from '../../domain';
import { familySummary, familyTypeSubjects } from '../families/present';
import { auditListRead } from '../lib/db/audit';
import { listRegionFamilies } from '../lib/db/families';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * County officers see the whole county and may narrow to one township; township officers see only
 * their own township.
 */
export const handler = routeHandler('staff.listRegionFamilies', { query: RegionFamilyListQuery }, async ({ query, principal, now }) => {
  const page = { cursor: query.cursor, limit: query.limit ?? 30 };
  if (!principal.regionId) throw forbidden('您的账号没有设置管辖区域，请联系管理员');
  let result;
  if (principal.level === 'county') {
    result = await listRegionFamilies({ countyId: principal.regionId, townshipId: query.townshipId }, page);
  } else {
    if (query.townshipId && query.townshipId !== principal.regionId) throw forbidden('您只能查看本乡镇的家庭');
    result = await listRegionFamilies({ townshipId: principal.regionId }, page);
  }
  await auditListRead(principal, familyTypeSubjects(result.items, principal), 'staff.listRegionFamilies', now);
  const body: FamilyListResponse = {
    items: result.items.map((profile) => familySummary(profile, principal, now)),
    nextCursor: result.nextCursor,
  };
  return { body };
});
