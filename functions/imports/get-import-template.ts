import ExcelJS from 'exceljs';
import { ImportTemplateQuery, importColumns, importKindLabels, importSamples, type ExportResponse } from '../../domain';
import { buildCsv } from '../lib/export/xlsx';
import { routeHandler } from '../lib/http/route-handler';

/** Columns Excel would turn into numbers (and so lose digits of): formatted as text in the template. */
const textColumns = new Set(['身份证号', '手机号', '公示电话', '家庭编号', '服务卡号']);

/**
 * The template to fill in: the headings in order and sample rows (to be replaced). In the .xlsx
 * the number-like columns are text, so an 18-digit ID number typed in keeps every digit.
 */
export const handler = routeHandler('imports.template', { query: ImportTemplateQuery }, async ({ query }) => {
  const kind = query.kind ?? 'families';
  const columns: readonly string[] = importColumns[kind];
  const rows = [[...columns], ...importSamples[kind]];
  const filename = `连心导入模板-${importKindLabels[kind]}`;
  if (query.format === 'csv') {
    const body: ExportResponse = { filename: `${filename}.csv`, mimeType: 'text/csv', base64: buildCsv(rows).toString('base64'), contacts: 0 };
    return { body };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(importKindLabels[kind]);
  ws.columns = columns.map((c) => ({ header: c, key: c, width: c === '身份证号' ? 22 : 14, style: textColumns.has(c) ? { numFmt: '@' } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of importSamples[kind]) ws.addRow(r);
  const body: ExportResponse = {
    filename: `${filename}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    contacts: 0,
  };
  return { body };
});
