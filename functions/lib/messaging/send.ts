import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beijingDate, type AttachmentRef, type SendMessageRequest, type SendMessageResponse } from '../../../domain';
import { batchGetAll } from '../db/batch';
import { db, tableName } from '../db/client';
import type { FamilyContactItem, FamilyProfileItem } from '../db/items';
import { keys } from '../db/keys';
import { readContactState, type ContactState } from '../db/ledger';
import { messageParts, type SendInput } from '../db/messaging/sends';
import { conversationMeta, ensureMeta, getThreadMeta, type ThreadMetaItem } from '../db/messaging/threads';
import { transact, TransactionRefused, type TransactItem } from '../db/transact';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import type { Idempotency } from '../http/idempotency';
import { markAttached, verifyUpload, type StoredAttachment } from '../storage/uploads';
import { messageView } from './views';

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
 * round trip each). Across processes (Lambda containers) they do collide, and transact() retries.
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

type SendBase = Omit<SendInput, 'meta' | 'ledger' | 'followUp' | 'suggestBooking'> & { body: SendMessageRequest };

/** Why a send is made again: what changed since it was read. */
class Resend extends Error {
  constructor(readonly because: 'meta' | 'contract' | 'ledger') {
    super(`send again: ${because} changed`);
  }
}

const ATTEMPTS = 16;

/**
 * Sends with the re-reads the data model needs: a thread's first message creates its meta, and a
 * staff send whose meta changed underneath (a family message arrived) is read again and re-sent.
 * Each attempt is ONE transaction with the Idempotency-Key marker, whose answer (the stored message)
 * is made before it; a retried key is answered from the marker by the middy stack.
 */
export async function sendWithRetries(
  base: SendBase,
  loadMeta: () => Promise<ThreadMetaItem>,
  now: Date,
  needsMeta: boolean,
  idempotency: Idempotency,
  /** The meta the handler has just read, so the first attempt does not read it again. */
  knownMeta?: ThreadMetaItem,
): Promise<SendMessageResponse> {
  return oneAtATime(base.threadId, () => sendLoop(base, loadMeta, now, needsMeta, idempotency, knownMeta));
}

async function sendLoop(
  firstBase: SendBase,
  loadMeta: () => Promise<ThreadMetaItem>,
  now: Date,
  needsMeta: boolean,
  idempotency: Idempotency,
  knownMeta: ThreadMetaItem | undefined,
): Promise<SendMessageResponse> {
  let base = firstBase;
  let meta = needsMeta ? (knownMeta ?? (await loadMeta())) : undefined;
  // A staff reply counts the day's online contact in the ledger: one BatchGet of what that needs.
  const readLedger = async (m: ThreadMetaItem | undefined) => (base.sender.side === 'staff' && m ? ledgerStateFor(m.familyId, base.sender.personId, now) : undefined);
  let ledger = await readLedger(meta);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { message, parts } = messageParts({ ...base, meta, ledger, followUp: base.body.followUp, suggestBooking: base.body.suggestBooking }, now);
    const response: SendMessageResponse = { message: await messageView(message) };
    try {
      await transact([...parts, ...idempotency.marker(response, 201)], {
        refusals: {
          checks: () => forbidden('您不能在这段对话中发消息'),
          contract: () => new Resend('contract'),
          onlineSlot: () => new Resend('ledger'),
          ledger: () => new Resend('ledger'),
          meta: () => new Resend('meta'),
        },
      });
      return response;
    } catch (err) {
      // Conflicts beyond transact()'s retries: the thread is too busy right now.
      if (err instanceof TransactionRefused) throw conflict('对话正忙，请稍后再发');
      if (!(err instanceof Resend)) throw err;
      if (err.because === 'contract') {
        // The contract ended between the read and the send: the answer still goes, uncounted.
        base = { ...base, serviceContract: undefined };
      } else if (err.because === 'ledger') {
        // Another reply (or a hand entry) counted the day, or moved the summary, since it was read.
        ledger = await readLedger(meta);
      } else if (base.sender.side === 'staff') {
        // A family message arrived (or a colleague answered first) since the meta was read.
        meta = await loadMeta();
      } else if (await getThreadMeta(base.threadId)) {
        throw conflict('这次咨询已结束，如有新问题请发起新的咨询');
      } else {
        meta = await loadMeta();
      }
    }
  }
  throw conflict('对话正忙，请稍后再发');
}

async function ledgerStateFor(familyId: string, staffId: string, now: Date): Promise<ContactState> {
  const state = await readContactState(familyId, { onlineSlot: { date: beijingDate(now), staffId } });
  if (!state) throw notFound('没有找到这户家庭');
  return state;
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
