import { posix } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { IMPORT_MAX_ROWS } from '../../../domain';
import { badRequest } from '../http/errors';
import { entryChunks, zipEntries, ZipRefusal, type ZipEntry } from './zip-entries';

/**
 * The first sheet of an .xlsx as text, read as a stream with everything counted as it comes.
 *
 * exceljs (which writes our workbooks) loads a workbook whole: every entry inflated, every cell an
 * object, before a row could be counted, so a 160 KB upload that inflates to 157 MB held the job's
 * memory many times over. Here the zip's declared sizes are checked first, each part is inflated
 * and parsed (saxes, the SAX parser exceljs itself uses) a chunk at a time, and rows, cells,
 * columns and cell lengths are counted while reading: the first limit passed ends the read with a
 * 400 whose message the job's report shows. Only the shared strings (bounded like the rest) and the
 * text rows are kept.
 *
 * Values read as exceljs read them for the import: text as is, numbers marked (NUMERIC_MARK),
 * booleans as 是/否, formulas by their cached result, errors empty.
 */
export interface XlsxLimits {
  /** Sum of the uncompressed sizes of every entry of the zip. */
  inflatedBytes: number;
  /** Rows with something in them, the heading included. */
  rows: number;
  /** `<row>` elements, empty (formatted) ones included. */
  rowElements: number;
  /** `<c>` elements, empty (formatted) ones included; also bounds the shared strings. */
  cells: number;
  /** Rightmost column that may hold a value. */
  columns: number;
  /** Characters in one cell: Excel's own limit. */
  cellChars: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  // A full register (10,000 rows of the families template) is about 5 MB inflated, 0.5 MB zipped.
  inflatedBytes: 32 * 1024 * 1024,
  rows: IMPORT_MAX_ROWS + 1,
  rowElements: 5 * (IMPORT_MAX_ROWS + 1),
  cells: 50 * (IMPORT_MAX_ROWS + 1),
  columns: 50,
  cellChars: 32_767,
};

export const NUMERIC_MARK = '\u0000num:';

export interface TextRows {
  headers: string[];
  rows: Array<{ line: number; cells: string[] }>;
}

const tooBig = (limits: XlsxLimits) =>
  badRequest(`文件过大：表格解压后超过 ${Math.round(limits.inflatedBytes / 1024 / 1024)} MB 的上限，请删去多余的工作表、图片和格式，或分成几个文件导入`, { key: '文件过大' });
export const tooManyRows = (limits: XlsxLimits) => badRequest(`行数超过上限 ${limits.rows - 1} 行，请分成几个文件导入`, { key: '行数过多' });
const tooManyRowElements = (limits: XlsxLimits) =>
  badRequest(`行数超过上限 ${limits.rows - 1} 行（表格里有大量带格式的空行），请删去空行或分成几个文件导入`, { key: '行数过多' });
export const tooManyCells = (limits: XlsxLimits) =>
  badRequest(`单元格数超过上限 ${limits.cells} 个，请只保留模板中的列、删去多余的格式后重新上传`, { key: '单元格过多' });
const tooManyColumns = (limits: XlsxLimits) => badRequest(`列数超过上限 ${limits.columns} 列，请使用下载的模板`, { key: '列数过多' });
const tooLong = (limits: XlsxLimits) => badRequest(`有单元格的内容超过 ${limits.cellChars} 个字符，请检查后重新上传`, { key: '单元格内容过长' });

/** A refusal because the file is not a workbook we can read (the caller's "cannot open" message). */
export class NotAWorkbook extends Error {}

interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Streams one part of the package through the SAX parser. */
async function parsePart(buf: Buffer, entry: ZipEntry, on: XmlHandlers): Promise<void> {
  const parser = new SaxesParser();
  parser.on('error', (err) => {
    throw new NotAWorkbook(`${entry.name}: ${err.message}`);
  });
  parser.on('opentag', (tag) => on.open(localName(tag.name), tag.attributes as Record<string, string>));
  if (on.text) {
    parser.on('text', on.text);
    parser.on('cdata', on.text);
  }
  if (on.close) {
    const close = on.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  const decoder = new StringDecoder('utf8');
  for await (const chunk of entryChunks(buf, entry)) parser.write(decoder.write(chunk));
  parser.write(decoder.end());
  parser.close();
}

/** Relationship id -> target part name, of the part `owner` (its `_rels/<name>.rels`). */
async function relationships(buf: Buffer, entries: Map<string, ZipEntry>, owner: string): Promise<Array<{ id: string; type: string; target: string }>> {
  const dir = posix.dirname(owner);
  const relsEntry = entries.get(posix.join(dir === '.' ? '' : dir, '_rels', `${posix.basename(owner)}.rels`).toLowerCase());
  const out: Array<{ id: string; type: string; target: string }> = [];
  if (!relsEntry) return out;
  await parsePart(buf, relsEntry, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Target || a.TargetMode === 'External') return;
      const target = a.Target.startsWith('/') ? a.Target.slice(1) : posix.normalize(posix.join(dir === '.' ? '' : dir, a.Target));
      out.push({ id: a.Id ?? '', type: a.Type ?? '', target });
    },
  });
  return out;
}

/** `C12` -> 3; undefined if the reference has no column letters or is beyond Excel's last column. */
function columnOf(ref: string): number | undefined {
  let col = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
  }
  return col >= 1 && col <= 16_384 ? col : undefined;
}

/**
 * Collects the text of string items (`<si>` in the shared strings, `<is>` in a cell): every `<t>`
 * run, leaving out phonetic guides (`<rPh>`), which Excel does not show.
 */
class RunText {
  text = '';
  private inText = false;
  private inPhonetic = false;
  constructor(private readonly limits: XlsxLimits) {}
  open(name: string) {
    if (name === 'rPh') this.inPhonetic = true;
    else if (name === 't' && !this.inPhonetic) this.inText = true;
  }
  close(name: string) {
    if (name === 'rPh') this.inPhonetic = false;
    else if (name === 't') this.inText = false;
  }
  add(text: string, force = false) {
    if (!this.inText && !force) return;
    this.text += text;
    if (this.text.length > this.limits.cellChars) throw tooLong(this.limits);
  }
}

async function sharedStrings(buf: Buffer, entry: ZipEntry | undefined, limits: XlsxLimits): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let item: RunText | undefined;
  await parsePart(buf, entry, {
    open(name) {
      if (name === 'si') {
        if (strings.length >= limits.cells) throw tooManyCells(limits);
        item = new RunText(limits);
      } else item?.open(name);
    },
    text: (t) => item?.add(t),
    close(name) {
      if (name === 'si' && item) {
        strings.push(item.text);
        item = undefined;
      } else item?.close(name);
    },
  });
  return strings;
}

function cellValue(type: string, text: string, shared: string[]): string {
  switch (type) {
    case 's':
      return shared[Number(text)] ?? '';
    case 'inlineStr':
    case 'str':
      return text;
    case 'b':
      return text === '' ? '' : text === '1' ? '是' : '否';
    case 'e':
      return '';
    case 'd':
      return text.slice(0, 10);
    default:
      return text === '' ? '' : `${NUMERIC_MARK}${Number(text)}`;
  }
}

/** The first sheet's rows, counted against `limits` while they are read. */
async function readRows(buf: Buffer, sheet: ZipEntry, shared: string[], limits: XlsxLimits): Promise<TextRows> {
  let headers: string[] | undefined;
  const rows: TextRows['rows'] = [];
  let rowElements = 0;
  let cells = 0;
  let line = 0;
  let row: string[] = [];
  let col = 0;
  let cell: { col: number; type: string; value: RunText; inValue: boolean } | undefined;
  await parsePart(buf, sheet, {
    open(name, a) {
      if (name === 'row') {
        if (++rowElements > limits.rowElements) throw tooManyRowElements(limits);
        line = a.r ? Number(a.r) : line + 1;
        row = [];
        col = 0;
      } else if (name === 'c') {
        if (++cells > limits.cells) throw tooManyCells(limits);
        col = (a.r ? columnOf(a.r) : col + 1) ?? col + 1;
        cell = { col, type: a.t ?? 'n', value: new RunText(limits), inValue: false };
      } else if (cell) {
        if (name === 'v') cell.inValue = true;
        else cell.value.open(name);
      }
    },
    text(t) {
      if (cell) cell.value.add(t, cell.inValue);
    },
    close(name) {
      if (name === 'c' && cell) {
        const value = cellValue(cell.type, cell.value.text, shared).trim();
        if (value !== '') {
          if (cell.col > limits.columns) throw tooManyColumns(limits);
          row[cell.col - 1] = value;
        }
        cell = undefined;
      } else if (name === 'row') {
        if (row.length === 0) return;
        const filled = Array.from(row, (v) => v ?? '');
        if (rows.length + (headers ? 1 : 0) + 1 > limits.rows) throw tooManyRows(limits);
        if (!headers) headers = filled;
        else rows.push({ line, cells: filled });
      } else if (cell) {
        if (name === 'v') cell.inValue = false;
        else cell.value.close(name);
      }
    },
  });
  return { headers: headers ?? [], rows };
}

/**
 * The first sheet of the workbook in `buf` (the first in the workbook's own order), as text rows.
 * Throws a 400 with the reason for a file over a limit, NotAWorkbook for one that cannot be read.
 */
export async function readXlsxSheet(buf: Buffer, limits: XlsxLimits = XLSX_LIMITS): Promise<TextRows> {
  try {
    const entries = zipEntries(buf, limits.inflatedBytes);
    const rootRels = await relationships(buf, entries, '');
    const workbook = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const workbookEntry = entries.get(workbook.toLowerCase());
    if (!workbookEntry) throw new NotAWorkbook('no workbook part');
    let firstSheetId: string | undefined;
    await parsePart(buf, workbookEntry, {
      open(name, a) {
        if (name === 'sheet' && firstSheetId === undefined) firstSheetId = a['r:id'] ?? Object.entries(a).find(([k]) => localName(k) === 'id')?.[1];
      },
    });
    const rels = await relationships(buf, entries, workbook);
    const sheetPart = rels.find((r) => r.id === firstSheetId)?.target;
    const sheetEntry = sheetPart ? entries.get(sheetPart.toLowerCase()) : undefined;
    if (!sheetEntry) throw new NotAWorkbook('no first sheet');
    const sharedPart = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
    const shared = await sharedStrings(buf, sharedPart ? entries.get(sharedPart.toLowerCase()) : undefined, limits);
    return await readRows(buf, sheetEntry, shared, limits);
  } catch (err) {
    if (err instanceof ZipRefusal) {
      if (err.reason === 'too-big') throw tooBig(limits);
      throw new NotAWorkbook(err.message);
    }
    throw err;
  }
}
