import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { db, tableName } from '../../functions/lib/db/client';
import { KeyAlreadyUsed, part, RETRY, retryDelayMs, transact, TransactionRefused, type TransactItem } from '../../functions/lib/db/transact';

/**
 * The one transaction module on DynamoDB Local: refusals read by label in the caller's priority,
 * the Idempotency-Key marker winning over every other refusal, the old item of a refused part, and
 * conflicts retried until every writer is through. Items live under TXTEST#, which nothing else uses.
 */
const T = () => tableName();
const key = (tag: string) => ({ pk: `TXTEST#${tag}`, sk: 'ITEM' });
const put = (k: { pk: string; sk: string }, extra: Record<string, unknown> = {}, condition = 'attribute_not_exists(pk)'): TransactItem => ({
  Put: { TableName: T(), Item: { ...k, ...extra }, ConditionExpression: condition, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
});
const read = async (k: { pk: string; sk: string }) => (await db().send(new GetCommand({ TableName: T(), Key: k, ConsistentRead: true }))).Item;

it('writes every part or none', async () => {
  const [a, b] = [key(randomUUID()), key(randomUUID())];
  await transact([part('a', put(a, { n: 1 }))]);
  await expect(transact([part('b', put(b)), part('a', put(a, { n: 2 }))])).rejects.toBeInstanceOf(TransactionRefused);
  expect(await read(b)).toBeUndefined();
  expect((await read(a))?.n).toBe(1);
});

it('names the failed parts, maps them to the caller\'s errors in the order listed, and gives the old item', async () => {
  const [a, b] = [key(randomUUID()), key(randomUUID())];
  await transact([part('first', put(a, { owner: 'x' })), part('second', put(b))]);
  const err = await transact([part('first', put(a)), part('second', put(b))]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TransactionRefused);
  expect((err as TransactionRefused<'first' | 'second'>).failed.sort()).toEqual(['first', 'second']);
  expect((err as TransactionRefused<'first' | 'second'>).itemOf('first')).toMatchObject({ owner: 'x' });
  const mapped = await transact([part('first', put(a)), part('second', put(b))], { refusals: { second: () => new Error('second wins'), first: () => new Error('first') } }).catch((e: Error) => e.message);
  expect(mapped).toBe('second wins');
  // A label not listed still surfaces, as TransactionRefused.
  await expect(transact([part('first', put(a))], { refusals: { other: () => new Error('no') } as never })).rejects.toBeInstanceOf(TransactionRefused);
});

it('a used Idempotency-Key marker wins over every other refusal', async () => {
  const [marker, a] = [key(randomUUID()), key(randomUUID())];
  await transact([part('idempotency', put(marker)), part('a', put(a))]);
  await expect(transact([part('a', put(a)), part('idempotency', put(marker))], { refusals: { a: () => new Error('a') } })).rejects.toBeInstanceOf(KeyAlreadyUsed);
});

it('retries conflicts until every writer is through: 20 concurrent transactions on one counter', async () => {
  const counter = key(randomUUID());
  const add = (i: number) =>
    transact([
      part('counter', { Update: { TableName: T(), Key: counter, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } }),
      part('own', put(key(`${counter.pk}-${i}`))),
    ]);
  await Promise.all(Array.from({ length: 20 }, (_, i) => add(i)));
  expect((await read(counter))?.n).toBe(20);
});

it('waits at most the cap, growing from the base', () => {
  expect(retryDelayMs(0, () => 1)).toBe(RETRY.baseMs);
  expect(retryDelayMs(3, () => 1)).toBe(RETRY.baseMs * 8);
  expect(retryDelayMs(20, () => 1)).toBe(RETRY.capMs);
  expect(retryDelayMs(5, () => 0)).toBe(0);
});
