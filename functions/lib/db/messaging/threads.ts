import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { beijingMonth, toBeijingIso, type ThreadSide } from '../../../../domain';
import type { StoredAttachment } from '../../storage/uploads';
import { db, tableName } from '../client';
import type { FamilyContactItem, FamilyProfileItem } from '../items';
import { keys } from '../keys';
import { part, transact, TransactionRefused } from '../transact';
import { statsUpdate, type StatsRegion } from './stats';

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
  /** Township and county of the family, for the commission's counters (older threads may lack it). */
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
export const invertedTime = (at: Date) => String(9_999_999_999_999 - at.getTime()).padStart(13, '0');
/** The inbox index key of a waiting thread: urgent first, then longest waiting. */
export const waitingKey = (urgent: boolean, now: Date, threadId: string) => `${urgent ? 'A0' : 'A1'}#${now.toISOString()}#${threadId}`;

/** How much of a message the inbox shows; a longer one ends in an ellipsis, so it reads as cut. */
export const PREVIEW_CHARS = 40;

export function previewOf(m: { text?: string; attachments: StoredAttachment[] }): string {
  if (m.text) {
    const chars = [...m.text];
    return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS - 1).join('')}…` : m.text;
  }
  if (m.attachments.some((a) => a.kind === 'voice')) return '[语音]';
  return `[图片 ${m.attachments.length} 张]`;
}

// ---------------------------------------------------------------- reads

export async function getThreadMeta(threadId: string): Promise<ThreadMetaItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.threadMeta(threadId), ConsistentRead: true }));
  return out.Item as ThreadMetaItem | undefined;
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
  try {
    await transact([
      part('meta', { Put: { TableName: tableName(), Item: meta, ConditionExpression: 'attribute_not_exists(pk)' } }),
      ...(meta.region ? [part('stats', statsUpdate(meta.region, beijingMonth(now), { add: { conversationsOpened: 1 } }))] : []),
    ]);
  } catch (err) {
    // The meta is there already: another first message made it (and counted the conversation).
    if (!(err instanceof TransactionRefused && err.has('meta'))) throw err;
  }
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
