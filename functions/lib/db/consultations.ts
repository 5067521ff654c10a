import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  beijingWhen,
  CONSULTATION_REPLY_DUE_MS,
  consultationStatus,
  designatedHospital,
  isOverdue,
  monthOf,
  toBeijingIso,
  type ConsultationView,
  type CreateConsultationRequest,
} from '../../../domain';
import { outboxPut } from '../notify/outbox';
import type { StoredAttachment } from '../storage/uploads';
import { db, tableName } from './client';
import type { FamilyContactItem, FamilyProfileItem } from './items';
import { keys } from './keys';
import { statsUpdate, waitingEntry } from './messaging-stats';
import { getThreadMeta, newMessageId, previewOf, regionOf, threadWaitingKey, type MessageItem, type ThreadMetaItem } from './threads';

export function consultationView(meta: ThreadMetaItem, now: Date): ConsultationView {
  return {
    consultationId: meta.threadId,
    familyId: meta.familyId,
    memberId: meta.memberId ?? '',
    doctorId: meta.staffId,
    doctorName: meta.staffName,
    subject: meta.subject ?? '',
    urgent: Boolean(meta.urgent),
    status: consultationStatus(meta, now),
    createdAt: meta.createdAt,
    firstReplyDueAt: toBeijingIso(new Date(new Date(meta.createdAt).getTime() + CONSULTATION_REPLY_DUE_MS)),
    overdue: isOverdue({ createdAt: meta.createdAt, firstReplyAt: meta.firstReplyAt }, now),
    ...(meta.urgent ? { emergency: { ambulance: '120' as const, hospitalName: designatedHospital.name, greenChannelPhone: designatedHospital.greenChannelPhone } } : {}),
  };
}

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
    gsi1sk: threadWaitingKey(body.urgentSymptoms, now, threadId),
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
  const time = beijingWhen(now);
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: meta, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: tableName(), Item: message } },
          statsUpdate(meta.region!, monthOf(meta.createdAt), { add: { consultationsOpened: 1 }, waitingAdd: waitingEntry(meta.createdAt, threadId) }),
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
        ],
      }),
    );
    return { meta, created: true };
  } catch (err) {
    if (!(err instanceof TransactionCanceledException) || err.CancellationReasons?.[0]?.Code !== 'ConditionalCheckFailed') throw err;
    const existing = await getThreadMeta(threadId);
    if (!existing || existing.familyId !== profile.familyId || existing.memberId !== input.memberId || existing.kind !== 'consultation') {
      throw Object.assign(new Error('consultation id taken'), { taken: true });
    }
    return { meta: existing, created: false };
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
  if (!meta.region || meta.firstReplyAt || meta.closedAt || isOverdue(meta, now)) {
    await db().send(new UpdateCommand(close));
    return;
  }
  await db().send(
    new TransactWriteCommand({
      TransactItems: [{ Update: close }, statsUpdate(meta.region, monthOf(meta.createdAt), { waitingDelete: waitingEntry(meta.createdAt, meta.threadId) })],
    }),
  );
}
