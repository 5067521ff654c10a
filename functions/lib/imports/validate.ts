import { createHash } from 'node:crypto';
import {
  FamilyImportRow,
  idNumberFacts,
  idNumberProblem,
  importColumns,
  normaliseIdNumber,
  optionalImportColumns,
  StaffImportRow,
  absentImportColumns,
  staffPosts,
  type Gender,
  type ImportKind,
  type ImportProblem,
} from '../../../domain';
import * as z from '../../../domain/zod';
import { NUMERIC_MARK, type TextSheet } from './read-sheet';

/** One person of the file, checked: the ID number is well formed and unique within the file. */
export interface ImportPerson {
  line: number;
  idNumber: string;
  name: string;
  gender: Gender;
  birthDate: string;
  phone?: string;
}

export interface FamilyUnit {
  kind: 'family';
  /** First row of the family: problems about the family as a whole are reported there. */
  line: number;
  familyNumber: string;
  townshipId: string;
  row: FamilyImportRow;
  members: Array<ImportPerson & { relation: string; conditions: string[] }>;
  /** Digest of what the file says about the family: equal on a re-import of the same data. */
  digest: string;
}

export interface StaffUnit {
  kind: 'staff';
  line: number;
  /** Township posts only. */
  townshipId?: string;
  row: StaffImportRow;
  person: ImportPerson;
  digest: string;
}

export type ImportUnit = FamilyUnit | StaffUnit;

const digestOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url');

/** Columns every row of a family repeats; they must agree. */
const familyColumns = ['乡镇编号', '村编号', '村名称', '家庭类别', '低保户', '服务卡号'] as const;

function headerProblems(kind: ImportKind, headers: string[]): ImportProblem[] {
  const expected: readonly string[] = importColumns[kind];
  const missing = expected.filter((c) => !headers.includes(c) && !absentImportColumns[kind].includes(c));
  const unknown = headers.filter((h) => h !== '' && !expected.includes(h));
  const dup = headers.filter((h, i) => h !== '' && headers.indexOf(h) !== i);
  const out: ImportProblem[] = [];
  if (missing.length) out.push({ row: 1, reason: `缺少列：${missing.join('、')}（请使用下载的模板）` });
  if (unknown.length) out.push({ row: 1, reason: `模板中没有这些列：${unknown.join('、')}（请使用下载的模板）` });
  if (dup.length) out.push({ row: 1, reason: `列名重复：${[...new Set(dup)].join('、')}` });
  return out;
}

/**
 * Checks a whole sheet against its template: headings, every row with the domain schema, ID
 * numbers (18 characters, GB 11643 checksum, a real birth date), duplicates within the file and
 * families whose rows disagree. Returns the units to import, or every problem found.
 */
export function validateSheet(kind: ImportKind, sheet: TextSheet, today: string): { units: ImportUnit[]; problems: ImportProblem[] } {
  const problems = headerProblems(kind, sheet.headers);
  if (problems.length) return { units: [], problems };
  if (sheet.rows.length === 0) return { units: [], problems: [{ row: 2, reason: '文件里只有表头，没有数据行' }] };

  const seenIds = new Map<string, number>();
  const families = new Map<string, FamilyUnit>();
  const units: ImportUnit[] = [];
  for (const { line, cells } of sheet.rows) {
    const record: Record<string, string | undefined> = {};
    const rowProblems: ImportProblem[] = [];
    sheet.headers.forEach((h, i) => {
      const raw = cells[i] ?? '';
      if (raw.startsWith(NUMERIC_MARK)) {
        if (h === '身份证号') rowProblems.push({ row: line, column: h, reason: '身份证号被 Excel 当成了数字，后几位已丢失：请把这一列设为“文本”后重新填写' });
        record[h] = raw.slice(NUMERIC_MARK.length);
      } else record[h] = raw;
      if (record[h] === '' && optionalImportColumns[kind].includes(h)) record[h] = undefined;
    });
    const parsed = z.safeParse(kind === 'families' ? FamilyImportRow : StaffImportRow, record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) rowProblems.push({ row: line, column: String(issue.path[0] ?? ''), reason: issue.message });
    }
    const idNumber = normaliseIdNumber(record['身份证号'] ?? '');
    if (!rowProblems.some((p) => p.column === '身份证号')) {
      const idProblem = idNumberProblem(idNumber, today);
      if (idProblem) rowProblems.push({ row: line, column: '身份证号', reason: idProblem });
      else if (seenIds.has(idNumber)) rowProblems.push({ row: line, column: '身份证号', reason: `与第 ${seenIds.get(idNumber)} 行的身份证号重复` });
      else seenIds.set(idNumber, line);
    }
    if (rowProblems.length || !parsed.success) {
      problems.push(...rowProblems);
      continue;
    }
    const person: ImportPerson = { line, idNumber, name: parsed.data.姓名, ...idNumberFacts(idNumber), phone: parsed.data.手机号 || undefined };
    if (kind === 'staff') {
      const row = parsed.data as StaffImportRow;
      const region = staffPosts[row.岗位].region;
      if (region === 'city') problems.push({ row: line, column: '岗位', reason: '市卫健委的账号不能由县里导入' });
      else if (region === 'township' && !row.乡镇编号) problems.push({ row: line, column: '乡镇编号', reason: '这个岗位要填写所在的乡镇编号' });
      else if (region !== 'township' && row.乡镇编号) problems.push({ row: line, column: '乡镇编号', reason: '这个岗位不属于某个乡镇，乡镇编号请留空' });
      else if (row.团队角色?.length && staffPosts[row.岗位].role !== 'doctor') problems.push({ row: line, column: '团队角色', reason: '只有医生填写团队角色' });
      else units.push({ kind: 'staff', line, townshipId: row.乡镇编号, row, person, digest: digestOf(['staff', row, idNumber]) });
      continue;
    }
    const row = parsed.data as FamilyImportRow;
    const member = { ...person, relation: row.与户主关系, conditions: (row.慢性病 ?? '').split(/[、,，;；\s]+/).filter(Boolean) };
    const family = families.get(row.家庭编号);
    if (!family) {
      const unit: FamilyUnit = { kind: 'family', line, familyNumber: row.家庭编号, townshipId: row.乡镇编号, row, members: [member], digest: '' };
      families.set(row.家庭编号, unit);
      units.push(unit);
      continue;
    }
    const differs = familyColumns.filter((c) => row[c] !== family.row[c]);
    if (differs.length) problems.push({ row: line, column: differs[0], reason: `同一家庭（${row.家庭编号}）的${differs.join('、')}与第 ${family.line} 行不一致` });
    else family.members.push(member);
  }
  for (const u of units) {
    if (u.kind === 'family') u.digest = digestOf(['family', familyColumns.map((c) => u.row[c]), u.members.map((m) => [m.idNumber, m.name, m.relation, m.phone ?? '', m.conditions])]);
  }
  const at = (p: ImportProblem) => sheet.headers.indexOf(p.column ?? '');
  problems.sort((a, b) => a.row - b.row || at(a) - at(b));
  return { units, problems };
}
