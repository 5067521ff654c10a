import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import {
  ageOn,
  beijingDate,
  BOOKING_PAGE,
  consultationStatus,
  CONSULTATION_AUTO_CLOSE_MS,
  CONSULTATION_REPLY_DUE_MS,
  isOverdue,
  monthOf,
  toBeijingIso,
  type FamilyThreadItem,
  type InboxItem,
  type MessageView,
  type ThreadSide,
  type ThreadSummary,
} from '../../../domain';
import { outboxPut } from '../notify/outbox';
import { attachmentView, type StoredAttachment } from '../storage/uploads';
import { db, tableName } from './client';
import { idempotencyPut } from './idempotency';
import { contactLedgerWrites, SUMMARY_WRITE, type ContactState } from './ledger';
import { contractServiceIncrement } from './signing';
import type { FamilyContactItem, FamilyProfileItem } from './items';
import { keys } from './keys';
import { beijingMonth, monthOfIso, secondsBetween, statsUpdate, waitingEntry, type StatsRegion } from './messaging-stats';

/**
 * Threads: conversations (family × contact person) and consultations (family member × doctor).
 *
 * Partition THREAD#<threadId> holds the messages (MSG#<id>, id = 15-digit epoch ms + random hex, so
 * ids sort in time order and are unique under concurrent sends), the thread's meta (~META) and,
 * while nothing waits for the staff side, its answered inbox entry (~INBOX). Both ~ keys sort after
 * every message, so the newest-first list Query reads the meta with the first page.
 *
 * The staff inbox is ONE Query of GSI1 INBOX#<staffId>: a waiting thread is its meta, indexed with
 * gsi1sk `A0#<since>` (urgent) or `A1#<since>` (oldest first: longest waiting, and so overdue,
 * first); a family message sets that key only if absent (if_not_exists), so the time the thread
 * began waiting is kept however many messages follow. A staff reply removes it and writes the
 * ~INBOX entry `B#<inverted time>` (newest first after all waiting ones); a family message deletes
 * that entry again. Each of these is part of the message's one transaction.
 *
 * Unread counts are counters on the meta (ADD on send; set to 0 on read together with the
 * read-up-to mark copied from the meta's own last message id of the other side, in one update),
 * so they are exact under concurrent sends.
 */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface ThreadMetaItem {
  pk: string;
  sk: '~META';
  entity: 'thread';
  threadId: string;
  kind: 'conversation' | 'consultation';
  familyId: string;
  familyName: string;
  villageName: string;
  /** Birth date of the family's main member, for the inbox's age column. */
  mainBirthDate?: string;
  staffId: string;
  staffName: string;
  participants: Record<string, string>;
  /** Bound family members a staff message is announced to. */
  familyRecipients: string[];
  createdAt: string;
  lastMessageAt?: string;
  preview?: string;
  lastFamilyAt?: string;
  lastStaffAt?: string;
  lastFamilyMsgId?: string;
  lastStaffMsgId?: string;
  familyReadUpTo?: string;
  staffReadUpTo?: string;
  unreadFamily?: number;
  unreadStaff?: number;
  waitingSince?: string;
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk: string;
  gsi2sk: string;
  /** Township and county of the family, for the commission's counters (older threads may lack it: read it as optional). */
  region?: StatsRegion;
  /** The contact's role as the family sees it (村联系人, 乡镇联系人, 志愿者), for notifications. */
  staffLabel?: string;
  // Consultations only.
  /** The doctor team whose inbox holds the consultation (every member may answer it). */
  teamId?: string;
  consultationId?: string;
  memberId?: string;
  subject?: string;
  urgent?: boolean;
  firstReplyAt?: string;
  closedAt?: string;
}

export interface MessageItem {
  pk: string;
  sk: string;
  entity: 'message';
  messageId: string;
  threadId: string;
  at: string;
  senderId: string;
  senderSide: ThreadSide;
  text?: string;
  attachments: StoredAttachment[];
  link?: { page: string; label: string };
  followUpId?: string;
}

export const newMessageId = (now: Date) => `${String(now.getTime()).padStart(15, '0')}-${randomBytes(8).toString('hex')}`;
const invertedTime = (at: Date) => String(9_999_999_999_999 - at.getTime()).padStart(13, '0');
const waitingKey = (urgent: boolean, now: Date, threadId: string) => `${urgent ? 'A0' : 'A1'}#${now.toISOString()}#${threadId}`;

export function previewOf(m: { text?: string; attachments: StoredAttachment[] }): string {
  if (m.text) return [...m.text].slice(0, 40).join('');
  if (m.attachments.some((a) => a.kind === 'voice')) return '[语音]';
  return `[图片 ${m.attachments.length} 张]`;
}

// ---------------------------------------------------------------- reads

export async function getThreadMeta(threadId: string): Promise<ThreadMetaItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.threadMeta(threadId), ConsistentRead: true }));
  return out.Item as ThreadMetaItem | undefined;
}

export async function messageView(m: MessageItem): Promise<MessageView> {
  return {
    id: m.messageId,
    at: m.at,
    senderId: m.senderId,
    senderSide: m.senderSide,
    ...(m.text !== undefined ? { text: m.text } : {}),
    attachments: await Promise.all(m.attachments.map(attachmentView)),
    ...(m.link ? { link: m.link } : {}),
    ...(m.followUpId ? { followUpId: m.followUpId } : {}),
  };
}

export function threadSummary(meta: ThreadMetaItem, side: ThreadSide): ThreadSummary {
  return {
    threadId: meta.threadId,
    kind: meta.kind,
    familyId: meta.familyId,
    familyName: meta.familyName,
    staffId: meta.staffId,
    staffName: meta.staffName,
    participants: meta.participants,
    readUpTo: { ...(meta.familyReadUpTo ? { family: meta.familyReadUpTo } : {}), ...(meta.staffReadUpTo ? { staff: meta.staffReadUpTo } : {}) },
    unread: (side === 'family' ? meta.unreadFamily : meta.unreadStaff) ?? 0,
  };
}

export const PAGE_SIZE = 30;

/**
 * One page of a thread in ONE Query: newest first (with the meta, which sorts after every message),
 * older than `cursor`, or, for polling, newer than `since` (oldest first up to the meta).
 */
export async function listMessages(threadId: string, page: { cursor?: string; since?: string }) {
  const pk = keys.threadPk(threadId);
  let input: { KeyConditionExpression: string; ExpressionAttributeValues: Record<string, string>; ScanIndexForward: boolean };
  if (page.since) {
    input = { KeyConditionExpression: 'pk = :pk AND sk > :since', ExpressionAttributeValues: { ':pk': pk, ':since': keys.message(threadId, page.since).sk }, ScanIndexForward: true };
  } else if (page.cursor) {
    input = { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': pk, ':from': keys.messagePrefix, ':to': keys.message(threadId, page.cursor).sk }, ScanIndexForward: false };
  } else {
    input = { KeyConditionExpression: 'pk = :pk AND sk >= :from', ExpressionAttributeValues: { ':pk': pk, ':from': keys.messagePrefix }, ScanIndexForward: false };
  }
  // Up to two non-message items (meta, answered entry) come with the first page or a poll.
  const out = await db().send(new QueryCommand({ TableName: tableName(), ...input, Limit: PAGE_SIZE + 3, ConsistentRead: true }));
  const items = (out.Items ?? []) as Array<MessageItem | ThreadMetaItem | { entity: string }>;
  const meta = items.find((i): i is ThreadMetaItem => i.entity === 'thread');
  let messages = items.filter((i): i is MessageItem => i.entity === 'message').filter((m) => m.messageId !== page.cursor);
  const more = messages.length > PAGE_SIZE || (out.LastEvaluatedKey !== undefined && !page.since);
  messages = messages.slice(0, PAGE_SIZE);
  if (page.since) messages.reverse();
  const last = messages[messages.length - 1];
  return { meta, messages, nextCursor: !page.since && more && last ? last.messageId : undefined, morePolls: page.since ? out.LastEvaluatedKey !== undefined : false };
}

// ---------------------------------------------------------------- creating a conversation's meta

/** The meta of a conversation, made from the family profile and the contact item. */
export function conversationMeta(profile: FamilyProfileItem, contact: FamilyContactItem, now: Date): ThreadMetaItem {
  const threadId = keys.conversationThreadId(profile.familyId, contact.staffId);
  return {
    ...keys.threadMeta(threadId),
    entity: 'thread',
    threadId,
    kind: 'conversation',
    familyId: profile.familyId,
    familyName: profile.familyName,
    villageName: profile.villageName,
    mainBirthDate: profile.members[0]?.birthDate,
    staffId: contact.staffId,
    staffName: contact.name,
    participants: Object.fromEntries([...profile.members.map((m) => [m.personId, m.name]), [contact.staffId, contact.name]]),
    familyRecipients: profile.members.map((m) => m.personId),
    region: regionOf(profile),
    staffLabel: contactLabels[contact.kind] ?? '联系人',
    createdAt: toBeijingIso(now),
    unreadFamily: 0,
    unreadStaff: 0,
    // Stays set: the thread is in the inbox index whenever gsi1sk is (waiting).
    gsi1pk: keys.inboxPk(contact.staffId),
    gsi2pk: keys.familyThreadsPk(profile.familyId),
    gsi2sk: threadId,
  };
}

export const regionOf = (profile: FamilyProfileItem): StatsRegion => ({ countyId: profile.countyId, townshipId: profile.townshipId, townshipName: profile.townshipName });
export const contactLabels: Partial<Record<string, string>> = { township_leader: '乡镇联系人', village_cadre: '村联系人', volunteer: '志愿者' };

/**
 * Writes the meta if the thread has none yet (concurrent first messages: one wins, all proceed),
 * counting the conversation as opened in the same transaction.
 */
export async function ensureMeta(meta: ThreadMetaItem, now: Date): Promise<void> {
  const items: TransactItem[] = [{ Put: { TableName: tableName(), Item: meta, ConditionExpression: 'attribute_not_exists(pk)' } }];
  if (meta.region) items.push(statsUpdate(meta.region, beijingMonth(now), { add: { conversationsOpened: 1 } }));
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
  }
}

// ---------------------------------------------------------------- sending

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
  idempotencyKey?: string;
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

export class ThreadMissing extends Error {}
export class ThreadConflict extends Error {}
export class ThreadClosed extends Error {}
/** The contract named for the service count ended meanwhile: send again without counting. */
export class ContractEnded extends Error {}
export class CheckFailed extends Error {}
/** Another transaction on the same items was in flight (DynamoDB's TransactionConflict): try again. */
export class ThreadBusy extends Error {}
/** The day's online slot or the family's ledger summary changed since they were read: read again. */
export class LedgerStale extends Error {}

function cancelled(err: unknown): string[] | undefined {
  return err instanceof TransactionCanceledException ? (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None') : undefined;
}

/**
 * Sends a message in ONE TransactWriteItems: the message, the meta (counters, inbox position), the
 * answered inbox entry, the checks, the recipients' outbox items, the ledger link and follow-up item
 * (staff side), and the Idempotency-Key record. Returns the stored message, or, for a retried
 * Idempotency-Key, `undefined` (the caller answers with what the key recorded).
 */
export async function sendMessage(input: SendInput, now: Date): Promise<MessageItem | undefined> {
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
  const items: TransactItem[] = [{ Put: { TableName: tableName(), Item: message, ConditionExpression: 'attribute_not_exists(pk)' } }];
  const metaKey = keys.threadMeta(threadId);
  let metaIndex: number;
  let serviceIndex = -1;
  let slotIndex = -1;
  let summaryIndex = -1;
  const time = `${now.getUTCMonth() + 1}月${now.getUTCDate()}日 ${toBeijingIso(now).slice(11, 16)}`;

  if (sender.side === 'family') {
    metaIndex = items.length;
    items.push({
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
    });
    items.push({ Delete: { TableName: tableName(), Key: keys.threadAnswered(threadId) } });
  } else {
    const meta = input.meta!;
    metaIndex = items.length;
    const firstReply = meta.kind === 'consultation' && !meta.firstReplyAt;
    // A team member answering for the first time becomes a named participant of the thread.
    const newParticipant = !meta.participants[sender.personId];
    items.push({
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
    });
    if (firstReply && input.serviceContract) {
      serviceIndex = items.length;
      items.push(contractServiceIncrement(input.serviceContract.memberId, input.serviceContract.contractId, 'consultations'));
    }
    if (meta.region && firstReply) {
      const late = now.getTime() - new Date(meta.createdAt).getTime() > CONSULTATION_REPLY_DUE_MS;
      items.push(
        statsUpdate(meta.region, monthOfIso(meta.createdAt), {
          add: { consultationsAnswered: 1, ...(late ? { answeredLate: 1 } : {}) },
          append: { consultationResponseSecs: secondsBetween(meta.createdAt, now) },
          waitingDelete: waitingEntry(meta.createdAt, meta.threadId),
        }),
      );
    } else if (meta.region && meta.kind === 'conversation' && meta.waitingSince) {
      items.push(statsUpdate(meta.region, beijingMonth(now), { add: { conversationsAnswered: 1 }, append: { conversationResponseSecs: secondsBetween(meta.waitingSince, now) } }));
    }
    const answered = { ...meta, lastMessageAt: at, preview, lastStaffAt: at, lastStaffMsgId: messageId, ...(firstReply ? { firstReplyAt: at } : {}) };
    items.push({
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
    });
    // Ledger link (the contact ledger counts online contacts): one online contact per staff member, family and Beijing day. The first
    // reply of the day creates the slot and counts one 网络沟通 (summary and counters, exactly as a
    // hand entry would); later ones only count replies. Both conditions turn a race (another reply,
    // or a hand entry claiming the day) into a re-read instead of a double or a lost count.
    const date = beijingDate(now);
    const ledger = input.ledger;
    if (!ledger) throw new Error('a staff send needs the ledger state (readContactState)');
    const first = !ledger.onlineSlot;
    slotIndex = items.length;
    items.push({
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
    });
    if (first) {
      summaryIndex = items.length + SUMMARY_WRITE;
      items.push(...contactLedgerWrites(ledger.summary, 'online', date));
    }
    if (input.followUp && followUpId) {
      items.push({
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
      });
    }
  }

  const recipients = sender.side === 'family' ? [input.staffId ?? input.meta?.staffId ?? ''].filter(Boolean) : recipientsOf(input.meta!);
  for (const recipientId of recipients) {
    const consultationReply = sender.side === 'staff' && input.meta?.kind === 'consultation';
    items.push(
      outboxPut(
        consultationReply
          ? { recipientId, template: 'consultation.reply', data: { doctor: sender.displayName, subject: input.meta?.subject ?? '在线咨询', time }, page: input.page, dedupeKey: `msg.${messageId}.${recipientId}` }
          : { recipientId, template: 'message.new', data: { sender: sender.displayName, preview, time }, page: input.page, dedupeKey: `msg.${messageId}.${recipientId}` },
        now,
      ),
    );
  }
  const checksFrom = items.length;
  items.push(...input.checks);
  const idemIndex = items.length;
  if (input.idempotencyKey) items.push(idempotencyPut(keys.threadPk(threadId), sender.personId, input.idempotencyKey, { messageId }, now));

  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
    return message;
  } catch (err) {
    const reasons = cancelled(err);
    if (!reasons) throw err;
    if (input.idempotencyKey && reasons[idemIndex] === 'ConditionalCheckFailed') return undefined;
    if (reasons.slice(checksFrom, idemIndex).some((r) => r === 'ConditionalCheckFailed')) throw new CheckFailed();
    if (serviceIndex >= 0 && reasons[serviceIndex] === 'ConditionalCheckFailed') throw new ContractEnded();
    if ([slotIndex, summaryIndex].some((i) => i >= 0 && reasons[i] === 'ConditionalCheckFailed')) throw new LedgerStale();
    if (reasons.includes('TransactionConflict')) throw new ThreadBusy();
    if (reasons[metaIndex] === 'ConditionalCheckFailed') {
      if (sender.side === 'staff') throw new ThreadConflict();
      const meta = await getThreadMeta(threadId);
      if (!meta) throw new ThreadMissing();
      throw new ThreadClosed();
    }
    throw err;
  }
}

function recipientsOf(meta: ThreadMetaItem): string[] {
  return meta.kind === 'consultation' && meta.memberId ? [meta.memberId] : meta.familyRecipients;
}

function pickInboxFields(m: ThreadMetaItem) {
  const { threadId, kind, familyId, familyName, villageName, mainBirthDate, staffId, lastMessageAt, preview, subject, urgent, consultationId, createdAt, firstReplyAt, lastFamilyAt, lastStaffAt, lastFamilyMsgId, lastStaffMsgId, closedAt } = m;
  return { threadId, kind, familyId, familyName, villageName, mainBirthDate, staffId, lastMessageAt, preview, subject, urgent, consultationId, createdAt, firstReplyAt, lastFamilyAt, lastStaffAt, lastFamilyMsgId, lastStaffMsgId, closedAt };
}

/**
 * The caller's side has read everything the other side sent so far: the read-up-to mark becomes
 * the meta's own last message id of the other side, and the unread counter 0, in one update.
 */
export async function markRead(threadId: string, side: ThreadSide): Promise<void> {
  const other = side === 'family' ? 'Staff' : 'Family';
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.threadMeta(threadId),
        UpdateExpression: `SET ${side}ReadUpTo = last${other}MsgId, unread${side === 'family' ? 'Family' : 'Staff'} = :zero`,
        ConditionExpression: `attribute_exists(last${other}MsgId)`,
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}

// ---------------------------------------------------------------- inbox and family threads

type InboxSource = Partial<ThreadMetaItem> & { entity: string; threadId: string; kind: 'conversation' | 'consultation'; familyId: string };

function inboxItem(i: InboxSource, now: Date): InboxItem {
  const waiting = i.entity === 'thread';
  const today = beijingDate(now);
  const consultation = i.kind === 'consultation';
  return {
    threadId: i.threadId,
    kind: i.kind,
    familyId: i.familyId,
    familyName: i.familyName ?? '',
    villageName: i.villageName ?? '',
    ...(i.mainBirthDate ? { age: ageOn(i.mainBirthDate, today) } : {}),
    unread: waiting ? (i.unreadStaff ?? 0) : 0,
    waiting,
    ...(waiting && i.waitingSince ? { waitingSince: i.waitingSince } : {}),
    lastMessageAt: i.lastMessageAt ?? i.createdAt ?? '',
    preview: i.preview ?? '',
    ...(consultation
      ? {
          subject: i.subject,
          urgent: Boolean(i.urgent),
          status: consultationStatus(i, now),
          overdue: isOverdue({ createdAt: i.createdAt ?? '', firstReplyAt: i.firstReplyAt }, now),
        }
      : {}),
  };
}

/**
 * The staff inbox: waiting threads (urgent, then longest waiting) then answered ones, newest first.
 * A contact person has one partition (INBOX#<staffId>); a doctor reads the consultation inbox of
 * each team they are on (INBOX#TEAM#<teamId>; nearly always one). Each partition is one Query of at
 * most a page; several are merged by their sort key (the same order in every partition) and the
 * cursor remembers where each one stopped.
 */
export async function staffInbox(partitions: string[], now: Date, cursor?: InboxCursor): Promise<{ items: InboxItem[]; nextCursor?: InboxCursor }> {
  const pages = await Promise.all(
    partitions.map(async (pk) => {
      const from = cursor?.[pk];
      if (from === 'done') return { pk, items: [] as InboxSource[], more: false };
      const out = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          Limit: PAGE_SIZE + 1,
          ExclusiveStartKey: from ? { pk: from[0], sk: from[1], gsi1pk: pk, gsi1sk: from[2] } : undefined,
        }),
      );
      const items = (out.Items ?? []) as Array<InboxSource & { pk: string; sk: string; gsi1sk: string }>;
      return { pk, items, more: items.length > PAGE_SIZE || out.LastEvaluatedKey !== undefined };
    }),
  );
  const merged = pages
    .flatMap((p) => p.items.map((item) => ({ item: item as InboxSource & { pk: string; sk: string; gsi1sk: string }, pk: p.pk })))
    .sort((a, b) => a.item.gsi1sk.localeCompare(b.item.gsi1sk));
  const taken = merged.slice(0, PAGE_SIZE);
  const next: InboxCursor = {};
  let more = false;
  for (const p of pages) {
    const mine = taken.filter((t) => t.pk === p.pk);
    const last = mine[mine.length - 1]?.item;
    const left = p.items.length > mine.length || p.more;
    if (cursor?.[p.pk] === 'done' || !left) next[p.pk] = 'done';
    else {
      more = true;
      next[p.pk] = last ? [last.pk, last.sk, last.gsi1sk] : (cursor?.[p.pk] ?? null);
    }
  }
  const items = taken.map((t) => inboxItem(t.item, now));
  // An overdue consultation is first in the doctor's queue, urgent or not.
  const overdue = items.filter((i) => i.waiting && i.overdue);
  const ordered = [...overdue, ...items.filter((i) => !overdue.includes(i))];
  return { items: ordered, ...(more ? { nextCursor: next } : {}) };
}

/** Per inbox partition: where the last page stopped (base key, sort key, index sort key), not yet begun (null), or read to the end. */
export type InboxCursor = Record<string, [string, string, string] | null | 'done'>;

/** The family's threads with unread counts: one Query of GSI2 THREADS#<familyId>. */
export async function familyThreads(familyId: string, now: Date): Promise<FamilyThreadItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.familyThreadsPk(familyId) } }),
  );
  return ((out.Items ?? []) as ThreadMetaItem[])
    .map((m) => ({
      threadId: m.threadId,
      kind: m.kind,
      staffId: m.staffId,
      staffName: m.staffName,
      unread: m.unreadFamily ?? 0,
      lastMessageAt: m.lastMessageAt ?? m.createdAt,
      preview: m.preview ?? '',
      ...(m.kind === 'consultation'
        ? { subject: m.subject, consultationId: m.consultationId, status: consultationStatus(m, now), urgent: Boolean(m.urgent) }
        : {}),
    }))
    .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
}

export const threadWaitingKey = waitingKey;
