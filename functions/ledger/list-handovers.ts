import { FamilyPath, type HandoverListResponse } from '../../domain';
import { listHandovers } from '../lib/db/handover';
import { routeHandler } from '../lib/http/route-handler';
import { handoverView } from './views';

/** A family's hand-overs, oldest first: who held each place, and when it changed. */
export const handler = routeHandler('ledger.listHandovers', { path: FamilyPath }, async ({ path }) => {
  const body: HandoverListResponse = { items: (await listHandovers(path.familyId)).map(handoverView) };
  return { body };
});
