import * as z from './zod';
import { Cursor, FamilyId, Gender, IsoDate, PageQuery, PersonId, TownshipId, VillageId } from './common';
import { ContactKind, TeamRole } from './roles';

/** 失独 (the only child died) or 伤残 (the only child is disabled). Sensitive: see visibility.ts. */
export const FamilyType = z.enum(['bereaved', 'disabled']);
export type FamilyType = z.infer<typeof FamilyType>;
export const familyTypeLabels: Record<FamilyType, string> = { bereaved: '失独家庭', disabled: '伤残家庭' };

/**
 * Three registrations that are easy to confuse and must be kept apart: 低保 (minimum living
 * allowance, a civil-affairs benefit), 建档立卡 (registered in the poverty-alleviation files) and
 * 因病致贫 (fell into poverty through illness). Only the last two put the family in the
 * health-poverty programme (seed 004), which switches on the weekly 双签约 follow-up cadence.
 */
export const povertyFlagLabels = { lowIncome: '低保户', registeredPoor: '建档立卡户', illnessPoverty: '因病致贫' } as const;
export type PovertyFlag = keyof typeof povertyFlagLabels;
export type PovertyFlags = Record<PovertyFlag, boolean>;
export const povertyFlagNames = Object.keys(povertyFlagLabels) as PovertyFlag[];

/** Whether the family is in the health-poverty programme; a stored record without the flags is not. */
export const inPovertyProgramme = (f: Partial<PovertyFlags>): boolean => f.registeredPoor === true || f.illnessPoverty === true;

export const FamilyPath = z.strictObject({ familyId: FamilyId });
export const FamilyMemberPath = z.strictObject({ familyId: FamilyId, memberId: PersonId });

export const TeamMember = z.object({
  name: z.string(),
  role: TeamRole,
  phone: z.optional(z.string()),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const FamilyContact = z.object({
  kind: ContactKind,
  personId: PersonId,
  name: z.string(),
  title: z.string(),
  organisation: z.string(),
  /** Published work phone (公示电话), shown to the family so they can call at any time. */
  phone: z.string(),
  team: z.optional(z.object({ name: z.string(), members: z.array(TeamMember) })),
});
export type FamilyContact = z.infer<typeof FamilyContact>;

export const MissingContact = z.object({
  kind: ContactKind,
  /** Plain words: who the family can ask to get the contact assigned. */
  whoToAsk: z.string(),
  phone: z.optional(z.string()),
});
export type MissingContact = z.infer<typeof MissingContact>;

export const FamilyContactsResponse = z.object({
  familyId: FamilyId,
  familyName: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  contacts: z.array(FamilyContact),
  missing: z.array(MissingContact),
});
export type FamilyContactsResponse = z.infer<typeof FamilyContactsResponse>;

export const MemberSummary = z.object({
  personId: PersonId,
  name: z.string(),
  relation: z.string(),
  gender: Gender,
  age: z.number(),
  phoneMasked: z.optional(z.string()),
});
export type MemberSummary = z.infer<typeof MemberSummary>;

export const FamilySummary = z.object({
  familyId: FamilyId,
  familyName: z.string(),
  townshipId: TownshipId,
  townshipName: z.string(),
  villageId: VillageId,
  villageName: z.string(),
  members: z.array(MemberSummary),
  /** Only for roles allowed to see it (domain/policy/visibility.ts). */
  familyType: z.optional(FamilyType),
  lowIncome: z.optional(z.boolean()),
  registeredPoor: z.optional(z.boolean()),
  illnessPoverty: z.optional(z.boolean()),
  /** How the caller is linked to the family, for contact persons. */
  myContactKind: z.optional(ContactKind),
});
export type FamilySummary = z.infer<typeof FamilySummary>;

export const FamilyListQuery = PageQuery;
export const RegionFamilyListQuery = z.strictObject({
  ...PageQuery.shape,
  townshipId: z.optional(TownshipId),
});
export type RegionFamilyListQuery = z.infer<typeof RegionFamilyListQuery>;

export const FamilyListResponse = z.object({
  items: z.array(FamilySummary),
  nextCursor: z.optional(Cursor),
});
export type FamilyListResponse = z.infer<typeof FamilyListResponse>;

export const SignedMember = z.object({
  personId: PersonId,
  name: z.string(),
  gender: Gender,
  age: z.number(),
  familyId: FamilyId,
  villageName: z.string(),
  /** Empty unless the member agreed to share health data (separate consent, PIPL). */
  conditions: z.array(z.string()),
  healthDataShared: z.boolean(),
  signedOn: IsoDate,
  phoneMasked: z.optional(z.string()),
});
export type SignedMember = z.infer<typeof SignedMember>;

export const SignedMemberListResponse = z.object({
  items: z.array(SignedMember),
  nextCursor: z.optional(Cursor),
});
export type SignedMemberListResponse = z.infer<typeof SignedMemberListResponse>;

export const RevealedPhoneResponse = z.object({ personId: PersonId, name: z.string(), phone: z.string() });
export type RevealedPhoneResponse = z.infer<typeof RevealedPhoneResponse>;

export const SensitiveField = z.enum(['phone', 'id_number', 'health', 'family_type']);
export type SensitiveField = z.infer<typeof SensitiveField>;
export const sensitiveFieldLabels: Record<SensitiveField, string> = {
  phone: '手机号',
  id_number: '身份证号',
  health: '健康信息',
  family_type: '家庭类别',
};

/**
 * One line of the family's access log: the reads of one kind of data about one person by one
 * viewer on one Beijing day ("陈立新 查看了王秀英的健康信息 4 次"). `at` is the latest of them.
 */
export const AccessLogEntry = z.object({
  at: z.string(),
  firstAt: z.string(),
  count: z.number(),
  viewerName: z.string(),
  viewerRoleLabel: z.string(),
  organisation: z.string(),
  subjectName: z.string(),
  /** A read of this kind of data; absent when the entry is an action taken for the family. */
  field: z.optional(SensitiveField),
  /** Staff acted for the family (代办): what they did, in words ("预约优先号：县医院内科"). */
  actedLabel: z.optional(z.string()),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const AccessLogResponse = z.object({
  items: z.array(AccessLogEntry),
  nextCursor: z.optional(Cursor),
});
export type AccessLogResponse = z.infer<typeof AccessLogResponse>;
