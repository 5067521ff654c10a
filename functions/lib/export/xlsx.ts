import ExcelJS from 'exceljs';

/**
 * The monthly ledger's .xlsx (exceljs, which the import also reads CSV with: ~1 MB in the bundle,
 * an exception in bench/lambda-bundles.ts) and CSV writers.
 */
export type Cell = string | number | Date | undefined;

/**
 * A Beijing calendar date (YYYY-MM-DD) as an Excel date: the wall-clock day at UTC midnight, since
 * an Excel date has no time zone and exceljs writes a Date's UTC fields.
 */
export const excelDate = (isoDate: string): Date => new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
/** A Beijing instant (ISO with +08:00) as an Excel date and time showing Beijing wall-clock time. */
export const excelDateTime = (beijingIso: string): Date => new Date(`${beijingIso.slice(0, 19)}Z`);
const hasTime = (d: Date) => d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0;
export interface Sheet {
  name: string;
  rows: Cell[][];
}

/** The workbook as .xlsx bytes: one bold, frozen heading row per sheet, numbers kept as numbers. */
export async function buildXlsx(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    // Excel refuses sheet names over 31 characters.
    const ws = wb.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of sheet.rows) {
      const added = ws.addRow(row.map((v) => (v === '' ? undefined : v)));
      // Dates stay dates (sortable, filterable in Excel), shown the way the ledger writes them.
      row.forEach((v, i) => {
        if (v instanceof Date) added.getCell(i + 1).numFmt = hasTime(v) ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
      });
    }
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c) => (c.width = 16));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV for Excel: UTF-8 with a BOM (or Excel guesses GBK), CRLF, quoted where needed. */
export function buildCsv(rows: Cell[][]): Buffer {
  const cell = (v: Cell) => {
    const s = v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, hasTime(v) ? 16 : 10).replace('T', ' ') : String(v);
    // A leading = + - @ would be read as a formula: neutralise (CSV injection).
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return Buffer.from(`\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8');
}
