import type { PersonItem } from '../../functions/lib/db/items';
import { countyDoctorItem } from '../../functions/lib/db/staff-directory';
import type { personItem as PersonBuilder } from './seed';

/** A doctor of the neighbouring county: the team page's lookup must not find her from 清河县. */
export const neighbourDoctor = { personId: 'p_doc90', name: '吕红梅', countyId: 'c_liuhe', organisation: '柳河县人民医院', title: '全科医生' };

/**
 * Every seeded doctor and nurse in the county's doctor directory (looked up by staff number on the
 * team page), and one doctor of another county with her own entry there.
 */
export async function buildTeamStaffSeed(items: ReadonlyArray<{ entity?: unknown }>, countyId: string, personItem: typeof PersonBuilder): Promise<Record<string, unknown>[]> {
  const entries = items.flatMap((i) => {
    const entry = i.entity === 'person' ? countyDoctorItem(i as unknown as PersonItem, countyId) : undefined;
    return entry ? [entry] : [];
  });
  const n = neighbourDoctor;
  const person = await personItem(
    { personId: n.personId, name: n.name, role: 'doctor', gender: 'female', birthDate: '1984-07-11', orgId: 'org_lhxrmyy', organisation: n.organisation, title: n.title, workPhone: '0435-5201234' },
    '13504350190',
  );
  return [...entries, person, countyDoctorItem(person, n.countyId)!] as unknown as Record<string, unknown>[];
}
