import { FAMILY_TRANSFERRED, LIFECYCLE_STALE, type Principal } from '../../domain';
import { getFamilyRecord, type FamilyRecord } from '../lib/db/families';
import type { PersonItem } from '../lib/db/items';
import { profileVersion } from '../lib/db/lifecycle/profile';
import { getPerson } from '../lib/db/persons';
import { conflict, forbidden, notFound } from '../lib/http/errors';

/** Shared steps of the lifecycle writes. Not a handler. */

export interface ChangeContext extends FamilyRecord {
  actor: { personId: string; name: string; organisation: string };
}

/**
 * The family as the editor's change finds it: it exists, is still kept by this county, and is the
 * version the editor read (a stale form is refused before anything is prepared; the transaction's
 * version condition catches an edit that lands in between).
 */
export async function familyForChange(familyId: string, version: number, principal: Principal): Promise<ChangeContext> {
  const [record, actor] = await Promise.all([getFamilyRecord(familyId), getPerson(principal.personId)]);
  if (!record) throw notFound('没有找到这户家庭');
  if (record.profile.status === 'transferred_out') throw conflict(FAMILY_TRANSFERRED);
  if (profileVersion(record.profile) !== version) throw conflict(LIFECYCLE_STALE);
  return { ...record, actor: actorOf(principal, actor) };
}

export function actorOf(principal: Principal, person: PersonItem | undefined) {
  return { personId: principal.personId, name: person?.name ?? '', organisation: person?.organisation ?? '' };
}

/** Moves across townships are the county's to make: a township officer acts only in their township. */
export function requireCountyOfficer(principal: Principal): void {
  if (principal.role !== 'commission' || principal.level !== 'county') throw forbidden('只有县级卫健委可以办理这项变更');
}

export const staleRefusal = { profile: () => conflict(LIFECYCLE_STALE) } as const;
