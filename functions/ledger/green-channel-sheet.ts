import { greenChannelCounters, greenChannelLabels, type GreenChannelCounts, type GreenChannelSection } from '../../domain';
import type { Cell, Sheet } from '../lib/export/xlsx';

/** Money goes out in yuan (2 decimals, a number Excel can sum); the counters keep fen. */
const columns = greenChannelCounters.map((c) => (c === 'reductionFen' ? '减免金额（元）' : greenChannelLabels[c]));
const cells = (f: GreenChannelCounts): Cell[] => greenChannelCounters.map((c) => (c === 'reductionFen' ? f[c] / 100 : f[c]));

/** The month's green-channel figures: one row per institution, one per township, and the total. */
export function greenChannelSheet(section: GreenChannelSection): Sheet {
  return {
    name: '绿色通道',
    rows: [
      ['月份', '按', '名称', ...columns],
      ...section.institutions.map((r) => [section.month, '医疗机构', r.name, ...cells(r.figures)]),
      ...section.townships.map((r) => [section.month, '乡镇（患者户籍）', r.name, ...cells(r.figures)]),
      [section.month, '合计', '', ...cells(section.total)],
    ],
  };
}
