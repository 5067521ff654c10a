import type { CountyTownshipsResponse } from '../../domain';
import { countyTownshipStats } from '../lib/db/dashboard';
import { routeHandler } from '../lib/http/route-handler';
import { managingCounty } from './access';
import { townshipView } from './townships';

/** The county's townships for its commission's township page, in the order of their ids. */
export const handler = routeHandler('institutions.listTownships', {}, async ({ principal }) => {
  const countyId = await managingCounty(principal);
  const items = (await countyTownshipStats(countyId)).map(townshipView).sort((a, b) => a.townshipId.localeCompare(b.townshipId));
  const body: CountyTownshipsResponse = { items };
  return { body };
});
