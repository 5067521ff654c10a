import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { IMPORT_MAX_ROWS } from '../../../domain';
import { ApiHttpError, badRequest } from '../http/errors';
import { NotAWorkbook, NUMERIC_MARK, readXlsxSheet, tooManyCells, tooManyRows, XLSX_LIMITS, type TextRows } from './xlsx-sheet';

/** A sheet as text: the heading row and the data rows, each cell trimmed, empty rows dropped. */
export type TextSheet = TextRows;
export { NUMERIC_MARK };

/**
 * A CSV cell as the text a person sees. Long digit strings typed into Excel become numbers and lose
 * their last digits (an ID number has 18, a double keeps 15-16), so numbers are returned with a
 * marker the validator turns into "please format the column as text" (the .xlsx reader does the same).
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return `${NUMERIC_MARK}${value}`;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

/**
 * Counts a CSV's lines and fields as exceljs will split them (quotes respected) and refuses one past
 * the .xlsx limits before exceljs makes an object of every line and cell: 5 MB of line breaks or
 * commas would otherwise become millions of them.
 */
function checkCsvShape(text: string) {
  let lines = 1;
  let fields = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 0x2c) {
      if (++fields > XLSX_LIMITS.cells) throw tooManyCells(XLSX_LIMITS);
    } else if (c === 0x0a) {
      fields++;
      if (++lines > XLSX_LIMITS.rowElements) throw tooManyRows(XLSX_LIMITS);
    }
  }
}

async function loadCsv(buf: Buffer): Promise<ExcelJS.Worksheet | undefined> {
  const wb = new ExcelJS.Workbook();
  // Keep every cell as typed: exceljs would otherwise turn digit strings into numbers.
  const text = buf.toString('utf8').replace(/^\ufeff/, '');
  checkCsvShape(text);
  return wb.csv.read(Readable.from([text]), { map: (v: string) => v } as Parameters<typeof wb.csv.read>[1]);
}

const empty = () => badRequest('文件里没有内容，请按模板填写后上传', { key: '文件是空的' });

/**
 * The first sheet of an .xlsx, or the CSV, as text; a file that is not one, or is over a limit
 * (xlsx-sheet.ts), is a 400 whose message says why.
 */
export async function readSheet(buf: Buffer, format: 'xlsx' | 'csv'): Promise<TextSheet> {
  if (format === 'xlsx') {
    let sheet: TextSheet;
    try {
      sheet = await readXlsxSheet(buf);
    } catch (err) {
      if (err instanceof NotAWorkbook) throw badRequest('文件打不开：不是有效的 Excel（.xlsx）文件，请用模板重新保存后上传', { key: '文件无法读取' });
      throw err;
    }
    if (sheet.headers.length === 0) throw empty();
    return sheet;
  }
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    sheet = await loadCsv(buf);
  } catch (err) {
    if (err instanceof ApiHttpError) throw err;
    throw badRequest('文件打不开：不是有效的 CSV 文件', { key: '文件无法读取' });
  }
  if (!sheet || sheet.actualRowCount === 0) throw empty();
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1) throw tooManyRows(XLSX_LIMITS);
  const rows: TextSheet['rows'] = [];
  let headers: string[] | undefined;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[];
    // exceljs gives a sparse, 1-based array: fill the holes.
    const cells = Array.from(values.slice(1), (v) => cellText(v).trim());
    if (cells.every((c) => c === '')) return;
    if (!headers) headers = cells;
    else rows.push({ line, cells });
  });
  return { headers: headers ?? [], rows };
}
