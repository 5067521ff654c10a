import { idNumberFacts, idNumberProblem, importColumns } from '../../domain';
import { NUMERIC_MARK, type TextSheet } from '../../functions/lib/imports/read-sheet';
import { validateSheet } from '../../functions/lib/imports/validate';
import { demoIdNumber } from '../../local/seed/id-number';

const TODAY = '2026-11-20';

test('ID numbers: GB 11643 checksum (X included), length, birth date', () => {
  // The standard's own example: 11010519491231002X.
  expect(idNumberProblem('11010519491231002X', TODAY)).toBeUndefined();
  expect(idNumberFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female' });
  expect(idNumberProblem('110105194912310021', TODAY)).toBe('身份证号校验位不正确，请核对是否抄错');
  expect(idNumberProblem('11010519491231002x', TODAY)).toMatch(/18 位/);
  expect(idNumberProblem('1101051949123100', TODAY)).toMatch(/18 位/);
  expect(idNumberProblem('110105194902300021', TODAY)).toBe('身份证号中的出生日期不正确');
  expect(idNumberProblem(demoIdNumber('110105', '2026-11-21', 1, 'male'), TODAY)).toBe('身份证号中的出生日期不正确');
  expect(idNumberProblem(demoIdNumber('110105', '2026-11-20', 1, 'male'), TODAY)).toBeUndefined();
});

const row = (family: string, name: string, id: string, change: Record<string, string> = {}) =>
  importColumns.families.map((c) => ({ 家庭编号: family, 乡镇编号: 't_liulin', 村编号: 'v_liulin', 村名称: '柳林村', 家庭类别: '失独', 低保户: '否', 服务卡号: 'QH0001', 姓名: name, 与户主关系: '户主', 身份证号: id, 手机号: '', 慢性病: '', ...change })[c]!);
const sheet = (rows: string[][]): TextSheet => ({ headers: [...importColumns.families], rows: rows.map((cells, i) => ({ line: i + 2, cells })) });

test('a family of two rows becomes one unit; the digest is the same for the same content', () => {
  const a = demoIdNumber('130199', '1950-01-01', 1, 'male');
  const b = demoIdNumber('130199', '1952-01-01', 2, 'female');
  const rows = [row('LL0001', '张大山', a, { 慢性病: '高血压、糖尿病' }), row('LL0001', '李秀英', b, { 与户主关系: '配偶' })];
  const first = validateSheet('families', sheet(rows), TODAY);
  expect(first.problems).toEqual([]);
  expect(first.units).toHaveLength(1);
  const unit = first.units[0]!;
  expect(unit.kind === 'family' && unit.members.map((m) => [m.name, m.gender, m.birthDate, m.conditions])).toEqual([
    ['张大山', 'male', '1950-01-01', ['高血压', '糖尿病']],
    ['李秀英', 'female', '1952-01-01', []],
  ]);
  expect(validateSheet('families', sheet(rows), TODAY).units[0]!.digest).toBe(unit.digest);
  expect(validateSheet('families', sheet([rows[0]!, row('LL0001', '李秀英', b, { 与户主关系: '女儿' })]), TODAY).units[0]!.digest).not.toBe(unit.digest);
});

test('every problem is reported by row and column, and none is lost after the first', () => {
  const a = demoIdNumber('130199', '1950-01-01', 1, 'male');
  const numeric = row('LL0003', '王五', `${NUMERIC_MARK}1.30199e+17`);
  const out = validateSheet('families', sheet([row('LL0001', '张三', a), row('LL0002', '李四', a.toLowerCase()), numeric, row('LL0004', '赵', demoIdNumber('130199', '1950-01-01', 4, 'male'), { 低保户: '有' })]), TODAY);
  expect(out.problems.map((p) => [p.row, p.column])).toEqual([
    [3, '身份证号'],
    [4, '身份证号'],
    [5, '低保户'],
    [5, '姓名'],
  ]);
  // Lower-case x is accepted as X; the same number twice is a duplicate.
  expect(out.problems[0]!.reason).toBe('与第 2 行的身份证号重复');
});

test('headings must be the template\'s', () => {
  const out = validateSheet('staff', { headers: ['姓名', '身份证', '手机号'], rows: [] }, TODAY);
  expect(out.problems.map((p) => p.reason)).toEqual([expect.stringMatching(/^缺少列：身份证号、岗位/), '模板中没有这些列：身份证（请使用下载的模板）']);
});

test('a staff sheet cannot create a 市卫健委 account: the city is no county\'s to make', () => {
  const cells = (post: string) => importColumns.staff.map((c) => ({ 姓名: '孟淑芬', 身份证号: demoIdNumber('130199', '1974-03-12', 9, 'female'), 手机号: '13203110901', 岗位: post, 单位: '清河市卫健委', 职务: '科长', 公示电话: '0311-86909001' } as Record<string, string>)[c] ?? '');
  const out = validateSheet('staff', { headers: [...importColumns.staff], rows: [{ line: 2, cells: cells('市卫健委') }] }, TODAY);
  expect(out.units).toEqual([]);
  expect(out.problems).toEqual([{ row: 2, column: '岗位', reason: '市卫健委的账号不能由县里导入' }]);
});
