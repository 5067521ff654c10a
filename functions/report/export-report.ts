import { ReportExportQuery, reportPeriodLabel, reportTexts, type ExportResponse } from '../../domain';
import { buildXlsx } from '../lib/export/xlsx';
import { routeHandler } from '../lib/http/route-handler';
import { buildReportDocx } from './docx';
import { reportFor } from './city-report';
import { reportTables } from './tables';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The report as a file, returned the way the monthly ledger export is (base64 in the one JSON
 * response shape; the page saves it): a Word document to hand upward, or the seed's three tables
 * and the names behind the gaps as a workbook. The same data as the report page (report-data.ts).
 */
export const handler = routeHandler('report.exportReport', { query: ReportExportQuery }, async ({ query, principal, now }) => {
  const { format = 'docx', ...period } = query;
  const report = await reportFor(principal, period, now);
  const filename = `${reportTexts.title.slice(-4)}-${report.regionName}-${reportPeriodLabel(report.from, report.to)}`;
  const bytes =
    format === 'docx'
      ? await buildReportDocx(report)
      : await buildXlsx(reportTables(report).map((t) => ({ name: t.title, rows: [t.header, ...t.rows] })));
  const body: ExportResponse = { filename: `${filename}.${format}`, mimeType: format === 'docx' ? DOCX : XLSX, base64: bytes.toString('base64'), contacts: report.total.contacts };
  return { body };
});
