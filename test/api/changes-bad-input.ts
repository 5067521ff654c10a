import { addDays, addMonths, beijingDate } from '../../domain';
import type { changesRoutes } from '../../functions/changes/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the change list, spread into bad-input.test.ts (400, a Chinese message per field,
 * nothing written). Caller: the county officer p_comm01 (the route only reads). Dates relative to
 * today, as the route checks them against today.
 */
type ChangesRouteId = (typeof changesRoutes)[number]['id'];
export type ChangesBadCase = BadCase<'p_comm01'>;

export function changesBadInput(): Record<ChangesRouteId, ChangesBadCase[]> {
  const today = beijingDate(new Date());
  const c = (label: string, query: string, fields: ChangesBadCase['fields']): ChangesBadCase => ({ label, caller: 'p_comm01', path: `/commission/change-list?${query}`, fields });
  return {
    'changes.exportChanges': [
      c('no start date', `to=${today}`, f(['query.from'])),
      c('start date in another format', 'from=2026/11/01', { 'query.from': '日期格式应为 YYYY-MM-DD' }),
      c('a day that does not exist', `from=${today.slice(0, 4)}-02-30`, { 'query.from': '不是有效的日期' }),
      c('start date in the future', `from=${addDays(today, 1)}`, { 'query.from': '开始日期不能晚于今天' }),
      c('end date in the future', `from=${today}&to=${addDays(today, 1)}`, { 'query.to': '截止日期不能晚于今天' }),
      c('start after end', `from=${today}&to=${addDays(today, -1)}`, { 'query.to': '开始日期不能晚于截止日期' }),
      c('more than twelve months back', `from=${addDays(addMonths(today, -12), -1)}`, { 'query.from': '开始日期最早为 12 个月前' }),
      c('townshipId with the county prefix', `from=${today}&townshipId=c_qinghe`, f(['query.townshipId'])),
      c('unknown query parameter', `from=${today}&month=2026-01`, { 'query.month': UNKNOWN }),
    ],
  };
}
