import ExcelJS from 'exceljs';

/**
 * The monthly ledger's .xlsx (exceljs, which the import also reads CSV with: ~1 MB in the bundle,
 * an exception in bench/lambda-bundles.ts) and CSV writers.
 */
export type Cell = string | number | undefined;
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
    for (const row of sheet.rows) ws.addRow(row.map((v) => (v === '' ? undefined : v)));
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c) => (c.width = 16));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV for Excel: UTF-8 with a BOM (or Excel guesses GBK), CRLF, quoted where needed. */
export function buildCsv(rows: Cell[][]): Buffer {
  const cell = (v: Cell) => {
    const s = v === undefined ? '' : String(v);
    // A leading = + - @ would be read as a formula: neutralise (CSV injection).
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return Buffer.from(`\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8');
}
