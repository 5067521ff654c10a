import { FamilyPath, type FamilyThreadsResponse } from '../../domain';
import { familyThreadMetas } from '../lib/db/messaging/inbox';
import { routeHandler } from '../lib/http/route-handler';
import { familyThreadItems } from '../lib/messaging/views';

/** The family's conversations and consultations with unread counts, in one Query (home badge). */
export const handler = routeHandler('messaging.listFamilyThreads', { path: FamilyPath }, async ({ path, now }) => {
  const items = familyThreadItems(await familyThreadMetas(path.familyId), now);
  const body: FamilyThreadsResponse = { items, unreadTotal: items.reduce((n, i) => n + i.unread, 0) };
  return { body };
});
