import { idNumberOf } from './demo-county';
import { createSeedStaff } from './seed';

/** A doctor of the neighbouring county: the team page's lookup must not find her from 清河县. */
export const neighbourDoctor = { personId: 'p_doc90', name: '吕红梅', countyId: 'c_liuhe', organisation: '柳河县人民医院', title: '全科医生' };

/**
 * One doctor of another county, with her own entry in that county's doctor directory (the team
 * page looks doctors up there); the demo county's own doctors got theirs when they were created.
 */
export async function seedNeighbourDoctor(): Promise<void> {
  const n = neighbourDoctor;
  // Created as the neighbouring county's commission would create her: her directory entry is theirs.
  await createSeedStaff(
    { personId: n.personId, post: 'doctor', name: n.name, idNumber: idNumberOf(n.personId, '1984-07-11', 'female'), phone: '13504350190', countyId: n.countyId, orgId: 'org_lhxrmyy', organisation: n.organisation, title: n.title, workPhone: '0435-5201234' },
    // Not bound: nobody signs in as her in the demo.
    undefined,
  );
}
