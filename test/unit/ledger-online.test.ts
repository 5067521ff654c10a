process.env.STAGE = 'local';
process.env.TABLE_NAME = 'unit';
import type { FamilyProfileItem } from '../../functions/lib/db/items';
import { contactLedgerParts, countedByMessaging, ledgerSummaryItem, type LedgerSummaryItem } from '../../functions/lib/db/ledger';
import type { TransactItem } from '../../functions/lib/db/transact';

/**
 * The one function both a hand-entered contact and messaging's first reply of a day write with:
 * its summary condition, and counters that count a family once per week and month.
 */
const profile = { familyId: 'f_u1', familyName: '测试家', villageName: '测试村', countyId: 'c_u', townshipId: 't_u', townshipName: '测试镇' } as FamilyProfileItem;
const summaryAt = (version: number, weeks: string[] = [], months: string[] = []): LedgerSummaryItem => ({ ...ledgerSummaryItem(profile), version, weeksContacted: weeks, monthsContacted: months });
const adds = (item: TransactItem) => {
  const u = item.Update!;
  const names = u.ExpressionAttributeNames!;
  const values = u.ExpressionAttributeValues!;
  const add = /ADD (.*)$/.exec(u.UpdateExpression!)?.[1] ?? '';
  return Object.fromEntries(add.split(', ').filter(Boolean).map((pair) => pair.split(' ')).map(([n, v]) => [names[n!], values[v!]]));
};

test('a first online contact of the week: summary conditioned on the version read, both counters count the family', () => {
  const parts = contactLedgerParts(summaryAt(3), 'online', '2026-12-01');
  const put = parts.find((p) => p.label === 'summary')!.item.Put!;
  const writes = parts.filter((p) => p.label === 'counter').map((p) => p.item);
  expect(put.ConditionExpression).toBe('#v = :v');
  expect(put.ExpressionAttributeValues).toEqual({ ':v': 3 });
  expect(put.Item).toMatchObject({ lastContactOn: '2026-12-01', weeksContacted: ['2026-11-30'], monthsContacted: ['2026-12'], monthsVisited: [], version: 4 });
  expect(put.Item!.lastVisitOn).toBeUndefined();
  expect(writes.map((w) => [w.Update!.Key, adds(w)])).toEqual([
    [{ pk: 'STATS#c_u', sk: 'WEEK#2026-11-30#t_u' }, { contacts: 1, familiesContacted: 1 }],
    [{ pk: 'STATS#c_u', sk: 'MONTH#2026-12#t_u' }, { contacts: 1, familiesContacted: 1 }],
  ]);
});

test('again in the same week and month: one more contact, the family not counted again; a new summary is put only if absent', () => {
  const parts = contactLedgerParts(summaryAt(0, ['2026-11-30'], ['2026-12']), 'online', '2026-12-03');
  expect(parts.find((p) => p.label === 'summary')!.item.Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
  expect(parts.filter((p) => p.label === 'counter').map((p) => adds(p.item))).toEqual([{ contacts: 1 }, { contacts: 1 }]);
});

test('a day a hand-entered 网络沟通 claimed is not a messaging contact; everything else is', () => {
  expect(countedByMessaging({ entity: 'onlineContact', handContactId: 'ct_1' })).toBe(false);
  expect(countedByMessaging({ entity: 'onlineContact', replies: 2 })).toBe(true);
  expect(countedByMessaging({ entity: 'contactLog' })).toBe(true);
});
