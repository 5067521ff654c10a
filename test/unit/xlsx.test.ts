import ExcelJS from 'exceljs';
import { buildCsv, buildXlsx } from '../../functions/lib/export/xlsx';

test('exceljs opens what the writer produces: sheets, Chinese text, numbers, a frozen bold heading', async () => {
  const buf = await buildXlsx([
    { name: '联系台账', rows: [['日期', '家庭', '次数'], ['2026-11-02', '王秀英家 <&>', 3], ['2026-11-03', undefined, 0]] },
    { name: '汇总', rows: [['乡镇', '户数'], ['城关镇', 6]] },
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['联系台账', '汇总']);
  const sheet = wb.getWorksheet('联系台账')!;
  expect(sheet.getRow(2).values).toEqual([undefined, '2026-11-02', '王秀英家 <&>', 3]);
  expect(sheet.getCell('C3').value).toBe(0);
  expect(wb.getWorksheet('汇总')!.getCell('B2').value).toBe(6);
  expect(sheet.getRow(1).font?.bold).toBe(true);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
});

test('CSV: BOM, quoting, and no formulas smuggled in', () => {
  const text = buildCsv([['a', 'b,c'], ['=HYPERLINK("x")', '说"话"']]).toString('utf8');
  expect(text).toBe('\ufeffa,"b,c"\r\n"\'=HYPERLINK(""x"")","说""话"""\r\n');
});
