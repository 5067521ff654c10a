import { beijingDate, type WalkInListResponse } from '../../domain';
import { listWalkIns } from '../lib/db/green-channel';
import { routeHandler } from '../lib/http/route-handler';
import { callerInstitution } from './green-channel';
import { walkInView } from './walk-in-view';

/** Today's walk-ins at the caller's institution: one Query. */
export const handler = routeHandler('hospital.listWalkIns', {}, async ({ principal, now }) => {
  const institutionId = callerInstitution(principal);
  const date = beijingDate(now);
  const body: WalkInListResponse = { date, items: (await listWalkIns(institutionId, date)).map(walkInView) };
  return { body };
});
