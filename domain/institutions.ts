import * as z from './zod';
import { CallablePhone, TownshipId } from './common';
import { DepartmentId, InstitutionId, InstitutionKind } from './booking';

/**
 * Designated institutions as the county commission keeps them: the county hospital(s) and the
 * township health centres, their departments, their green channel, and which townships each
 * serves as the designated (定点) institution. County officers create, edit and retire their
 * county's institutions; township officers read the ones serving their township.
 */

export const InstitutionLevel = z.enum(['grade3', 'grade2', 'grade1', 'ungraded']);
export type InstitutionLevel = z.infer<typeof InstitutionLevel>;
export const institutionLevelLabels: Record<InstitutionLevel, string> = {
  grade3: '三级',
  grade2: '二级',
  grade1: '一级',
  ungraded: '未定级',
};
export const institutionKindLabels: Record<InstitutionKind, string> = {
  hospital: '县级医院',
  township: '乡镇卫生院',
};

const text = (label: string, min: number, max: number) =>
  z.string(`请填写${label}`).check(z.trim(), z.minLength(min, `请填写${label}`), z.maxLength(max, `${label}不能超过 ${max} 个字`));

export const MAX_DEPARTMENTS = 30;
export const MAX_SERVED_TOWNSHIPS = 60;

/** A department; a new one has no id yet (the server gives it one, kept for its schedules and sessions). */
export const DepartmentInput = z.strictObject({
  departmentId: z.optional(DepartmentId),
  name: text('科室名称', 2, 20),
});

const InstitutionFields = z.strictObject({
  name: text('机构名称', 2, 40),
  kind: z.enum(InstitutionKind.options, '请选择机构类别'),
  level: z.enum(InstitutionLevel.options, '请选择医院等级'),
  address: text('地址', 4, 100),
  greenChannelPhone: CallablePhone,
  greenChannelHours: text('绿色通道服务时间', 2, 40),
  greenChannelPlace: text('绿色通道地点', 2, 50),
  meetBy: text('接待人员', 2, 50),
  departments: z.array(DepartmentInput).check(z.minLength(1, '请至少添加一个科室'), z.maxLength(MAX_DEPARTMENTS, `科室最多 ${MAX_DEPARTMENTS} 个`)),
  servesTownships: z.array(TownshipId).check(z.maxLength(MAX_SERVED_TOWNSHIPS, `服务乡镇最多 ${MAX_SERVED_TOWNSHIPS} 个`)),
});

const institutionRules = z.superRefine((v: z.infer<typeof InstitutionFields>, ctx) => {
  const ids = new Set<string>();
  const names = new Set<string>();
  v.departments.forEach((d, i) => {
    if (d.departmentId && ids.has(d.departmentId)) ctx.issues.push({ code: 'custom', message: '科室编号重复', path: ['departments', i, 'departmentId'], input: v });
    if (d.departmentId) ids.add(d.departmentId);
    if (names.has(d.name)) ctx.issues.push({ code: 'custom', message: '科室名称重复', path: ['departments', i, 'name'], input: v });
    names.add(d.name);
  });
  const townships = new Set<string>();
  v.servesTownships.forEach((t, i) => {
    if (townships.has(t)) ctx.issues.push({ code: 'custom', message: '同一个乡镇只能选择一次', path: ['servesTownships', i], input: v });
    townships.add(t);
  });
});

export const InstitutionRequest = InstitutionFields.check(institutionRules);
export type InstitutionRequest = z.infer<typeof InstitutionRequest>;

const Version = z.int('版本号不正确').check(z.minimum(1, '版本号不正确'));
/** An edit names the version it was made from: an edit made meanwhile by someone else is not overwritten. */
export const InstitutionUpdateRequest = z.extend(InstitutionFields, { version: Version }).check(institutionRules);
export type InstitutionUpdateRequest = z.infer<typeof InstitutionUpdateRequest>;
export const InstitutionRetireRequest = z.strictObject({ version: Version });
export type InstitutionRetireRequest = z.infer<typeof InstitutionRetireRequest>;

export const ManagedInstitution = z.object({
  institutionId: InstitutionId,
  name: z.string(),
  kind: InstitutionKind,
  level: InstitutionLevel,
  address: z.string(),
  greenChannelPhone: z.string(),
  greenChannelHours: z.string(),
  greenChannelPlace: z.string(),
  meetBy: z.string(),
  departments: z.array(z.object({ departmentId: DepartmentId, name: z.string() })),
  servesTownships: z.array(z.object({ townshipId: z.string(), name: z.string() })),
  version: z.number(),
  retired: z.boolean(),
  retiredAt: z.optional(z.string()),
});
export type ManagedInstitution = z.infer<typeof ManagedInstitution>;

export const ManagedInstitutionsResponse = z.object({
  items: z.array(ManagedInstitution),
  /** The townships an institution of this county may serve (the county's townships). */
  townships: z.array(z.object({ townshipId: z.string(), name: z.string() })),
  /** County officers manage; township officers read. */
  canManage: z.boolean(),
});
export type ManagedInstitutionsResponse = z.infer<typeof ManagedInstitutionsResponse>;

// Kept apart (no schemas), so the consultation and booking functions that use it stay small.
export { designatedFor, type GreenChannel } from './designated-institution';
