import type { ContactKind } from '../roles';

/**
 * 国卫办人口函〔2020〕549号: every family has a township leader and a village cadre as contacts
 * ("双岗") and its signed family doctor. Volunteers are welcome but not required.
 */
export const requiredContactKinds: readonly ContactKind[] = ['township_leader', 'village_cadre', 'doctor'];

export function missingContactKinds(present: readonly ContactKind[]): ContactKind[] {
  const have = new Set(present);
  return requiredContactKinds.filter((kind) => !have.has(kind));
}

/**
 * The contacts the coverage figure (联系人全覆盖) counts: the township leader and the village cadre
 * seed 001 requires. The signed doctor is counted under signing, so a family that does not want a
 * doctor can still be fully covered; dashboard, report and export all count with this.
 */
export const coverageContactKinds: readonly ContactKind[] = ['township_leader', 'village_cadre'];

export const missingCoverageContacts = (present: readonly ContactKind[]): ContactKind[] => coverageContactKinds.filter((kind) => !present.includes(kind));

/** Contacts show in this order: the people the family calls most come first. */
export const contactKindOrder: Record<ContactKind, number> = {
  village_cadre: 0,
  township_leader: 1,
  doctor: 2,
  volunteer: 3,
  county_contact: 4,
};
