import { ConversationPath, SendMessageRequest } from '../../domain';
import { keys } from '../lib/db/keys';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertStaffSide, conversationUploadScope } from '../lib/messaging/access';
import { checkedAttachments, contactStillAssigned, metaOrCreate, newConversationMeta, sendWithRetries } from '../lib/messaging/send';

/**
 * One message in a family's conversation with a contact person: ONE transaction (message, thread
 * counters and inbox position, the recipient's notification, and the check that the contact is
 * still assigned to the family, read inside the transaction, not from a list) and the
 * Idempotency-Key's answer. A staff reply also records the day's online contact for the ledger.
 * Text is stored exactly as typed.
 */
export const handler = routeHandler('messaging.sendConversationMessage', { path: ConversationPath, body: SendMessageRequest }, async ({ path, body, principal, now, idempotency }) => {
  assertStaffSide(principal, path.staffId);
  if (body.followUp || body.suggestBooking) throw badRequest('只有医生在咨询中可以添加随访或预约建议', { 'body.followUp': '不适用于联系人对话' });
  const family = principal.role === 'member';
  const threadId = keys.conversationThreadId(path.familyId, path.staffId);
  const attachments = await checkedAttachments(body.attachments, conversationUploadScope(path.familyId, path.staffId), principal.personId);
  const loadMeta = () => metaOrCreate(threadId, () => newConversationMeta(path.familyId, path.staffId, now));
  // Both sides read the meta: a staff reply needs it for the ledger, and a family message needs
  // the family's and the writer's names for the contact person's notification ("蒋立军家 沈丽华").
  // It is one GetItem (on a first message it makes the meta, which the send would do anyway).
  const meta = await loadMeta();
  const response = await sendWithRetries(
    {
      threadId,
      // Each side's notification names who wrote: "村联系人 李桂芳" to the family, "蒋立军家 沈丽华" to the contact.
      sender: family
        ? { personId: principal.personId, side: 'family', displayName: familySenderName(meta.familyName, meta.participants[principal.personId]) }
        : { personId: principal.personId, side: 'staff', displayName: `${meta.staffLabel ?? '联系人'} ${meta.staffName}`.trim(), name: meta.staffName },
      text: body.text,
      attachments,
      checks: [contactStillAssigned(path.familyId, path.staffId)],
      staffId: path.staffId,
      page: family ? `packages/messages/inbox/index` : `packages/messages/conversation/index?familyId=${path.familyId}&staffId=${path.staffId}`,
      body,
    },
    loadMeta,
    now,
    !family,
    idempotency,
    // The family path sends without the meta (its transaction updates the meta blindly); passing
    // it would make the family's send conditional on a version it does not need.
    family ? undefined : meta,
  );
  return { status: 201, body: response };
});

/**
 * The family as the contact person's subscription message names it: family and member name
 * (the template's `sender` slot holds 20 characters; the outbox clips longer values).
 */
function familySenderName(familyName: string, memberName: string | undefined): string {
  return memberName && memberName !== familyName ? `${familyName} ${memberName}` : familyName;
}
