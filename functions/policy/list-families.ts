import type { PolicyFamiliesResponse } from '../../domain';
import { listCadreContracts } from '../lib/db/policy';
import { routeHandler } from '../lib/http/route-handler';
import { summaryOf } from './views';

/** The calling cadre's poor families with their costs, pending claims and warning: one Query. */
export const handler = routeHandler('policy.listFamilies', {}, async ({ principal }) => {
  const contracts = await listCadreContracts(principal.personId);
  const body: PolicyFamiliesResponse = { items: contracts.map(summaryOf) };
  return { body };
});
