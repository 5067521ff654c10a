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

/** Contacts show in this order: the people the family calls most come first. */
export const contactKindOrder: Record<ContactKind, number> = {
  village_cadre: 0,
  township_leader: 1,
  doctor: 2,
  volunteer: 3,
  county_contact: 4,
};
