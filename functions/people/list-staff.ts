import { StaffListQuery, postOf, type StaffListResponse } from '../../domain';
import { listStaff, staffStatusOf, staffView } from '../lib/db/staff';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { officerCounty } from './access';

/** The staff a county officer manages (a township's with `townshipId`), or a township officer's own township's. */
export const handler = routeHandler('people.listStaff', { query: StaffListQuery }, async ({ query, principal }) => {
  const countyId = await officerCounty(principal);
  if (principal.level === 'township' && query.townshipId && query.townshipId !== principal.regionId) throw forbidden('您只能查看本乡镇的人员');
  const townshipId = principal.level === 'township' ? principal.regionId : query.townshipId;
  const persons = await listStaff(countyId, townshipId);
  const items = persons.filter((p) => (!query.post || postOf(p) === query.post) && (!query.status || staffStatusOf(p) === query.status)).map(staffView);
  return { body: { items } satisfies StaffListResponse };
});
