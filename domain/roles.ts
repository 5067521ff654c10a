import * as z from './zod';

/** The kinds of people who use the app. */
export const Role = z.enum(['member', 'contact', 'doctor', 'hospital', 'commission']);
export type Role = z.infer<typeof Role>;
export const allRoles: readonly Role[] = Role.options;

/**
 * A contact person works at county level (the optional county contact of the 县乡村三级 set-up),
 * township level (leader) or village level (cadre), or helps as a social helper (volunteer).
 */
export const ContactLevel = z.enum(['county', 'township', 'village', 'volunteer']);
export type ContactLevel = z.infer<typeof ContactLevel>;

/**
 * Commission staff see a whole county or one township; a city commission (市卫健委) reads its
 * counties' figures side by side and writes nothing of theirs (functions/lib/http/route-handler.ts
 * lets it through only to routes marked `city: true`).
 */
export const CommissionLevel = z.enum(['county', 'township', 'city']);
export type CommissionLevel = z.infer<typeof CommissionLevel>;

/**
 * The place a contact holds for one family ("双岗" plus doctor, an optional county contact and
 * social helpers). `volunteer` is the social helpers' place: a family may have several of them.
 */
export const ContactKind = z.enum(['township_leader', 'village_cadre', 'doctor', 'volunteer', 'county_contact']);
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
  county_contact: '县级联系人',
};

/** Places a family may have several holders of (one-to-one or many-to-one social helpers). */
export const sharedContactKinds: readonly ContactKind[] = ['volunteer'];
export const isSharedContactKind = (kind: ContactKind) => sharedContactKinds.includes(kind);

export const teamRoleLabels: Record<TeamRole, string> = {
  gp: '全科医生',
  specialist: '专科医生',
  nurse: '护士',
  village_doctor: '乡村医生',
  health_manager: '健康管理师',
  counsellor: '心理咨询师',
};

/**
 * A staff member's post (岗位): the one place that says which role, level and region every kind of
 * staff has. Forms, the staff import and the seed all create staff from a post.
 * - `region`: what `regionId` names: the township, the county, the city, or nothing (doctors and hospital
 *   staff belong to an institution; their county is kept as `countyId`).
 * - `kind`: the family place the post can hold, if any.
 */
export const StaffPost = z.enum([
  'county_contact',
  'township_leader',
  'village_cadre',
  'volunteer',
  'association_member',
  'caring_person',
  'doctor',
  'hospital_staff',
  'township_health',
  'county_commission',
  'city_commission',
]);
export type StaffPost = z.infer<typeof StaffPost>;

export interface StaffPostInfo {
  role: Exclude<Role, 'member'>;
  contactLevel?: ContactLevel;
  commissionLevel?: CommissionLevel;
  region: 'township' | 'county' | 'city' | 'none';
  kind?: ContactKind;
  /** A social helper (志愿者, 计生协会员, 爱心人士): several per family, organised in groups. */
  helper?: true;
}

export const staffPosts: Record<StaffPost, StaffPostInfo> = {
  county_contact: { role: 'contact', contactLevel: 'county', region: 'county', kind: 'county_contact' },
  township_leader: { role: 'contact', contactLevel: 'township', region: 'township', kind: 'township_leader' },
  village_cadre: { role: 'contact', contactLevel: 'village', region: 'township', kind: 'village_cadre' },
  volunteer: { role: 'contact', contactLevel: 'volunteer', region: 'township', kind: 'volunteer', helper: true },
  association_member: { role: 'contact', contactLevel: 'volunteer', region: 'township', kind: 'volunteer', helper: true },
  caring_person: { role: 'contact', contactLevel: 'volunteer', region: 'township', kind: 'volunteer', helper: true },
  doctor: { role: 'doctor', region: 'none', kind: 'doctor' },
  hospital_staff: { role: 'hospital', region: 'none' },
  township_health: { role: 'commission', commissionLevel: 'township', region: 'township' },
  county_commission: { role: 'commission', commissionLevel: 'county', region: 'county' },
  city_commission: { role: 'commission', commissionLevel: 'city', region: 'city' },
};

export const staffPostLabels: Record<StaffPost, string> = {
  county_contact: '县级联系人',
  township_leader: '乡镇领导',
  village_cadre: '村干部',
  volunteer: '志愿者',
  association_member: '计生协会员',
  caring_person: '爱心人士',
  doctor: '医生',
  hospital_staff: '医院绿色通道',
  township_health: '乡镇卫健办',
  county_commission: '县卫健委',
  city_commission: '市卫健委',
};

/** The post of a staff member written before posts were recorded, from role and level. */
export function postOf(person: { role: Role; contactLevel?: ContactLevel; commissionLevel?: CommissionLevel; post?: StaffPost }): StaffPost | undefined {
  if (person.post) return person.post;
  switch (person.role) {
    case 'contact':
      return person.contactLevel === 'county' ? 'county_contact' : person.contactLevel === 'township' ? 'township_leader' : person.contactLevel === 'village' ? 'village_cadre' : 'volunteer';
    case 'doctor':
      return 'doctor';
    case 'hospital':
      return 'hospital_staff';
    case 'commission':
      return person.commissionLevel === 'township' ? 'township_health' : person.commissionLevel === 'city' ? 'city_commission' : 'county_commission';
    default:
      return undefined;
  }
}

/** A staff record is active, leaving (its families are being handed over) or inactive. */
export const StaffStatus = z.enum(['active', 'leaving', 'inactive']);
export type StaffStatus = z.infer<typeof StaffStatus>;
export const staffStatusLabels: Record<StaffStatus, string> = { active: '在岗', leaving: '交接中', inactive: '已停用' };
