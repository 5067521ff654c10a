import * as z from './zod';
import { CallablePhone, FamilyId, IsoDate, MobilePhone, PersonId, PersonName, TownshipId } from './common';
import { HandoverRecord } from './ledger';
import { ContactKind, StaffPost, StaffStatus, TeamRole } from './roles';

/**
 * Staff management (人员管理) by the county commission or a township's health office: staff of
 * every post created by form or import, edited under a version condition, deactivated only with
 * their families handed over, families assigned in bulk, and social helpers' 精神慰藉 activities.
 */

const Text = (what: string, max: number) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}不能超过 ${max} 个字`));

/** An institution's id as the institutions feature and the seed write it. */
export const OrgId = z.string().check(z.regex(/^org_[a-z0-9_]{2,40}$/, '单位编号格式不正确'));
export const Version = z.int('版本号应为整数').check(z.minimum(0, '版本号不正确'));

/** Fields a staff record carries whatever the post; an edit sends them all again. */
const staffFields = {
  name: PersonName,
  organisation: Text('单位', 40),
  title: Text('职务', 20),
  workPhone: CallablePhone,
  orgId: z.optional(OrgId),
  teamRoles: z.optional(z.array(TeamRole).check(z.maxLength(6, '团队角色最多 6 个'))),
};

export const CreateStaffRequest = z.strictObject({
  post: StaffPost,
  idNumber: z.string().check(z.regex(/^\d{17}[\dXx]$/, '身份证号应为 18 位（前 17 位是数字，最后一位是数字或 X）')),
  phone: MobilePhone,
  /** Township posts only: the township they serve. */
  townshipId: z.optional(TownshipId),
  ...staffFields,
});
export type CreateStaffRequest = z.infer<typeof CreateStaffRequest>;

export const UpdateStaffRequest = z.strictObject({
  /** The version the editor read: another edit since then refuses this one. */
  version: Version,
  /** Only when it changes: the page never sees the whole number. */
  phone: z.optional(MobilePhone),
  ...staffFields,
});
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequest>;

export const StaffPath = z.strictObject({ personId: PersonId });
export const StaffListQuery = z.strictObject({ post: z.optional(StaffPost), townshipId: z.optional(TownshipId), status: z.optional(StaffStatus) });

export const StaffView = z.object({
  personId: PersonId,
  name: z.string(),
  post: StaffPost,
  status: StaffStatus,
  countyId: z.string(),
  townshipId: z.optional(z.string()),
  organisation: z.string(),
  title: z.string(),
  workPhone: z.string(),
  phoneMasked: z.string(),
  orgId: z.optional(z.string()),
  teamRoles: z.optional(z.array(TeamRole)),
  /** Has bound a WeChat user. */
  bound: z.boolean(),
  version: z.number(),
});
export type StaffView = z.infer<typeof StaffView>;
/** One staff member and the families they hold a place in (what a deactivation must hand over). */
export const StaffDetail = z.object({
  ...StaffView.shape,
  families: z.array(z.object({ familyId: z.string(), familyName: z.string(), townshipId: z.string(), villageName: z.string(), kind: ContactKind })),
});
export type StaffDetail = z.infer<typeof StaffDetail>;
export const StaffListResponse = z.object({ items: z.array(StaffView) });
export type StaffListResponse = z.infer<typeof StaffListResponse>;

export const DeactivateStaffRequest = z.strictObject({
  version: Version,
  /** Takes over every family place the leaving person holds (and, for a doctor, every signed member), in the same transaction. */
  successorId: z.optional(PersonId),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(200, '停用原因不能超过 200 字'))),
});
export type DeactivateStaffRequest = z.infer<typeof DeactivateStaffRequest>;

export const DeactivateStaffResponse = z.object({
  staff: StaffView,
  /** Families whose place moved to the successor. */
  handedOver: z.number(),
  /** Signed members whose family doctor became the successor (a doctor leaving). */
  signedMembersMoved: z.optional(z.number()),
  /** Transactions it took (one unless the person had many families). */
  transactions: z.number(),
});
export type DeactivateStaffResponse = z.infer<typeof DeactivateStaffResponse>;

/** A bulk assignment of a township's families: a few hundred at most per request. */
export const BULK_ASSIGN_MAX = 300;
export const BulkAssignPath = z.strictObject({ townshipId: TownshipId });
export const BulkAssignRequest = z.strictObject({
  assignments: z
    .array(z.strictObject({ familyId: FamilyId, kind: ContactKind, toStaffId: PersonId, fromStaffId: z.optional(PersonId) }))
    .check(z.minLength(1, '请至少选择一户家庭'), z.maxLength(BULK_ASSIGN_MAX, `一次最多安排 ${BULK_ASSIGN_MAX} 户`)),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(200, '原因不能超过 200 字'))),
});
export type BulkAssignRequest = z.infer<typeof BulkAssignRequest>;
export const BulkAssignResponse = z.object({ assigned: z.number(), transactions: z.number(), handovers: z.array(HandoverRecord) });
export type BulkAssignResponse = z.infer<typeof BulkAssignResponse>;

// ---- 精神慰藉 activities of social helpers ----

export const CreateActivityRequest = z.strictObject({
  title: Text('活动名称', 30),
  date: IsoDate,
  notes: z.optional(z.string().check(z.trim(), z.maxLength(200, '活动内容不能超过 200 字'))),
  helperIds: z.array(PersonId).check(z.minLength(1, '请至少选择一位帮扶人员'), z.maxLength(20, '一次活动最多 20 位帮扶人员')),
  familyIds: z.array(FamilyId).check(z.minLength(1, '请至少选择一户家庭'), z.maxLength(50, '一次活动最多 50 户家庭')),
});
export type CreateActivityRequest = z.infer<typeof CreateActivityRequest>;

export const ActivityView = z.object({
  activityId: z.string(),
  title: z.string(),
  date: z.string(),
  notes: z.optional(z.string()),
  countyId: z.string(),
  helpers: z.array(z.object({ personId: z.string(), name: z.string(), organisation: z.string() })),
  families: z.array(z.object({ familyId: z.string(), familyName: z.string(), townshipId: z.string() })),
  byStaffId: z.string(),
  at: z.string(),
});
export type ActivityView = z.infer<typeof ActivityView>;

export const ActivityListQuery = z.strictObject({ month: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}$/, '月份格式应为 YYYY-MM'))) });
export const ActivityListResponse = z.object({
  items: z.array(ActivityView),
  /** Activities, distinct families reached, distinct helpers, and family visits (family × activity). */
  totals: z.object({ activities: z.number(), families: z.number(), helpers: z.number(), visits: z.number() }),
});
export type ActivityListResponse = z.infer<typeof ActivityListResponse>;
