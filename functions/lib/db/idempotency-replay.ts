import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { badRequest } from '../http/errors';
import { db, tableName } from './client';
import { keys } from './keys';

/**
 * Idempotency-Key for creating POSTs: the first success stores its answer in a marker item, written
 * in the SAME transaction as the change (conditioned on not existing), so a retry either finds the
 * marker and gets the same answer with nothing written, or races the first attempt and loses on the
 * marker's condition. Markers are per caller and per route, and expire after a day.
 */
export interface Idem {
  pk: string;
  sk: string;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;
const TTL_SECONDS = 24 * 60 * 60;

export function idempotencyOf(headers: Record<string, string | undefined>, callerId: string, scope: string): Idem | undefined {
  const raw = headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (!KEY_PATTERN.test(raw)) throw badRequest('请求标识（Idempotency-Key）格式不正确', { 'headers.idempotency-key': '应为 8 到 100 位字母、数字、- 或 _' });
  return keys.idempotencyReplay(callerId, scope, createHash('sha256').update(raw).digest('base64url').slice(0, 32));
}

/** The stored answer of an earlier success with this key, if any. */
export async function replayed<T>(idem: Idem | undefined): Promise<{ status: number; body: T } | undefined> {
  if (!idem) return undefined;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: idem, ConsistentRead: true }));
  return out.Item ? { status: out.Item.status as number, body: out.Item.body as T } : undefined;
}

/**
 * The stored answer, from a marker the caller read along with its other items (one BatchGet
 * instead of a GetItem first). That read may be eventually consistent: a marker it missed still
 * fails the transaction's marker condition, and the caller then asks `replayed` (consistent).
 */
export function replayedFrom<T>(items: ReadonlyArray<Record<string, unknown>>, idem: Idem | undefined): { status: number; body: T } | undefined {
  const item = idem && items.find((i) => i.pk === idem.pk && i.sk === idem.sk);
  return item ? { status: item.status as number, body: item.body as T } : undefined;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export function idempotencyPut(idem: Idem | undefined, status: number, body: unknown, now: Date): TransactItem[] {
  if (!idem) return [];
  return [
    {
      Put: {
        TableName: tableName(),
        Item: { ...idem, entity: 'idempotency', status, body, expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** Which parts of a cancelled transaction failed their condition (by index). */
export function failedConditions(err: unknown): number[] | undefined {
  if ((err as Error)?.name !== 'TransactionCanceledException') return undefined;
  const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
}
