import { FamilyPath, type FamilyThreadsResponse } from '../../domain';
import { familyThreads } from '../lib/db/threads';
import { routeHandler } from '../lib/http/route-handler';

/** The family's conversations and consultations with unread counts, in one Query (home badge). */
export const handler = routeHandler('messaging.listFamilyThreads', { path: FamilyPath }, async ({ path, now }) => {
  const items = await familyThreads(path.familyId, now);
  const body: FamilyThreadsResponse = { items, unreadTotal: items.reduce((n, i) => n + i.unread, 0) };
  return { body };
});
