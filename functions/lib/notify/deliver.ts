import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { toBeijingIso } from '../../../domain';
import { db, tableName } from '../db/client';
import { keys } from '../db/keys';
import { part, transact, TransactionRefused, type Part } from '../db/transact';
import { countMetric } from '../observability/metrics';
import type { OutboxItem } from './outbox';
import { sendSubscribeMessage, type SendOutcome } from './wechat-subscribe';
import { errorFields, logger } from '../observability/logger';

/**
 * The sender: delivers one pending outbox item as a WeChat subscription message.
 *
 * 1. Claim, in ONE transaction: the outbox item (still pending, due, and at the attempt count we
 *    saw, so two senders racing on one item cannot both win) moves its next attempt a lease ahead,
 *    and the recipient's remaining subscription for the template is decremented only if it is
 *    above zero. If the subscription condition alone fails, the item is `skipped`: the user did
 *    not agree to hear about it, and WeChat would refuse.
 * 2. Send, outside any transaction (an HTTP call cannot be part of one).
 * 3. Record the outcome: `sent`; `skipped` (WeChat says no subscription: our count is set to 0);
 *    `failed` for a fault retrying cannot fix, or after MAX_ATTEMPTS; otherwise back to pending
 *    with exponential backoff. On any unsent outcome the subscription is given back (WeChat did
 *    not use it up). If the sender dies between 1 and 3, the lease runs out and the sweep retries.
 *
 * The change the message reports (a chat message, a reply) was committed with the outbox item and
 * is never touched here: a delivery failure can only ever lose the notification, never the message.
 */
export const MAX_ATTEMPTS = 8;
/** How long a claim holds an item before another sender may retry it. */
export const CLAIM_LEASE_MS = 60_000;
/** Kept this long after the outcome, for the record (TTL). */
const DONE_TTL_S = 30 * 24 * 3600;

/** 2 s, 8 s, 32 s, ~2 min, ~9 min, ~34 min, ~2.3 h: the last of MAX_ATTEMPTS tries ~3 h after the first. */
export function backoffMs(attempts: number): number {
  return Math.min(2000 * 4 ** (attempts - 1), 6 * 3600_000);
}

export type DeliveryResult = 'sent' | 'skipped' | 'retry' | 'failed' | 'not-due' | 'busy';

const dueSk = (at: Date, id: string) => `${at.toISOString()}#${id}`;

async function recipientOpenid(personId: string): Promise<string | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.person(personId), ProjectionExpression: 'openid' }));
  return (out.Item as { openid?: string } | undefined)?.openid;
}

/** The outbox item, updated only if it is still pending at the attempt count `attempts`. */
function outboxUpdate(item: OutboxItem, attempts: number, set: Record<string, unknown>, remove: string[] = []): Part<'outbox'> {
  const names: Record<string, string> = { '#status': 'status', '#attempts': 'attempts' };
  const values: Record<string, unknown> = { ':pending': 'pending', ':seen': attempts };
  const sets = Object.entries(set).map(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  const removes = remove.map((k, i) => {
    names[`#r${i}`] = k;
    return `#r${i}`;
  });
  return part('outbox', {
    Update: {
      TableName: tableName(),
      Key: keys.outbox(item.outboxId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: '#status = :pending AND #attempts = :seen',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  });
}

function subscriptionChange(item: OutboxItem, change: 'refund' | 'zero' | 'use', now: Date): Part<'subscription'> {
  const key = keys.subscription(item.recipientId, item.template);
  if (change === 'use') {
    // Only while one is left: if none is, the user did not agree to hear about it.
    return part('subscription', {
      Update: {
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET remaining = remaining - :one, updatedAt = :now',
        ConditionExpression: 'remaining > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':now': toBeijingIso(now) },
      },
    });
  }
  return part('subscription', {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: change === 'refund' ? 'ADD remaining :one SET updatedAt = :now' : 'SET remaining = :zero, updatedAt = :now',
      ExpressionAttributeValues: change === 'refund' ? { ':one': 1, ':now': toBeijingIso(now) } : { ':zero': 0, ':now': toBeijingIso(now) },
    },
  });
}

const finished = (status: 'sent' | 'skipped' | 'failed', now: Date, extra: Record<string, unknown> = {}) => ({
  status,
  finishedAt: toBeijingIso(now),
  expiresAt: Math.floor(now.getTime() / 1000) + DONE_TTL_S,
  ...extra,
});

/**
 * Runs one step's parts. Refused: what failed, by label (the outbox item moved on under another
 * sender, or no subscription was left); conflicts are retried by transact() itself.
 */
async function step(stepParts: Array<Part<'outbox' | 'subscription'>>): Promise<'ok' | Array<'outbox' | 'subscription'>> {
  try {
    await transact(stepParts);
    return 'ok';
  } catch (err) {
    if (err instanceof TransactionRefused) return err.failed as Array<'outbox' | 'subscription'>;
    throw err;
  }
}

export async function deliverOutboxItem(item: OutboxItem, now: Date): Promise<DeliveryResult> {
  if (item.status !== 'pending') return 'busy';
  if (new Date(item.nextAttemptAt).getTime() > now.getTime()) return 'not-due';
  const seen = item.attempts;

  const openid = await recipientOpenid(item.recipientId);
  if (!openid) {
    const r = await step([outboxUpdate(item, seen, finished('skipped', now, { lastError: 'recipient has not bound WeChat' }), ['gsi2pk', 'gsi2sk'])]);
    if (r === 'ok') countMetric('OutboxSkipped');
    return r === 'ok' ? 'skipped' : 'busy';
  }

  const lease = new Date(now.getTime() + CLAIM_LEASE_MS);
  const claim = await step([
    outboxUpdate(item, seen, { attempts: seen + 1, nextAttemptAt: toBeijingIso(lease), gsi2sk: dueSk(lease, item.outboxId), claimedAt: toBeijingIso(now) }),
    subscriptionChange(item, 'use', now),
  ]);
  if (claim !== 'ok') {
    // Another sender has it, or conflicts outlasted the retries: it stays due, nothing changed.
    if (!claim.includes('subscription') || claim.includes('outbox')) return 'busy';
    const r = await step([outboxUpdate(item, seen, finished('skipped', now, { lastError: 'no remaining subscription' }), ['gsi2pk', 'gsi2sk'])]);
    if (r === 'ok') countMetric('OutboxSkipped');
    return r === 'ok' ? 'skipped' : 'busy';
  }

  const outcome: SendOutcome = await sendSubscribeMessage({ openid, template: item.template, page: item.page, data: item.data }, now);
  const attempts = seen + 1;
  const doneAt = new Date();
  switch (outcome.kind) {
    case 'sent':
      await step([outboxUpdate(item, attempts, finished('sent', doneAt, { sentAt: toBeijingIso(doneAt) }), ['gsi2pk', 'gsi2sk', 'lastError'])]);
      countMetric('OutboxSent');
      return 'sent';
    case 'refused':
      await step([outboxUpdate(item, attempts, finished('skipped', doneAt, { lastError: outcome.error }), ['gsi2pk', 'gsi2sk']), subscriptionChange(item, 'zero', doneAt)]);
      countMetric('OutboxSkipped');
      return 'skipped';
    case 'permanent':
      await step([outboxUpdate(item, attempts, finished('failed', doneAt, { lastError: outcome.error }), ['gsi2pk', 'gsi2sk']), subscriptionChange(item, 'refund', doneAt)]);
      countMetric('OutboxFailed');
      return 'failed';
    case 'transient': {
      if (attempts >= MAX_ATTEMPTS) {
        await step([outboxUpdate(item, attempts, finished('failed', doneAt, { lastError: outcome.error }), ['gsi2pk', 'gsi2sk']), subscriptionChange(item, 'refund', doneAt)]);
        countMetric('OutboxFailed');
        return 'failed';
      }
      const next = new Date(doneAt.getTime() + backoffMs(attempts));
      await step([
        outboxUpdate(item, attempts, { nextAttemptAt: toBeijingIso(next), gsi2sk: dueSk(next, item.outboxId), lastError: outcome.error }),
        subscriptionChange(item, 'refund', doneAt),
      ]);
      return 'retry';
    }
  }
}

/**
 * Delivers what is due: scheduled items whose time has come, retries whose backoff has passed and
 * claims whose sender died. Reads the due index (GSI2 OUTBOX#DUE, oldest first), one page a run.
 */
export async function sweepDueOutbox(now: Date, options: { limit?: number; concurrency?: number } = {}): Promise<Record<DeliveryResult, number>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
      ExpressionAttributeValues: { ':pk': keys.outboxDuePk, ':now': `${now.toISOString()}#\uffff` },
      Limit: options.limit ?? 100,
    }),
  );
  const items = (out.Items ?? []) as OutboxItem[];
  const tally: Record<DeliveryResult, number> = { sent: 0, skipped: 0, retry: 0, failed: 0, 'not-due': 0, busy: 0 };
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        tally[await deliverOutboxItem(item, now)]++;
      } catch (err) {
        // One item's fault must not stop the others; the item stays due and is tried again.
        logger.error('outbox delivery failed', { outboxId: item.outboxId, ...errorFields(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return tally;
}
