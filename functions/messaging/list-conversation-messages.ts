import { ConversationPath, MessageListQuery, type MessagePage } from '../../domain';
import { keys } from '../lib/db/keys';
import { assertConversationParty } from '../lib/messaging/access';
import { messagePage } from '../lib/messaging/pages';
import { routeHandler } from '../lib/http/route-handler';

/** A page of the conversation, newest first, or (with `since`) what arrived since the app last looked. */
export const handler = routeHandler('messaging.listConversationMessages', { path: ConversationPath, query: MessageListQuery }, async ({ path, query, principal }) => {
  await assertConversationParty(principal, path.familyId, path.staffId);
  const body: MessagePage = await messagePage(keys.conversationThreadId(path.familyId, path.staffId), query, principal.role === 'member' ? 'family' : 'staff');
  return { body };
});
