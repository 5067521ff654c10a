import { ConsultationPath, SendMessageRequest } from '../../domain';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { consultationFor, consultationUploadScope } from '../lib/messaging/consultation-access';
import { activeContractOf, checkedAttachments, sendWithRetries } from '../lib/messaging/send';

/**
 * A message in a consultation: the member's follow-up question, or the doctor's answer, which may
 * become a follow-up item (in the doctor's GSI1 partition, where follow-ups read it) or carry a
 * link to the booking page. Any member of the doctor's team may answer; the first answer also
 * counts a consultation on the member's contract. One transaction, as for conversations; a closed consultation takes no
 * more messages from the member (409).
 */
export const handler = routeHandler('messaging.sendConsultationMessage', { path: ConsultationPath, body: SendMessageRequest }, async ({ path, body, principal, now, idempotency }) => {
  const family = principal.role === 'member';
  if (family && (body.followUp || body.suggestBooking)) throw badRequest('只有医生可以添加随访或预约建议', { 'body.followUp': '只有医生可以添加' });
  const meta = await consultationFor(principal, path, now);
  // The doctor's first answer counts on the member's active contract (履约), in the send's transaction.
  const serviceContract = !family && !meta.firstReplyAt && meta.memberId ? await activeContractOf(meta.memberId) : undefined;
  const attachments = await checkedAttachments(body.attachments, consultationUploadScope(path.familyId, path.consultationId), principal.personId);
  const page = `packages/messages/consultation/index?familyId=${path.familyId}&consultationId=${path.consultationId}`;
  const response = await sendWithRetries(
    {
      threadId: path.consultationId,
      sender: family
        ? { personId: principal.personId, side: 'family', displayName: meta.participants[principal.personId] ?? '家庭成员' }
        : { personId: principal.personId, side: 'staff', displayName: meta.callerName ?? '家庭医生', name: meta.callerName ?? '家庭医生' },
      text: body.text,
      attachments,
      checks: [],
      staffId: meta.staffId,
      page,
      body,
      ...(serviceContract ? { serviceContract } : {}),
    },
    () => consultationFor(principal, path, now),
    now,
    true,
    idempotency,
    meta,
  );
  return { status: 201, body: response };
});
