import { BatchGetCommand, type BatchGetCommandOutput, BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { backoff } from './transact';

/**
 * BatchGet and BatchWrite may hand back unprocessed keys or items under load. These ask again for
 * just those, with backoff, and fail loudly if some remain: a list that silently drops families
 * or an audit trail with gaps is worse than an error the user can retry.
 */
const MAX_ATTEMPTS = 5;

export async function batchGetAll<T>(wanted: Record<string, unknown>[]): Promise<T[]> {
  // DynamoDB refuses a batch that names one key twice (e.g. a staff member asking about themself).
  const keyList = [...new Map(wanted.map((k) => [JSON.stringify(k), k])).values()];
  const found: T[] = [];
  for (let i = 0; i < keyList.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = keyList.slice(i, i + 100);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt === MAX_ATTEMPTS) throw new Error(`BatchGet left ${pending.length} keys unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 0) await backoff(attempt);
      const out: BatchGetCommandOutput = await db().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending } } }));
      found.push(...((out.Responses?.[tableName()] ?? []) as T[]));
      pending = out.UnprocessedKeys?.[tableName()]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return found;
}

export async function batchPutAll(items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt === MAX_ATTEMPTS) throw new Error(`BatchWrite left ${pending.length} items unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt > 0) await backoff(attempt);
      const out: BatchWriteCommandOutput = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
      pending = (out.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
    }
  }
}
