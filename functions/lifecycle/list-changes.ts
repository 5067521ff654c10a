import { FamilyPath, type FamilyChangesResponse, PageQuery } from '../../domain';
import { changeView, listChanges } from '../lib/db/lifecycle/changes';
import { routeHandler } from '../lib/http/route-handler';

/** The family's change records (变更记录), newest first: the staff page and the family's own page. */
export const handler = routeHandler('lifecycle.listChanges', { path: FamilyPath, query: PageQuery }, async ({ path, query }) => {
  const page = await listChanges(path.familyId, { cursor: query.cursor, limit: query.limit ?? 20 });
  const body: FamilyChangesResponse = { items: page.items.map(changeView), nextCursor: page.nextCursor };
  return { body };
});
