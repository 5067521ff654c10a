import { PageQuery, type InboxResponse } from '../../domain';
import { keys } from '../lib/db/keys';
import { encodeCursor, decodeCursor } from '../lib/db/pagination';
import { staffInbox } from '../lib/db/threads';
import { routeHandler } from '../lib/http/route-handler';

/**
 * One inbox for contact persons and doctors, in ONE Query of GSI1 INBOX#<caller>: waiting threads
 * first (urgent, then longest waiting; an overdue consultation first of all), then the rest, newest
 * first, 30 a page, each with the family's name, village and the main member's age.
 */
export const handler = routeHandler('messaging.staffInbox', { query: PageQuery }, async ({ query, principal, now }) => {
  const inboxPk = keys.inboxPk(principal.personId);
  const start = decodeCursor(query.cursor, { attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'], equals: { gsi1pk: inboxPk } });
  const { items, lastKey } = await staffInbox(principal.personId, now, start);
  const body: InboxResponse = { items, unreadTotal: items.reduce((n, i) => n + i.unread, 0), ...(lastKey ? { nextCursor: encodeCursor(lastKey) } : {}) };
  return { body };
});
