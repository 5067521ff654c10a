import type { PersonItem } from '../../functions/lib/db/items';
import { countyDoctorItem } from '../../functions/lib/db/staff-directory';
import { idNumberOf } from './demo-county';
import { createSeedStaff } from './seed';

/** A doctor of the neighbouring county: the team page's lookup must not find her from 清河县. */
export const neighbourDoctor = { personId: 'p_doc90', name: '吕红梅', countyId: 'c_liuhe', organisation: '柳河县人民医院', title: '全科医生' };

/**
 * Every seeded doctor and nurse in the county's doctor directory (looked up by staff number on the
 * team page), and one doctor of another county with her own entry there.
 */
export async function buildTeamStaffSeed(items: ReadonlyArray<{ entity?: unknown }>, countyId: string, written: Set<string>): Promise<Record<string, unknown>[]> {
  const entries = items.flatMap((i) => {
    const entry = i.entity === 'person' ? countyDoctorItem(i as unknown as PersonItem, countyId) : undefined;
    return entry ? [entry] : [];
  });
  const n = neighbourDoctor;
  // Created as the neighbouring county's commission would create her: her directory entry is theirs.
  await createSeedStaff(
    { personId: n.personId, post: 'doctor', name: n.name, idNumber: idNumberOf(n.personId, '1984-07-11', 'female'), phone: '13504350190', countyId: n.countyId, orgId: 'org_lhxrmyy', organisation: n.organisation, title: n.title, workPhone: '0435-5201234' },
    // Not bound: nobody signs in as her in the demo.
    undefined,
    written,
  );
  return entries as unknown as Record<string, unknown>[];
}
