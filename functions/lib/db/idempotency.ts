import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { badRequest } from '../http/errors';
import { db, tableName } from './client';
import { keys } from './keys';

/**
 * Idempotency-Key for creating POSTs: the key is recorded, with what the request created, by a
 * conditional Put in the SAME transaction as the creation. A retry's transaction then fails on
 * that Put alone, writes nothing, and the handler answers with the recorded result. The record
 * lives in the partition of what was created and expires after a day (TTL).
 */
const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const TTL_S = 24 * 3600;

/** The header's value, if any; a malformed one is a 400 before anything is read. */
export function idempotencyKey(headers: Record<string, string | undefined>): string | undefined {
  const raw = headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (!KEY.test(raw)) throw badRequest('Idempotency-Key 格式不对：应为 8 到 64 位字母、数字、下划线或短横线', { 'headers.idempotency-key': '格式不对' });
  return raw;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export function idempotencyPut(pk: string, callerId: string, key: string, result: Record<string, unknown>, now: Date): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.idempotency(pk, callerId, key), entity: 'idempotency', result, expiresAt: Math.floor(now.getTime() / 1000) + TTL_S },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export async function idempotentResult<T>(pk: string, callerId: string, key: string): Promise<T | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.idempotency(pk, callerId, key), ConsistentRead: true }));
  return (out.Item as { result?: T } | undefined)?.result;
}
