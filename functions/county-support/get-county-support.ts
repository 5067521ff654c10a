import { getCountySupport } from '../lib/db/county-support';
import { routeHandler } from '../lib/http/route-handler';
import { reachOf } from '../institutions/access';
import { countySupportView } from './view';

/** County officers manage the list; a township officer reads their county's (the same one families see). */
export const handler = routeHandler('countySupport.get', {}, async ({ principal }) => {
  const reach = await reachOf(principal);
  return { body: countySupportView(reach.countyId, await getCountySupport(reach.countyId), !reach.townshipId) };
});
