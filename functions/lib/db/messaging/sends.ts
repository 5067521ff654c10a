import { randomBytes } from 'node:crypto';
import { beijingDate, beijingMonth, beijingWhen, BOOKING_PAGE, CONSULTATION_AUTO_CLOSE_MS, CONSULTATION_REPLY_DUE_MS, monthOf, toBeijingIso, type ThreadSide } from '../../../../domain';
import { outboxPut } from '../../notify/outbox';
import type { StoredAttachment } from '../../storage/uploads';
import { tableName } from '../client';
import { keys } from '../keys';
import { contactLedgerParts, type ContactState } from '../ledger';
import { contractServiceIncrement } from '../signing';
import { part, parts as partsOf, type Part, type TransactItem } from '../transact';
import { secondsBetween, statsUpdate, waitingEntry } from './stats';
import { invertedTime, newMessageId, previewOf, waitingKey, type MessageItem, type ThreadMetaItem } from './threads';

export interface Sender {
  personId: string;
  side: ThreadSide;
  /** What the recipient's subscription message names as the sender (e.g. 村联系人 李桂芳). */
  displayName: string;
  /** The sender's own name, as the thread's participants list shows it (defaults to displayName). */
  name?: string;
}

export interface SendInput {
  threadId: string;
  sender: Sender;
  text?: string;
  attachments: StoredAttachment[];
  /** Items that must hold for the send, checked in the same transaction (e.g. the contact is still assigned). */
  checks: TransactItem[];
  /** Staff side: the meta as read before (the staff transaction is conditional on it). */
  meta?: ThreadMetaItem;
  /** Family side: the staff member the message is for (notified). */
  staffId?: string;
  /** Doctor's extras in a consultation. */
  followUp?: { summary: string; dueBy: string };
  suggestBooking?: boolean;
  /** Page a notification opens. */
  page: string;
  /**
   * A doctor's first answer in a consultation counts as a consultation delivered on the member's
   * active contract (履约), in the same transaction; absent when the member has no active contract.
   */
  serviceContract?: { memberId: string; contractId: string };
  /**
   * Staff side: the family's ledger summary and the day's online slot as read before
   * (`readContactState`). No slot yet: this is the staff member's first reply to the family that
   * Beijing day, and it counts as one 网络沟通 in the ledger in the same transaction.
   */
  ledger?: ContactState;
}

/**
 * The parts of a send's transaction, by what a refusal means:
 * - `meta`: family side, the thread is missing or closed; staff side, a family message arrived
 *   since the meta was read (or another team member answered first): read the meta again;
 * - `contract`: the contract named for the service count ended meanwhile: send without counting;
 * - `onlineSlot`, `ledger`: the day's online slot or the family's ledger summary changed since
 *   they were read: read them again;
 * - `checks`: the caller's own conditions (e.g. the contact is still assigned);
 * - the rest (`message`, `answered`, `stats`, `followUp`, `outbox`) carry fresh ids and do not refuse.
 */
export type SendLabel = 'message' | 'meta' | 'answered' | 'stats' | 'contract' | 'onlineSlot' | 'ledger' | 'followUp' | 'outbox' | 'checks';

/**
 * A message's ONE transaction, as labelled parts: the message, the meta (counters, inbox
 * position), the answered inbox entry, the recipients' outbox items, the ledger link and follow-up
 * item (staff side) and the caller's checks. Nothing is read or written here: the caller adds the
 * Idempotency-Key marker (its answer needs the stored message) and runs it.
 */
export function messageParts(input: SendInput, now: Date): { message: MessageItem; parts: Array<Part<SendLabel>> } {
  const { threadId, sender } = input;
  const messageId = newMessageId(now);
  const at = toBeijingIso(now);
  const followUpId = input.followUp ? `fu_${randomBytes(8).toString('hex')}` : undefined;
  const message: MessageItem = {
    ...keys.message(threadId, messageId),
    entity: 'message',
    messageId,
    threadId,
    at,
    senderId: sender.personId,
    senderSide: sender.side,
    ...(input.text !== undefined ? { text: input.text } : {}),
    attachments: input.attachments,
    ...(input.suggestBooking ? { link: { page: BOOKING_PAGE, label: '预约挂号' } } : {}),
    ...(followUpId ? { followUpId } : {}),
  };
  const preview = previewOf(message);
  const parts: Array<Part<SendLabel>> = [part('message', { Put: { TableName: tableName(), Item: message, ConditionExpression: 'attribute_not_exists(pk)' } })];
  const metaKey = keys.threadMeta(threadId);
  const time = beijingWhen(now, now);

  if (sender.side === 'family') {
    parts.push(part('meta', {
      Update: {
        TableName: tableName(),
        Key: metaKey,
        UpdateExpression:
          'SET lastMessageAt = :at, preview = :preview, lastFamilyAt = :at, lastFamilyMsgId = :id, familyReadUpTo = :id, gsi1sk = if_not_exists(gsi1sk, :wait), waitingSince = if_not_exists(waitingSince, :at) ADD unreadStaff :one',
        // A consultation closed by the member, or 7 days after the doctor's last reply, takes no more messages.
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(closedAt) AND (#kind = :conversation OR attribute_not_exists(lastStaffAt) OR lastStaffAt > :autoClose OR lastFamilyMsgId > lastStaffMsgId)',
        ExpressionAttributeNames: { '#kind': 'kind' },
        ExpressionAttributeValues: {
          ':at': at,
          ':preview': preview,
          ':id': messageId,
          ':wait': waitingKey(false, now, threadId),
          ':one': 1,
          ':conversation': 'conversation',
          ':autoClose': toBeijingIso(new Date(now.getTime() - CONSULTATION_AUTO_CLOSE_MS)),
        },
      },
    }));
    parts.push(part('answered', { Delete: { TableName: tableName(), Key: keys.threadAnswered(threadId) } }));
  } else {
    const meta = input.meta!;
    const firstReply = meta.kind === 'consultation' && !meta.firstReplyAt;
    // A team member answering for the first time becomes a named participant of the thread.
    const newParticipant = !meta.participants[sender.personId];
    parts.push(part('meta', {
      Update: {
        TableName: tableName(),
        Key: metaKey,
        UpdateExpression: `SET lastMessageAt = :at, preview = :preview, lastStaffAt = :at, lastStaffMsgId = :id, staffReadUpTo = :id, unreadStaff = :zero${firstReply ? ', firstReplyAt = :at' : ''}${newParticipant ? ', participants.#sender = :senderName' : ''} REMOVE gsi1sk, waitingSince ADD unreadFamily :one`,
        // Nothing arrived from the family since the meta was read (else its waiting mark would be
        // lost), and a first answer is the first: two team members answering at once count once.
        ConditionExpression: `${meta.lastFamilyMsgId ? 'lastFamilyMsgId = :seen' : 'attribute_exists(pk) AND attribute_not_exists(lastFamilyMsgId)'}${firstReply ? ' AND attribute_not_exists(firstReplyAt)' : ''}`,
        ...(newParticipant ? { ExpressionAttributeNames: { '#sender': sender.personId } } : {}),
        ExpressionAttributeValues: {
          ':at': at,
          ':preview': preview,
          ':id': messageId,
          ':zero': 0,
          ':one': 1,
          ...(meta.lastFamilyMsgId ? { ':seen': meta.lastFamilyMsgId } : {}),
          ...(newParticipant ? { ':senderName': sender.name ?? sender.displayName } : {}),
        },
      },
    }));
    if (firstReply && input.serviceContract) {
      parts.push(part('contract', contractServiceIncrement(input.serviceContract.memberId, input.serviceContract.contractId, 'consultations')));
    }
    if (meta.region && firstReply) {
      const late = now.getTime() - new Date(meta.createdAt).getTime() > CONSULTATION_REPLY_DUE_MS;
      parts.push(
        part(
          'stats',
          statsUpdate(meta.region, monthOf(meta.createdAt), {
            add: { consultationsAnswered: 1, ...(late ? { answeredLate: 1 } : {}) },
            append: { consultationResponseSecs: secondsBetween(meta.createdAt, now) },
            waitingDelete: waitingEntry(meta.createdAt, meta.threadId),
          }),
        ),
      );
    } else if (meta.region && meta.kind === 'conversation' && meta.waitingSince) {
      parts.push(part('stats', statsUpdate(meta.region, beijingMonth(now), { add: { conversationsAnswered: 1 }, append: { conversationResponseSecs: secondsBetween(meta.waitingSince, now) } })));
    }
    const answered = { ...meta, lastMessageAt: at, preview, lastStaffAt: at, lastStaffMsgId: messageId, ...(firstReply ? { firstReplyAt: at } : {}) };
    parts.push(part('answered', {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.threadAnswered(threadId),
          entity: 'inboxEntry',
          ...pickInboxFields(answered),
          gsi1pk: meta.gsi1pk ?? keys.inboxPk(meta.staffId),
          gsi1sk: `B#${invertedTime(now)}#${threadId}`,
        },
      },
    }));
    // Ledger link: one online contact per staff member, family and Beijing day. The first
    // reply of the day creates the slot and counts one 网络沟通 (summary and counters, exactly as a
    // hand entry would); later ones only count replies. Both conditions turn a race (another reply,
    // or a hand entry claiming the day) into a re-read instead of a double or a lost count.
    const date = beijingDate(now);
    const ledger = input.ledger;
    if (!ledger) throw new Error('a staff send needs the ledger state (readContactState)');
    const first = !ledger.onlineSlot;
    parts.push(part('onlineSlot', {
      Update: {
        TableName: tableName(),
        Key: keys.onlineContactLog(meta.familyId, date, sender.personId),
        // The first reply also puts the day in the township's monthly contact index, for the export
        // (not later ones: a day a hand entry claimed is exported as that entry).
        UpdateExpression: `SET #entity = :entity, familyId = :family, staffId = :staff, staffName = :staffName, #date = :date, #channel = :channel, firstAt = if_not_exists(firstAt, :at), #at = if_not_exists(#at, :at), lastAt = :at, gsi1pk = :gpk, gsi1sk = :gsk${first ? ', gsi2pk = :g2pk, gsi2sk = :g2sk' : ''} ADD replies :one`,
        ConditionExpression: first ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#date': 'date', '#channel': 'channel', '#entity': 'entity', '#at': 'at' },
        ExpressionAttributeValues: {
          // Not 'contactLog': the ledger reads these as 网络沟通 entries of their own (functions/lib/db/ledger.ts).
          ':entity': 'onlineContact',
          ':family': meta.familyId,
          ':staff': sender.personId,
          // The person's own name, as hand entries carry it (not the notification's "村联系人 …").
          ':staffName': sender.name ?? sender.displayName,
          ':date': date,
          ':channel': 'online',
          ':at': at,
          ':gpk': keys.staffPk(sender.personId),
          ':gsk': keys.onlineContactStaffSk(date, meta.familyId),
          ...(first ? { ':g2pk': keys.contactLogMonthPk(ledger.summary.townshipId, monthOf(date)), ':g2sk': keys.contactLogMonthSk(date, meta.familyId, `online_${sender.personId}`) } : {}),
          ':one': 1,
        },
      },
    }));
    // The ledger's own labels (summary, counter) are one refusal here: re-read and send again.
    if (first) parts.push(...partsOf('ledger', contactLedgerParts(ledger.summary, 'online', date).map((p) => p.item)));
    if (input.followUp && followUpId) {
      parts.push(part('followUp', {
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.followUpItem(meta.familyId, followUpId),
            entity: 'followUpItem',
            followUpId,
            familyId: meta.familyId,
            memberId: meta.memberId,
            doctorId: sender.personId,
            summary: input.followUp.summary,
            consultationId: meta.consultationId,
            messageId,
            dueBy: input.followUp.dueBy,
            createdAt: at,
            status: 'open',
            gsi1pk: keys.staffPk(sender.personId),
            gsi1sk: keys.followUpStaffSk(input.followUp.dueBy, followUpId),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }));
    }
  }

  const recipients = sender.side === 'family' ? [input.staffId ?? input.meta?.staffId ?? ''].filter(Boolean) : recipientsOf(input.meta!);
  for (const recipientId of recipients) {
    const consultationReply = sender.side === 'staff' && input.meta?.kind === 'consultation';
    parts.push(
      part(
        'outbox',
        outboxPut(
          consultationReply
            ? { recipientId, template: 'consultation.reply', data: { doctor: sender.displayName, subject: input.meta?.subject ?? '在线咨询', time }, page: input.page, dedupeKey: `msg.${messageId}.${recipientId}` }
            : { recipientId, template: 'message.new', data: { sender: sender.displayName, preview, time }, page: input.page, dedupeKey: `msg.${messageId}.${recipientId}` },
          now,
        ),
      ),
    );
  }
  parts.push(...partsOf('checks', input.checks));
  return { message, parts };
}

function recipientsOf(meta: ThreadMetaItem): string[] {
  return meta.kind === 'consultation' && meta.memberId ? [meta.memberId] : meta.familyRecipients;
}

function pickInboxFields(m: ThreadMetaItem) {
  const { threadId, kind, familyId, familyName, villageName, mainBirthDate, staffId, lastMessageAt, preview, subject, urgent, consultationId, memberId, createdAt, firstReplyAt, lastFamilyAt, lastStaffAt, lastFamilyMsgId, lastStaffMsgId, closedAt } = m;
  return { threadId, kind, familyId, familyName, villageName, mainBirthDate, staffId, lastMessageAt, preview, subject, urgent, consultationId, memberId, createdAt, firstReplyAt, lastFamilyAt, lastStaffAt, lastFamilyMsgId, lastStaffMsgId, closedAt };
}
