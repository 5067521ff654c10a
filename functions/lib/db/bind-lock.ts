import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BIND_LOCK_MEMORY_SECONDS, BIND_LOCK_SECONDS, BIND_REPEAT_LOCK_SECONDS, BIND_WRONG_PER_TARGET_PER_HOUR } from '../../../domain';
import { db, tableName } from './client';
import { keys } from './keys';
import { part, parts, transact, TransactionRefused, type TransactItem } from './transact';

/**
 * Wrong binding proofs counted per identity (a registered person, or a phone number), whichever
 * WeChat account they come from; the per-account window (rate-limit.ts) alone let five accounts
 * guess twenty-five times an hour at one elder's ID digits.
 *
 * One item per identity holds two counters for the current hour and the lock:
 * - `tries` is taken BEFORE the proof is checked, by a conditional increment, so however many
 *   requests arrive at once, no more than the limit are ever checked in one window;
 * - `failures` counts the tries that turned out wrong; the one that reaches the limit locks the
 *   identity (a conditional update only one request can win, in the same transaction as the
 *   notices to the person's contacts), for an hour, or a day if it was locked within the last week.
 * While locked, every try is refused before the proof is looked at, the right one too.
 */
const WINDOW_SECONDS = 3600;

export type LockTarget = { kind: 'person'; personId: string } | { kind: 'phone'; phoneIndex: string };

export const lockKey = (t: LockTarget) => keys.bindLock(t.kind === 'person' ? `person#${t.personId}` : `phone#${t.phoneIndex}`);

export type TryResult = { allowed: true } | { allowed: false; until: Date };

interface LockItem {
  tries: number;
  failures: number;
  windowStart: number;
  lockedUntil: number;
  lockouts: number;
  lastLockedAt?: number;
}

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/** Raw ({ N: '5' }) or unmarshalled, depending on the SDK layer that failed. */
function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'N' in value) return Number((value as { N: string }).N);
  return Number.NaN;
}

/** Takes one try against the identity, or says until when it is closed. */
export async function takeTry(target: LockTarget, now: Date): Promise<TryResult> {
  const nowS = epoch(now);
  const since = nowS - WINDOW_SECONDS;
  const Key = lockKey(target);
  for (let round = 0; round < 3; round++) {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key,
          UpdateExpression: 'SET tries = tries + :one',
          ConditionExpression: 'attribute_exists(pk) AND windowStart > :since AND tries < :limit AND lockedUntil <= :now',
          ExpressionAttributeValues: { ':one': 1, ':since': since, ':limit': BIND_WRONG_PER_TARGET_PER_HOUR, ':now': nowS },
        }),
      );
      return { allowed: true };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    try {
      // A new window: the lock history (lockouts, lastLockedAt) stays.
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key,
          UpdateExpression:
            'SET entity = :entity, tries = :one, failures = :zero, windowStart = :now, lockedUntil = if_not_exists(lockedUntil, :zero), lockouts = if_not_exists(lockouts, :zero), expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(pk) OR (windowStart <= :since AND lockedUntil <= :now)',
          ExpressionAttributeValues: { ':entity': 'bindLock', ':one': 1, ':zero': 0, ':now': nowS, ':since': since, ':expires': nowS + BIND_LOCK_MEMORY_SECONDS + BIND_REPEAT_LOCK_SECONDS },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { allowed: true };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const old = (err as { Item?: Record<string, unknown> }).Item;
      const lockedUntil = num(old?.lockedUntil);
      if (lockedUntil > nowS) return { allowed: false, until: new Date(lockedUntil * 1000) };
      const windowStart = num(old?.windowStart);
      // Every try of this window is taken (some may still be being checked): closed till it ends.
      if (num(old?.tries) >= BIND_WRONG_PER_TARGET_PER_HOUR && windowStart > since) return { allowed: false, until: new Date((windowStart + WINDOW_SECONDS) * 1000) };
      // Otherwise another request moved the window between our two writes: go round again.
    }
  }
  return { allowed: false, until: new Date((nowS + 60) * 1000) };
}

/**
 * Counts a wrong proof. When it is the one that fills the window, locks the identity and writes
 * `notices(lockedUntil)` (outbox items) in the same transaction; returns the lock's end then.
 */
export async function recordFailure(target: LockTarget, now: Date, notices: (until: Date) => Promise<TransactItem[]> = async () => []): Promise<Date | undefined> {
  const nowS = epoch(now);
  const Key = lockKey(target);
  let after: LockItem;
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key,
        UpdateExpression: 'SET failures = failures + :one',
        ConditionExpression: 'attribute_exists(pk) AND lockedUntil <= :now',
        ExpressionAttributeValues: { ':one': 1, ':now': nowS },
        ReturnValues: 'ALL_NEW',
      }),
    );
    after = out.Attributes as LockItem;
  } catch (err) {
    // Locked already by a concurrent wrong try: nothing left to count.
    if (isConditionFailure(err)) return undefined;
    throw err;
  }
  if (after.failures < BIND_WRONG_PER_TARGET_PER_HOUR) return undefined;

  const repeat = after.lastLockedAt !== undefined && nowS - after.lastLockedAt < BIND_LOCK_MEMORY_SECONDS;
  const lockedUntil = nowS + (repeat ? BIND_REPEAT_LOCK_SECONDS : BIND_LOCK_SECONDS);
  const until = new Date(lockedUntil * 1000);
  try {
    await transact([
      part('lock', {
        Update: {
          TableName: tableName(),
          Key,
          // The lock starts a fresh window, so the first try after it ends opens a new one.
          UpdateExpression: 'SET lockedUntil = :until, lastLockedAt = :now, lockouts = lockouts + :one, tries = :zero, failures = :zero, windowStart = :now, expiresAt = :expires',
          ConditionExpression: 'failures >= :limit AND lockedUntil <= :now',
          ExpressionAttributeValues: { ':until': lockedUntil, ':now': nowS, ':one': 1, ':zero': 0, ':limit': BIND_WRONG_PER_TARGET_PER_HOUR, ':expires': lockedUntil + BIND_LOCK_MEMORY_SECONDS },
        },
      }),
      ...parts('notice', await notices(until)),
    ]);
  } catch (err) {
    // Another wrong try locked it a moment ago (and told the contacts).
    if (err instanceof TransactionRefused) return undefined;
    throw err;
  }
  return until;
}
