import * as z from './zod';

/** The kinds of people who use the app. */
export const Role = z.enum(['member', 'contact', 'doctor', 'hospital', 'commission']);
export type Role = z.infer<typeof Role>;
export const allRoles: readonly Role[] = Role.options;

/** A contact person works at township level (leader) or village level (cadre), or volunteers. */
export const ContactLevel = z.enum(['township', 'village', 'volunteer']);
export type ContactLevel = z.infer<typeof ContactLevel>;

/** Commission staff see a whole county or one township. */
export const CommissionLevel = z.enum(['county', 'township']);
export type CommissionLevel = z.infer<typeof CommissionLevel>;

/** The place a contact holds for one family ("双岗" plus doctor and volunteers). */
export const ContactKind = z.enum(['township_leader', 'village_cadre', 'doctor', 'volunteer']);
export type ContactKind = z.infer<typeof ContactKind>;

/** Roles inside a family-doctor team (1+1+1 and the policy's list). */
export const TeamRole = z.enum(['gp', 'specialist', 'nurse', 'village_doctor', 'health_manager', 'counsellor']);
export type TeamRole = z.infer<typeof TeamRole>;

export const roleLabels: Record<Role, string> = {
  member: '家庭成员',
  contact: '联系人',
  doctor: '家庭医生',
  hospital: '医院绿色通道',
  commission: '卫健委',
};

export const contactKindLabels: Record<ContactKind, string> = {
  township_leader: '乡镇联系人',
  village_cadre: '村（社区）联系人',
  doctor: '家庭医生',
  volunteer: '志愿者',
};

export const teamRoleLabels: Record<TeamRole, string> = {
  gp: '全科医生',
  specialist: '专科医生',
  nurse: '护士',
  village_doctor: '乡村医生',
  health_manager: '健康管理师',
  counsellor: '心理咨询师',
};
