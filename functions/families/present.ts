import {
  ageOn,
  beijingDate,
  canSeeFamilyType,
  contactKindOrder,
  type FamilyContact,
  type FamilySummary,
  type MemberSummary,
  type Principal,
} from '../../domain';
import type { ListReadSubject } from '../lib/db/audit';
import type { FamilyContactItem, FamilyMemberEntry, FamilyProfileItem } from '../lib/db/items';

/** Stored items → API shapes. Sensitive fields never pass through here unmasked. */

export function memberSummary(member: FamilyMemberEntry, now: Date): MemberSummary {
  return {
    personId: member.personId,
    name: member.name,
    relation: member.relation,
    gender: member.gender,
    age: ageOn(member.birthDate, beijingDate(now)),
    phoneMasked: member.phoneMasked,
  };
}

export function familySummary(profile: FamilyProfileItem, viewer: Principal, now: Date, contact?: FamilyContactItem): FamilySummary {
  const showType = canSeeFamilyType(viewer);
  return {
    familyId: profile.familyId,
    familyName: profile.familyName,
    townshipId: profile.townshipId,
    townshipName: profile.townshipName,
    villageId: profile.villageId,
    villageName: profile.villageName,
    members: profile.members.map((m) => memberSummary(m, now)),
    familyType: showType ? profile.familyType : undefined,
    lowIncome: showType ? profile.lowIncome === true : undefined,
    registeredPoor: showType ? profile.registeredPoor === true : undefined,
    illnessPoverty: showType ? profile.illnessPoverty === true : undefined,
    myContactKind: contact?.kind,
  };
}

/**
 * The families whose type a list shows this viewer, as audit subjects (the family, named by its
 * first member, the head of household).
 */
export function familyTypeSubjects(profiles: readonly FamilyProfileItem[], viewer: Principal): ListReadSubject[] {
  if (!canSeeFamilyType(viewer)) return [];
  return profiles.map((p) => ({ familyId: p.familyId, subjectId: p.familyId, subjectName: p.members[0]?.name ?? p.familyName, field: 'family_type' }));
}

export function familyContact(item: FamilyContactItem): FamilyContact {
  return {
    kind: item.kind,
    personId: item.staffId,
    name: item.name,
    title: item.title,
    organisation: item.organisation,
    phone: item.phone,
    team: item.team,
  };
}

export const byContactKind = (a: FamilyContactItem, b: FamilyContactItem) =>
  contactKindOrder[a.kind] - contactKindOrder[b.kind] || a.name.localeCompare(b.name, 'zh-CN');
