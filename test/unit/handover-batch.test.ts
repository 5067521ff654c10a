process.env.STAGE = 'local';
import { MAX_TRANSACT_ITEMS, packTransactions } from '../../functions/lib/db/handover-batch';
import { part } from '../../functions/lib/db/transact';

/**
 * Packing many families' hand-overs into transactions (functions/lib/db/handover-batch.ts): no
 * transaction over DynamoDB's 100 items, no family split across two, and what DynamoDB allows once
 * per item per transaction (the township counter, each incoming person's guard) added once.
 */
const family = (n: number, size: number, townshipId: string, toId: string, filled = false) => ({
  parts: Array.from({ length: size }, (_, i) => part('handover', { Put: { TableName: 't', Item: { pk: `FAMILY#f_${n}`, sk: `X#${i}` } } })),
  countyId: 'c_test',
  townshipId,
  filled,
  toId,
});

test('families are packed whole, each transaction at most 100 items with its shared parts', () => {
  const groups = Array.from({ length: 45 }, (_, i) => family(i, 5 + (i % 3), i % 2 ? 't_b' : 't_a', i % 4 ? 'p_x' : 'p_y', i % 5 === 0));
  const chunks = packTransactions(groups);
  expect(chunks.reduce((n, c) => n + c.families, 0)).toBe(45);
  for (const c of chunks) {
    expect(c.parts.length).toBeLessThanOrEqual(MAX_TRANSACT_ITEMS);
    // One guard per incoming person and one counter per township at most, never two on one item.
    const keys = c.parts.map((p) => JSON.stringify(p.item.Update?.Key ?? p.item.Put?.Item ?? {}));
    expect(new Set(keys).size).toBe(keys.length);
  }
  // Every family's items sit in one transaction.
  for (let i = 0; i < 45; i++) expect(chunks.filter((c) => c.parts.some((p) => p.item.Put?.Item?.pk === `FAMILY#f_${i}`)).length).toBe(1);
});

test('room is kept for the caller\'s own parts (a deactivation\'s person update)', () => {
  const chunks = packTransactions(Array.from({ length: 19 }, (_, i) => family(i, 5, 't_a', 'p_x')), 3);
  expect(chunks.map((c) => c.parts.length + 3).every((n) => n <= MAX_TRANSACT_ITEMS)).toBe(true);
  expect(chunks).toHaveLength(1);
  expect(packTransactions(Array.from({ length: 20 }, (_, i) => family(i, 5, 't_a', 'p_x')), 3)).toHaveLength(2);
});
