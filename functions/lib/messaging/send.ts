import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AttachmentRef, MessageView, SendMessageRequest } from '../../../domain';
import { batchGetAll } from '../db/batch';
import { tableName } from '../db/client';
import { idempotentResult } from '../db/idempotency';
import type { FamilyContactItem, FamilyProfileItem } from '../db/items';
import { keys } from '../db/keys';
import { readContactState, type ContactState } from '../db/ledger';
import { CheckFailed, ContractEnded, conversationMeta, ensureMeta, getThreadMeta, LedgerStale, messageView, sendMessage, ThreadBusy, ThreadClosed, ThreadConflict, ThreadMissing, type MessageItem, type SendInput, type ThreadMetaItem } from '../db/threads';
import { beijingDate } from '../../../domain';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { markAttached, verifyUpload, type StoredAttachment } from '../storage/uploads';
import { db } from '../db/client';
import { GetCommand } from '@aws-sdk/lib-dynamodb';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The attachments a message names, checked against the stored objects and tagged as attached. */
export async function checkedAttachments(refs: AttachmentRef[] | undefined, scope: string, senderId: string): Promise<StoredAttachment[]> {
  if (!refs?.length) return [];
  if (new Set(refs.map((r) => r.key)).size !== refs.length) throw badRequest('同一个附件不能发两次', { 'body.attachments': '附件重复' });
  const stored = await Promise.all(refs.map((r, i) => verifyUpload(r.key, scope, senderId, `body.attachments.${i}.key`)));
  if (stored.some((a) => a.kind === 'voice') && stored.length > 1) throw badRequest('一条语音消息只能有一段语音', { 'body.attachments': '语音要单独发送' });
  await markAttached(stored);
  return stored;
}

/** The family's contact item, still assigned and of a kind that has conversations: else not found. */
export const contactStillAssigned = (familyId: string, staffId: string): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.familyContact(familyId, staffId),
    ConditionExpression: 'attribute_exists(pk) AND #kind IN (:a, :b, :c)',
    ExpressionAttributeNames: { '#kind': 'kind' },
    ExpressionAttributeValues: { ':a': 'township_leader', ':b': 'village_cadre', ':c': 'volunteer' },
  },
});

export async function newConversationMeta(familyId: string, staffId: string, now: Date): Promise<ThreadMetaItem> {
  const items = await batchGetAll<FamilyProfileItem | FamilyContactItem>([keys.familyProfile(familyId), keys.familyContact(familyId, staffId)]);
  const profile = items.find((i): i is FamilyProfileItem => i.entity === 'family');
  const contact = items.find((i): i is FamilyContactItem => i.entity === 'familyContact');
  if (!profile || !contact || contact.kind === 'doctor') throw forbidden('这位联系人已不再负责您家，不能继续对话');
  const meta = conversationMeta(profile, contact, now);
  await ensureMeta(meta, now);
  return meta;
}

/**
 * Within one process, sends to one thread wait for each other instead of colliding: every send
 * updates the thread's meta, and two transactions on one item cancel each other (a wasted
 * round trip each). Across processes (Lambda containers) they do collide, and retry with backoff.
 */
const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(threadId: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(threadId) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const settled = run.catch(() => undefined);
  queues.set(threadId, settled);
  void settled.then(() => {
    if (queues.get(threadId) === settled) queues.delete(threadId);
  });
  return run;
}

/**
 * Sends with the retries the data model needs: a thread's first message creates its meta, and a
 * staff send whose meta changed underneath (a family message arrived) is read again and re-sent.
 * A retried Idempotency-Key answers with the message it created.
 */
export async function sendWithRetries(
  base: Omit<SendInput, 'meta'> & { body: SendMessageRequest },
  loadMeta: () => Promise<ThreadMetaItem>,
  now: Date,
  needsMeta: boolean,
  /** The meta the handler has just read, so the first attempt does not read it again. */
  knownMeta?: ThreadMetaItem,
): Promise<{ message: MessageView; created: boolean }> {
  return oneAtATime(base.threadId, () => sendLoop(base, loadMeta, now, needsMeta, knownMeta));
}

async function sendLoop(
  firstBase: Omit<SendInput, 'meta'> & { body: SendMessageRequest },
  loadMeta: () => Promise<ThreadMetaItem>,
  now: Date,
  needsMeta: boolean,
  knownMeta: ThreadMetaItem | undefined,
): Promise<{ message: MessageView; created: boolean }> {
  let base = firstBase;
  let meta = needsMeta ? (knownMeta ?? (await loadMeta())) : undefined;
  // A staff reply counts the day's online contact in the ledger: one BatchGet of what that needs.
  const readLedger = async (m: ThreadMetaItem | undefined) => (base.sender.side === 'staff' && m ? ledgerStateFor(m.familyId, base.sender.personId, now) : undefined);
  let ledger = await readLedger(meta);
  for (let attempt = 0; attempt < 16; attempt++) {
    try {
      const stored = await sendMessage({ ...base, meta, ledger, followUp: base.body.followUp, suggestBooking: base.body.suggestBooking }, now);
      if (stored) return { message: await messageView(stored), created: true };
      return { message: await replayed(base.threadId, base.sender.personId, base.idempotencyKey!), created: false };
    } catch (err) {
      if (err instanceof CheckFailed) throw forbidden('您不能在这段对话中发消息');
      if (err instanceof ThreadClosed) throw conflict('这次咨询已结束，如有新问题请发起新的咨询');
      if (err instanceof ContractEnded) {
        // The contract ended between the read and the send: the answer still goes, uncounted.
        base = { ...base, serviceContract: undefined };
        continue;
      }
      if (err instanceof ThreadBusy) {
        // Concurrent sends to one thread update the same meta: exponential backoff, full jitter.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(800, 20 * 2 ** attempt)));
        continue;
      }
      if (err instanceof LedgerStale) {
        // Another reply (or a hand entry) counted the day, or moved the summary, since it was read.
        ledger = await readLedger(meta);
        continue;
      }
      if (err instanceof ThreadMissing || err instanceof ThreadConflict) {
        meta = await loadMeta();
        continue;
      }
      throw err;
    }
  }
  throw conflict('对话正忙，请稍后再发');
}

async function ledgerStateFor(familyId: string, staffId: string, now: Date): Promise<ContactState> {
  const state = await readContactState(familyId, { onlineSlot: { date: beijingDate(now), staffId } });
  if (!state) throw notFound('没有找到这户家庭');
  return state;
}

async function replayed(threadId: string, senderId: string, key: string): Promise<MessageView> {
  const recorded = await idempotentResult<{ messageId: string }>(keys.threadPk(threadId), senderId, key);
  if (!recorded) throw conflict('请稍后再试');
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.message(threadId, recorded.messageId), ConsistentRead: true }));
  if (!out.Item) throw notFound();
  return messageView(out.Item as MessageItem);
}

/** The member's active contract (from the STATE item, one GetItem), for counting a delivered service. */
export async function activeContractOf(memberId: string): Promise<{ memberId: string; contractId: string } | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.signingState(memberId), ProjectionExpression: '#s, contractId', ExpressionAttributeNames: { '#s': 'state' } }));
  const state = out.Item as { state?: string; contractId?: string } | undefined;
  return state?.state === 'signed' && state.contractId ? { memberId, contractId: state.contractId } : undefined;
}

export async function metaOrCreate(threadId: string, create: () => Promise<ThreadMetaItem>): Promise<ThreadMetaItem> {
  return (await getThreadMeta(threadId)) ?? create();
}
