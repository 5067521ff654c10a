import { changeListColumns } from '../../domain';
import { changeEventItem, monthsBetween } from '../../functions/lib/db/change-list';
import type { FamilyProfileItem } from '../../functions/lib/db/items';
import { changeItem } from '../../functions/lib/db/lifecycle/changes';
import { changeListWorkbook } from '../../functions/changes/rows';

const now = new Date('2026-11-03T02:00:00Z');
const profile = {
  familyId: 'f_x1',
  familyName: '王家',
  townshipId: 't_a',
  townshipName: '甲镇',
  villageName: '东村',
  card: { cardNo: 'QH01' },
  members: [
    { personId: 'p_1', name: '王一', relation: '本人' },
    { personId: 'p_2', name: '李二', relation: '配偶' },
  ],
} as unknown as FamilyProfileItem;
const ctx = { profiles: new Map([[profile.familyId, profile]]), townshipNames: new Map([['t_a', '甲镇']]), staffNames: new Map<string, string>() };

test('months from one date to another, across a year end', () => {
  expect(monthsBetween('2025-11-30', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  expect(monthsBetween('2026-11-03', '2026-11-20')).toEqual(['2026-11']);
});

test('change records and events are filed under their township and Beijing month', () => {
  const c = changeItem({ familyId: 'f_x1', townshipId: 't_a', kind: 'details', by: { personId: 'p_c', name: '官' }, summary: 's' }, new Date('2026-10-31T17:00:00Z'));
  expect(c.gsi2pk).toBe('CHANGES#t_a#2026-11');
  expect(c.gsi2sk).toBe(`2026-11-01T01:00:00+08:00#${c.changeId}`);
  const e = changeEventItem({ familyId: 'f_x1', townshipId: 't_a', kind: 'family_created', byName: '花名册导入' }, now);
  expect(e.gsi2pk).toBe('CHANGES#t_a#2026-11');
});

test('a new family is a family row and one member row per member; a field kept only for context is no row', () => {
  const created = changeEventItem({ familyId: 'f_x1', townshipId: 't_a', kind: 'family_created', byName: '花名册导入', field: '服务卡号', after: 'QH01' }, now);
  const revoked = changeItem({ familyId: 'f_x1', townshipId: 't_a', kind: 'card_revoke', by: { personId: 'p_c', name: '官' }, summary: '挂失', before: { 卡号: 'QH01', 状态: '有效' }, after: { 卡号: 'QH01', 状态: '已挂失' } }, now);
  const { sheets, rows } = changeListWorkbook([{ townshipId: 't_a', item: created }, { townshipId: 't_a', item: revoked }], ctx);
  expect(sheets.map((s) => s.name)).toEqual(['家庭变更', '成员变更', '联系人变更', '签约变更']);
  for (const s of sheets) expect(s.rows[0]).toEqual([...changeListColumns]);
  expect(rows).toBe(4);
  const family = sheets[0]!.rows.slice(1);
  expect(family.map((r) => [r[6], r[7], r[8], r[9]])).toEqual([
    ['新增家庭', '服务卡号', '', 'QH01'],
    ['服务卡挂失', '状态', '有效', '已挂失'],
  ]);
  expect(sheets[1]!.rows.slice(1).map((r) => [r[3], r[4], r[5], r[6], r[9]])).toEqual([
    ['王家', 'QH01', '王一', '新增成员', '本人'],
    ['王家', 'QH01', '李二', '新增成员', '配偶'],
  ]);
});
