import { ConversationPath, EmptyBody } from '../../domain';
import { keys } from '../lib/db/keys';
import { markRead } from '../lib/db/messaging/threads';
import { routeHandler } from '../lib/http/route-handler';
import { assertConversationParty } from '../lib/messaging/access';

/** The caller's side has seen everything so far: read receipts for the sender, unread count to 0. */
export const handler = routeHandler('messaging.readConversation', { path: ConversationPath, body: EmptyBody }, async ({ path, principal }) => {
  await assertConversationParty(principal, path.familyId, path.staffId);
  await markRead(keys.conversationThreadId(path.familyId, path.staffId), principal.role === 'member' ? 'family' : 'staff');
  return { body: {} };
});
