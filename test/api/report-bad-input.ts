import type { reportRoutes } from '../../functions/report/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the self-inspection report routes, spread into bad-input.test.ts (400, a Chinese
 * message per field, nothing written). Caller: the county officer p_comm01 (the routes only read).
 */
type ReportRouteId = (typeof reportRoutes)[number]['id'];
export type ReportBadCase = BadCase<'p_comm01'>;

export function reportBadInput(): Record<Exclude<ReportRouteId, 'report.getDoubleSigning'>, ReportBadCase[]> {
  const c = (label: string, path: string, fields: ReportBadCase['fields']): ReportBadCase => ({ label, caller: 'p_comm01', path, fields });
  const shared = (base: string, sep: string): ReportBadCase[] => [
    c('month in another format', `${base}${sep}from=2026/01`, { 'query.from': '月份格式应为 YYYY-MM' }),
    c('month 13', `${base}${sep}to=2026-13`, { 'query.to': '月份格式应为 YYYY-MM' }),
    c('from after to', `${base}${sep}from=2026-03&to=2026-01`, { 'query.from': '开始月份不能晚于结束月份' }),
    c('more than twelve months', `${base}${sep}from=2024-01&to=2025-06`, { 'query.from': '一次最多统计 12 个月' }),
    c('a future month', `${base}${sep}to=2099-01`, { 'query.to': '不能统计未来的月份' }),
    c('townshipId with the county prefix', `${base}${sep}townshipId=c_qinghe`, f(['query.townshipId'])),
    c('countyId with the township prefix', `${base}${sep}countyId=t_chengguan`, { 'query.countyId': '县区编号格式不正确' }),
    c('unknown query parameter', `${base}${sep}month=2026-01`, { 'query.month': UNKNOWN }),
  ];
  return {
    'report.getReport': shared('/commission/report', '?'),
    'report.exportReport': [
      ...shared('/commission/report-export?format=docx', '&'),
      c('format not docx or xlsx', '/commission/report-export?format=pdf', f(['query.format'])),
    ],
  };
}
