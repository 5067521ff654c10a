import { ManagedInstitutionsResponse } from '../../domain';
import { listCountyInstitutions } from '../lib/db/institutions';
import { routeHandler } from '../lib/http/route-handler';
import { countyTownships, reachOf } from './access';
import { managedView } from './views';

/** The commission's list: active first, then retired; a township officer sees those serving the township. */
export const handler = routeHandler('institutions.list', {}, async ({ principal }) => {
  const reach = await reachOf(principal);
  const [items, townships] = await Promise.all([listCountyInstitutions(reach.countyId), countyTownships(reach.countyId)]);
  const names = new Map(townships.map((t) => [t.townshipId, t.name]));
  const visible = reach.townshipId ? items.filter((i) => i.servesTownships?.includes(reach.townshipId!)) : items;
  const order = (i: (typeof items)[number]) => `${i.retiredAt ? 1 : 0}${i.kind === 'hospital' ? 0 : 1}${i.name}`;
  const body: ManagedInstitutionsResponse = {
    items: visible.sort((a, b) => order(a).localeCompare(order(b))).map((i) => managedView(i, names)),
    townships: reach.townshipId ? townships.filter((t) => t.townshipId === reach.townshipId) : townships,
    canManage: !reach.townshipId,
  };
  return { body };
});
