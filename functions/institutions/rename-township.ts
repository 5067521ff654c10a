import { RenameTownshipRequest, TownshipPath } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { managingCounty } from './access';
import { renameTownship } from './townships';

/** A county officer renames one of the county's townships (PUT: the same name again changes nothing). */
export const handler = routeHandler('institutions.renameTownship', { path: TownshipPath, body: RenameTownshipRequest }, async ({ path, body, principal }) => {
  const countyId = await managingCounty(principal);
  return { body: await renameTownship(countyId, path.townshipId, body.name) };
});
