import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';

/**
 * Fixed-window attempt counter kept in the table. Each attempt is taken atomically (a conditional
 * increment, or a conditional restart of an expired window), so concurrent attempts can never
 * exceed the limit. The item expires by TTL once its window is over.
 */
export interface Window {
  key: { pk: string; sk: string };
  limit: number;
  windowSeconds: number;
}

export type AttemptResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

/** The failed item comes back raw ({ N: '5' }) or unmarshalled (5) depending on the SDK layer. */
function numberAttribute(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'N' in value) return Number((value as { N: string }).N);
  return Number.NaN;
}

export async function takeAttempt(window: Window, now: Date): Promise<AttemptResult> {
  const nowS = Math.floor(now.getTime() / 1000);
  const windowOpenSince = nowS - window.windowSeconds;
  for (let round = 0; round < 3; round++) {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: window.key,
          UpdateExpression: 'SET #n = #n + :one',
          ConditionExpression: 'attribute_exists(pk) AND windowStart > :since AND #n < :limit',
          ExpressionAttributeNames: { '#n': 'attempts' },
          ExpressionAttributeValues: { ':one': 1, ':since': windowOpenSince, ':limit': window.limit },
        }),
      );
      return { allowed: true };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...window.key, entity: 'rateLimit', attempts: 1, windowStart: nowS, expiresAt: nowS + window.windowSeconds },
          ConditionExpression: 'attribute_not_exists(pk) OR windowStart <= :since',
          ExpressionAttributeValues: { ':since': windowOpenSince },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { allowed: true };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const old = (err as { Item?: Record<string, unknown> }).Item;
      const start = numberAttribute(old?.windowStart);
      const attempts = numberAttribute(old?.attempts);
      // A full, current window: refuse. Otherwise another request changed the window between our
      // two writes; go round again.
      if (attempts >= window.limit && start > windowOpenSince) {
        return { allowed: false, retryAfterSeconds: Math.max(1, start + window.windowSeconds - nowS) };
      }
    }
  }
  return { allowed: false, retryAfterSeconds: 60 };
}

export async function clearAttempts(window: Window): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: window.key }));
}
