import ExcelJS from 'exceljs';
import { importColumns, IMPORT_MAX_ROWS } from '../../domain';
import { ApiHttpError } from '../../functions/lib/http/errors';
import { NUMERIC_MARK, readSheet } from '../../functions/lib/imports/read-sheet';
import { readXlsxSheet, XLSX_LIMITS, type XlsxLimits } from '../../functions/lib/imports/xlsx-sheet';
import { blankRows, workbook } from '../support/xlsx-zip';

/**
 * The import reads an .xlsx as a stream and counts while it reads: a small file that inflates to
 * hundreds of MB (a zip bomb) is refused from the sizes its zip declares, or, if those lie, as soon
 * as inflating passes them; rows, cells, columns and cell lengths are bounded too. Each refusal is
 * a 400 whose Chinese message the job's report shows.
 */
const header = [...importColumns.families];

async function refusal(run: Promise<unknown>): Promise<ApiHttpError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiHttpError);
  expect((err as ApiHttpError).statusCode).toBe(400);
  return err as ApiHttpError;
}

/** Runs `work`, sampling the heap and external memory, and returns the peak growth (MB) and time (ms). */
async function measured(work: () => Promise<unknown>) {
  global.gc?.();
  const base = process.memoryUsage();
  let peak = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.external + m.arrayBuffers - (base.heapUsed + base.external + base.arrayBuffers));
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  try {
    await work();
  } finally {
    sample();
    clearInterval(timer);
  }
  return { ms: performance.now() - started, peakMb: peak / 1024 / 1024 };
}

test('an exceljs workbook reads as the text a person sees: strings, numbers marked, booleans, formulas, rich text', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['not this sheet']);
  wb.removeWorksheet(wb.worksheets[0]!.id);
  const ws = wb.addWorksheet('导入');
  ws.addRow(['姓名', '身份证号', '低保户', '合计', '备注']);
  ws.addRow(['  张三 ', 130199195001010017, true, { formula: 'B2*2', result: 'x2' }, { richText: [{ text: '高' }, { text: '血压', font: { bold: true } }] }]);
  ws.addRow([]);
  ws.getCell('C4').value = false;
  ws.getCell('A5').value = '李&<四>';
  const sheet = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
  expect(sheet).toEqual({
    headers: ['姓名', '身份证号', '低保户', '合计', '备注'],
    rows: [
      { line: 2, cells: ['张三', `${NUMERIC_MARK}130199195001010020`, '是', 'x2', '高血压'] },
      { line: 4, cells: ['', '', '否'] },
      { line: 5, cells: ['李&<四>'] },
    ],
  });
});

test('a zip bomb (under 0.5 MB, 157 MB inflated) is refused from its declared sizes, at once and without inflating', async () => {
  const bomb = await workbook([header], blankRows(157));
  expect(bomb.length).toBeLessThan(512 * 1024);
  let err: ApiHttpError | undefined;
  const cost = await measured(async () => {
    err = await refusal(readSheet(bomb, 'xlsx'));
  });
  expect(err!.message).toBe('文件过大：表格解压后超过 32 MB 的上限，请删去多余的工作表、图片和格式，或分成几个文件导入');
  expect(err!.fields).toEqual({ key: '文件过大' });
  expect(cost.ms).toBeLessThan(1_000);
  expect(cost.peakMb).toBeLessThan(16);
});

test('the same bomb declaring a small size is stopped while inflating, as soon as it passes what it declared', async () => {
  const liar = await workbook([header], blankRows(157), 4096);
  let err: ApiHttpError | undefined;
  const cost = await measured(async () => {
    err = await refusal(readSheet(liar, 'xlsx'));
  });
  expect(err!.fields).toEqual({ key: '文件过大' });
  // Milliseconds on an idle machine (2-6 ms); the bound leaves room for a shared one.
  expect(cost.ms).toBeLessThan(3_000);
  expect(cost.peakMb).toBeLessThan(16);
});

test('a bomb that stays under the inflated limit is stopped by the counts, reading a stream', async () => {
  // 30 MB of blank rows: under 32 MB, so inflating goes on until the rows are counted out.
  const rows = await refusal(readSheet(await workbook([header], blankRows(30)), 'xlsx'));
  expect(rows.message).toBe(`行数超过上限 ${IMPORT_MAX_ROWS} 行（表格里有大量带格式的空行），请删去空行或分成几个文件导入`);
  // One row of 30 MB of blank cells: the cells are counted out.
  const cellUnit = '<c t="inlineStr"><is><t> </t></is></c>';
  const oneRow = await workbook([header], { before: '<row>', unit: cellUnit, times: Math.ceil((30 << 20) / cellUnit.length), after: '</row>' });
  const cost = await measured(async () => {
    const cells = await refusal(readSheet(oneRow, 'xlsx'));
    expect(cells.message).toBe(`单元格数超过上限 ${XLSX_LIMITS.cells} 个，请只保留模板中的列、删去多余的格式后重新上传`);
  });
  // About 1.2 s on an idle machine.
  expect(cost.ms).toBeLessThan(30_000);
  expect(cost.peakMb).toBeLessThan(64);
});

const small: XlsxLimits = { ...XLSX_LIMITS, rows: 3, rowElements: 10, cells: 20, columns: 4, cellChars: 10 };

test.each([
  ['rows with content', [header.slice(0, 2), ['a', 'b'], ['c', 'd'], ['e', 'f']], '行数超过上限 2 行，请分成几个文件导入'],
  ['a value beyond the last column', [['a', 'b', 'c', 'd', 'e']], '列数超过上限 4 列，请使用下载的模板'],
  ['cells', [['a'], ...Array.from({ length: 5 }, () => ['', '', '', ''])], '单元格数超过上限 20 个，请只保留模板中的列、删去多余的格式后重新上传'],
  ['a long cell', [['0123456789X']], '有单元格的内容超过 10 个字符，请检查后重新上传'],
])('counts %s while reading', async (_label, rows, message) => {
  const err = await refusal(readXlsxSheet(await workbook(rows), small));
  expect(err.message).toBe(message);
});

test('a file at the limits still reads: 10,000 rows of the families template', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow(header);
  for (let i = 0; i < IMPORT_MAX_ROWS; i++) ws.addRow(header.map((c, j) => `${c}${i}-${j}-填写的内容`));
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const sheet = await readSheet(file, 'xlsx');
  expect(sheet.rows).toHaveLength(IMPORT_MAX_ROWS);
  expect(sheet.rows.at(-1)).toEqual({ line: IMPORT_MAX_ROWS + 1, cells: header.map((c, j) => `${c}${IMPORT_MAX_ROWS - 1}-${j}-填写的内容`) });
  const over = await refusal(readSheet(await workbook([header, ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => [`${i}`])]), 'xlsx'));
  expect(over.message).toBe(`行数超过上限 ${IMPORT_MAX_ROWS} 行，请分成几个文件导入`);
}, 60_000);

test('what is not a workbook cannot be opened', async () => {
  for (const file of [Buffer.from('PK\u0003\u0004 this is not a workbook'), Buffer.alloc(100), Buffer.from('姓名,身份证号\n')]) {
    expect((await refusal(readSheet(file, 'xlsx'))).fields).toEqual({ key: '文件无法读取' });
  }
});

test('a CSV is counted before exceljs splits it: millions of line breaks or commas are refused at once', async () => {
  const limit = `行数超过上限 ${IMPORT_MAX_ROWS} 行，请分成几个文件导入`;
  for (const [text, message] of [
    ['\n'.repeat(4 * 1024 * 1024), limit],
    [`${header.join(',')}\n${','.repeat(4 * 1024 * 1024)}`, `单元格数超过上限 ${XLSX_LIMITS.cells} 个，请只保留模板中的列、删去多余的格式后重新上传`],
    [`${header.join(',')}\n${'a\n'.repeat(IMPORT_MAX_ROWS + 1)}`, limit],
  ] as const) {
    let err: ApiHttpError | undefined;
    const cost = await measured(async () => {
      err = await refusal(readSheet(Buffer.from(text), 'csv'));
    });
    expect(err!.message).toBe(message);
    expect(cost.ms).toBeLessThan(5_000);
  }
  // Quoted line breaks and commas are part of a cell, not counted.
  const sheet = await readSheet(Buffer.from(`姓名,备注\n张三,"一,\n二"\n`), 'csv');
  expect(sheet.rows).toEqual([{ line: 2, cells: ['张三', '一,\n二'] }]);
});
