import { beijingDate, FamilyPath, sortRequests, type RequestListResponse } from '../../domain';
import { listFamilyRequests } from '../lib/db/requests';
import { toRequestEntry } from './views';
import { routeHandler } from '../lib/http/route-handler';

/** A family's requests with their timelines: active first by due date, then closed, newest first. */
export const handler = routeHandler('requests.listFamily', { path: FamilyPath }, async ({ path, now }) => {
  const today = beijingDate(now);
  const body: RequestListResponse = { today, items: sortRequests((await listFamilyRequests(path.familyId)).map((r) => toRequestEntry(r, today))) };
  return { body };
});
