import * as z from './zod';
import { CallablePhone, IsoDate, MobilePhone, PersonName, TownshipId, VillageId } from './common';
import type { Gender } from './common';
import { FamilyType } from './families';
import { StaffPost, TeamRole, staffPostLabels, teamRoleLabels } from './roles';
import { UploadKey } from './uploads';
import { isRealDate } from './time';

/**
 * Import of the county's register (families with their members, and contact persons) from an
 * .xlsx or CSV file in the documented template. Whole file or nothing: every row is validated
 * first, and if any row is bad nothing is written and the report lists each bad row with its
 * reason; a valid file is written whole by a job that resumes after any interruption. Ids are
 * derived from the ID numbers, so re-importing the same file writes nothing.
 */

// ---- resident ID numbers (GB 11643-1999) ----

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643-1999 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * ID_WEIGHTS[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

/** Birth date (YYYY-MM-DD) and gender written into an 18-character ID number. */
export function idNumberFacts(id: string): { birthDate: string; gender: Gender } {
  return { birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Why an ID number is not acceptable, in plain words, or undefined if it is. `today` bounds the birth date. */
export function idNumberProblem(id: string, today: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为 18 位（前 17 位是数字，最后一位是数字或 X）';
  const { birthDate } = idNumberFacts(id);
  if (!isRealDate(birthDate) || birthDate < '1900-01-01' || birthDate > today) {
    return '身份证号中的出生日期不正确';
  }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return '身份证号校验位不正确，请核对是否抄错';
  return undefined;
}

/** Upper-case, no spaces: how people type ID numbers into spreadsheets. */
export const normaliseIdNumber = (raw: string) => raw.replace(/\s/g, '').toUpperCase();

// ---- the templates ----

export const ImportKind = z.enum(['families', 'staff']);
export type ImportKind = z.infer<typeof ImportKind>;
export const importKindLabels: Record<ImportKind, string> = { families: '家庭和成员', staff: '工作人员' };

/**
 * The columns of each template, in order, by their Chinese heading (what the file must carry in
 * its first row). Family rows are one per member: the family's own columns repeat on each of its
 * rows and must agree; the first row of a family names the family (户主).
 */
export const importColumns = {
  families: ['家庭编号', '乡镇编号', '村编号', '村名称', '家庭类别', '低保户', '服务卡号', '姓名', '与户主关系', '身份证号', '手机号', '慢性病'],
  staff: ['姓名', '身份证号', '手机号', '岗位', '乡镇编号', '单位', '职务', '公示电话', '单位编号', '团队角色'],
} as const satisfies Record<ImportKind, readonly string[]>;

/** Columns that may be left empty. */
export const optionalImportColumns: Record<ImportKind, readonly string[]> = { families: ['手机号', '慢性病'], staff: ['乡镇编号', '单位编号', '团队角色'] };
/** Columns added to a template later: a file made from the older template may lack them. */
export const absentImportColumns: Record<ImportKind, readonly string[]> = { families: [], staff: ['单位编号', '团队角色'] };

/** Two sample rows per template, so the downloaded file shows what is expected. */
export const importSamples: Record<ImportKind, string[][]> = {
  families: [
    ['LL0001', 't_liulin', 'v_liulin', '柳林村', '失独', '否', 'QH20260001', '张大山', '户主', '130123195503120019', '13800000001', '高血压'],
    ['LL0001', 't_liulin', 'v_liulin', '柳林村', '失独', '否', 'QH20260001', '李秀英', '配偶', '130123195708150028', '', ''],
  ],
  staff: [
    ['王建华', '130123197801010015', '13900000001', '村干部', 't_liulin', '柳林村村委会', '村计生专干', '0311-86900001', '', ''],
    ['刘卫国', '130123198203040033', '13900000002', '医生', '', '柳林乡卫生院', '全科医生', '0311-86900002', 'org_llwsy', '全科医生、健康管理师'],
  ],
};

const familyTypeByLabel: Record<string, FamilyType> = { 失独: 'bereaved', 失独家庭: 'bereaved', 伤残: 'disabled', 伤残家庭: 'disabled' };
/** 岗位 as people write it: each post's label, and a few other names in common use. */
const postByLabel: Record<string, StaffPost> = {
  ...(/* @__PURE__ */ Object.fromEntries(Object.entries(staffPostLabels).map(([post, label]) => [label, post as StaffPost]))),
  家庭医生: 'doctor',
  乡村医生: 'doctor',
  护士: 'doctor',
  绿色通道专员: 'hospital_staff',
  计生协: 'association_member',
};
const teamRoleByLabel: Record<string, TeamRole> = /* @__PURE__ */ Object.fromEntries(Object.entries(teamRoleLabels).map(([role, label]) => [label, role as TeamRole]));
/** 团队角色: labels separated by 、 or commas, each one of the team roles. */
const TeamRoles = z.pipe(
  z.string().check(
    z.refine(
      (s) => s.split(/[、,，;；\s]+/).filter(Boolean).every((l) => l in teamRoleByLabel),
      `团队角色只能填写：${Object.values(teamRoleLabels).join('、')}（多个用顿号隔开）`,
    ),
  ),
  z.transform((s) => s.split(/[、,，;；\s]+/).filter(Boolean).map((l) => teamRoleByLabel[l]!)),
);
const yesNo: Record<string, boolean> = { 是: true, 否: false };

const Text = (what: string, max: number) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}不能超过 ${max} 个字`));
const Choice = <T>(what: string, options: Record<string, T>) =>
  z.pipe(
    z.string().check(z.refine((s) => s in options, `${what}只能填写：${Object.keys(options).join('、')}`)),
    z.transform((s) => options[s]!),
  );

/** A family row as read from the file (every cell as text). */
export const FamilyImportRow = z.object({
  家庭编号: z.string().check(z.regex(/^[A-Za-z0-9]{4,30}$/, '家庭编号应为 4 到 30 位字母或数字')),
  乡镇编号: TownshipId,
  村编号: VillageId,
  村名称: Text('村名称', 30),
  家庭类别: Choice('家庭类别', familyTypeByLabel),
  低保户: Choice('低保户', yesNo),
  服务卡号: z.string().check(z.regex(/^[A-Za-z0-9]{4,30}$/, '服务卡号应为 4 到 30 位字母或数字')),
  姓名: PersonName,
  与户主关系: Text('与户主关系', 10),
  身份证号: z.string(),
  手机号: z.optional(MobilePhone),
  慢性病: z.optional(z.string().check(z.maxLength(100, '慢性病不能超过 100 个字'))),
});
export type FamilyImportRow = z.infer<typeof FamilyImportRow>;

/** A staff row of any post (岗位): contact persons, social helpers, doctors, hospital and commission staff. */
export const StaffImportRow = z.object({
  姓名: PersonName,
  身份证号: z.string(),
  手机号: MobilePhone,
  岗位: Choice('岗位', postByLabel),
  乡镇编号: z.optional(TownshipId),
  单位: Text('单位', 40),
  职务: Text('职务', 20),
  公示电话: CallablePhone,
  单位编号: z.optional(z.string().check(z.regex(/^org_[a-z0-9_]{2,40}$/, '单位编号格式不正确（如 org_llwsy）'))),
  团队角色: z.optional(TeamRoles),
});
export type StaffImportRow = z.infer<typeof StaffImportRow>;

// ---- the API ----

export const importContentTypes = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
} as const;
export type ImportContentType = keyof typeof importContentTypes;
/** 2,000 families of three members is ~0.5 MB as xlsx; 5 MB leaves room and bounds a Lambda's memory. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Rows per file: a county's register fits; more is split into several files. */
export const IMPORT_MAX_ROWS = 10_000;

export const ImportUploadRequest = z.strictObject({
  contentType: z.enum(Object.keys(importContentTypes) as [ImportContentType, ...ImportContentType[]], '只能上传 Excel（.xlsx）或 CSV 文件'),
  size: z.int().check(z.minimum(1, '文件是空的'), z.maximum(IMPORT_MAX_BYTES, '文件不能超过 5 MB')),
});
export type ImportUploadRequest = z.infer<typeof ImportUploadRequest>;

export const ImportRequest = z.strictObject({
  kind: ImportKind,
  /** The key of the uploaded file, from the upload ticket. */
  key: UploadKey,
});
export type ImportRequest = z.infer<typeof ImportRequest>;

/** Default: the families template as .xlsx. */
export const ImportTemplateQuery = z.strictObject({ kind: z.optional(ImportKind), format: z.optional(z.enum(['xlsx', 'csv'])) });

export const ImportProblem = z.object({
  /** Row number as the spreadsheet shows it (the heading is row 1); 0 for the file as a whole. */
  row: z.number(),
  column: z.optional(z.string()),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

/** The report keeps this many problems; `problemCount` says how many there were in all. */
export const IMPORT_REPORTED_PROBLEMS = 500;

export const ImportReport = z.object({
  kind: ImportKind,
  /** `rejected`: a row is bad, nothing was written. `applied`: every row is in the table. */
  outcome: z.enum(['applied', 'rejected']),
  rows: z.number(),
  families: z.number(),
  persons: z.number(),
  /** Written by this import. Units are families (families file) or persons (staff file). */
  created: z.number(),
  /** Already in the table exactly as in the file (a re-import), left as they are. */
  unchanged: z.number(),
  /** The first IMPORT_REPORTED_PROBLEMS problems, by row. */
  problems: z.array(ImportProblem),
  problemCount: z.number(),
  checkedOn: IsoDate,
});
export type ImportReport = z.infer<typeof ImportReport>;

/**
 * An import runs as a job after the upload (functions/lib/imports/run-job.ts): reading and checking
 * 10,000 rows takes longer than a request may. `queued` → `checking` → `writing` → `applied`, or
 * `rejected` (a bad row: nothing written), or `failed` (the job could not finish after several
 * attempts; what it wrote is complete families, and importing the same file again finishes it).
 */
export const ImportStatus = z.enum(['queued', 'checking', 'writing', 'applied', 'rejected', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;
export const importFinished = (s: ImportStatus) => s === 'applied' || s === 'rejected' || s === 'failed';

export const ImportId = z.string().check(z.regex(/^imp_[0-9a-f]{24}$/, '导入编号不正确'));
export const ImportPath = z.strictObject({ importId: ImportId });

export const ImportJob = z.object({
  importId: ImportId,
  kind: ImportKind,
  status: ImportStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** While writing: units written so far of all to write. */
  progress: z.optional(z.object({ written: z.number(), total: z.number() })),
  /** Once checked (rejected) or written (applied). */
  report: z.optional(ImportReport),
  /** Why a `failed` job stopped, in words for the officer. */
  failure: z.optional(z.string()),
});
export type ImportJob = z.infer<typeof ImportJob>;
