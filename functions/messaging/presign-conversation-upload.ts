import { ConversationPath, UploadRequest, type UploadTicket } from '../../domain';
import { assertConversationParty, conversationUploadScope } from '../lib/messaging/access';
import { routeHandler } from '../lib/http/route-handler';
import { presignUpload } from '../lib/storage/uploads';

/** The key is bound to this conversation and the caller; the policy to the type and size declared. */
export const handler = routeHandler('messaging.presignConversationUpload', { path: ConversationPath, body: UploadRequest }, async ({ path, body, principal }) => {
  await assertConversationParty(principal, path.familyId, path.staffId);
  const ticket: UploadTicket = await presignUpload(conversationUploadScope(path.familyId, path.staffId), principal.personId, body);
  return { status: 201, body: ticket };
});
