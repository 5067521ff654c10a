import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beijingWhen, isOverdue, monthOf, toBeijingIso, type CreateConsultationRequest } from '../../../../domain';
import { outboxPut } from '../../notify/outbox';
import type { StoredAttachment } from '../../storage/uploads';
import { db, tableName } from '../client';
import type { FamilyContactItem, FamilyProfileItem } from '../items';
import { keys } from '../keys';
import { part, transact, TransactionRefused } from '../transact';
import { statsUpdate, waitingEntry } from './stats';
import { getThreadMeta, newMessageId, previewOf, regionOf, waitingKey, type MessageItem, type ThreadMetaItem } from './threads';

export interface NewConsultation {
  memberId: string;
  memberName: string;
  profile: FamilyProfileItem;
  doctor: FamilyContactItem;
  body: CreateConsultationRequest;
  attachments: StoredAttachment[];
  /** The doctor team whose inbox receives it: the member's contract team, else the doctor's. */
  teamId?: string;
}

/** The items a new consultation starts with: its meta and the description as the first message. */
export function consultationItems(input: NewConsultation, now: Date): { meta: ThreadMetaItem; message: MessageItem } {
  const { profile, doctor, body } = input;
  const threadId = body.consultationId;
  const at = toBeijingIso(now);
  const messageId = newMessageId(now);
  const message: MessageItem = { ...keys.message(threadId, messageId), entity: 'message', messageId, threadId, at, senderId: input.memberId, senderSide: 'family', text: body.description, attachments: input.attachments };
  const meta: ThreadMetaItem = {
    ...keys.threadMeta(threadId),
    entity: 'thread',
    threadId,
    kind: 'consultation',
    consultationId: threadId,
    familyId: profile.familyId,
    familyName: profile.familyName,
    villageName: profile.villageName,
    mainBirthDate: profile.members.find((m) => m.personId === input.memberId)?.birthDate ?? profile.members[0]?.birthDate,
    staffId: doctor.staffId,
    staffName: doctor.name,
    participants: Object.fromEntries([...profile.members.map((m) => [m.personId, m.name]), [doctor.staffId, doctor.name]]),
    familyRecipients: [input.memberId],
    region: regionOf(profile),
    ...(input.teamId ? { teamId: input.teamId } : {}),
    memberId: input.memberId,
    subject: body.subject,
    urgent: body.urgentSymptoms,
    createdAt: at,
    lastMessageAt: at,
    preview: previewOf(message),
    lastFamilyAt: at,
    lastFamilyMsgId: messageId,
    familyReadUpTo: messageId,
    unreadFamily: 0,
    unreadStaff: 1,
    waitingSince: at,
    gsi1pk: input.teamId ? keys.teamInboxPk(input.teamId) : keys.inboxPk(doctor.staffId),
    gsi1sk: waitingKey(body.urgentSymptoms, now, threadId),
    gsi2pk: keys.familyThreadsPk(profile.familyId),
    gsi2sk: threadId,
  };
  return { meta, message };
}

/**
 * Opens a consultation in ONE transaction: the thread meta (waiting in the doctor's inbox, urgent
 * ones first), the description as its first message, and the doctor's notification. The id comes
 * from the app, so a retried create finds its own consultation instead of making a second.
 */
export async function createConsultation(input: NewConsultation, now: Date): Promise<{ meta: ThreadMetaItem; created: boolean }> {
  const { profile, doctor, body } = input;
  const threadId = body.consultationId;
  const { meta, message } = consultationItems(input, now);
  const time = beijingWhen(now, now);
  try {
    await transact([
      part('meta', { Put: { TableName: tableName(), Item: meta, ConditionExpression: 'attribute_not_exists(pk)' } }),
      part('message', { Put: { TableName: tableName(), Item: message } }),
      part('stats', statsUpdate(meta.region!, monthOf(meta.createdAt), { add: { consultationsOpened: 1 }, waitingAdd: waitingEntry(meta.createdAt, threadId) })),
      part(
        'outbox',
        outboxPut(
          {
            recipientId: doctor.staffId,
            template: 'message.new',
            data: { sender: `${body.urgentSymptoms ? '[急] ' : ''}${input.memberName}`, preview: body.subject, time },
            page: `packages/messages/consultation/index?familyId=${profile.familyId}&consultationId=${threadId}`,
            dedupeKey: `cons.${threadId}`,
          },
          now,
        ),
      ),
    ]);
    return { meta, created: true };
  } catch (err) {
    if (!(err instanceof TransactionRefused && err.has('meta'))) throw err;
    const existing = await getThreadMeta(threadId);
    if (!existing || existing.familyId !== profile.familyId || existing.memberId !== input.memberId || existing.kind !== 'consultation') throw new ConsultationIdTaken();
    return { meta: existing, created: false };
  }
}

/** The app's consultation id is another family's or member's consultation (or another kind of thread). */
export class ConsultationIdTaken extends Error {
  constructor() {
    super('consultation id taken');
    this.name = 'ConsultationIdTaken';
  }
}

/**
 * The member closes the consultation; closing a closed one changes nothing. One closed without an
 * answer leaves the commission's waiting set, unless its 24 hours had passed (it stays overdue).
 */
export async function closeConsultation(meta: ThreadMetaItem, now: Date): Promise<void> {
  const close = {
    TableName: tableName(),
    Key: keys.threadMeta(meta.threadId),
    UpdateExpression: 'SET closedAt = if_not_exists(closedAt, :at) REMOVE gsi1sk, waitingSince',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':at': toBeijingIso(now) },
  };
  if (!meta.region || meta.firstReplyAt || meta.closedAt || isOverdue(meta, now)) await db().send(new UpdateCommand(close));
  else await transact([part('meta', { Update: close }), part('stats', statsUpdate(meta.region, monthOf(meta.createdAt), { waitingDelete: waitingEntry(meta.createdAt, meta.threadId) }))]);
  if (meta.firstReplyAt) await markAnsweredEntryClosed(meta.threadId, now);
}

/**
 * An answered consultation stays in the team's inbox as its ~INBOX entry, which the inbox reads
 * instead of the meta: it must say closed too, or the inbox keeps showing it as answered (and the
 * consent rule for closed consultations would not apply to it). The entry exists only while the
 * staff side spoke last, so its absence is not an error.
 */
async function markAnsweredEntryClosed(threadId: string, now: Date): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.threadAnswered(threadId),
        UpdateExpression: 'SET closedAt = if_not_exists(closedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': toBeijingIso(now) },
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}
