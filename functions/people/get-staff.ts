import { StaffPath, type StaffDetail } from '../../domain';
import type { FamilyContactItem } from '../lib/db/items';
import { listPlaces, staffView } from '../lib/db/staff';
import { batchGetAll } from '../lib/db/batch';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { routeHandler } from '../lib/http/route-handler';
import { staffOfOfficer } from './access';

/** One staff member and their families, for the edit and deactivation pages. */
export const handler = routeHandler('people.getStaff', { path: StaffPath }, async ({ path, principal }) => {
  const person = await staffOfOfficer(principal, path.personId);
  const places = await listPlaces<FamilyContactItem>(person.personId);
  const profiles = new Map((await batchGetAll<FamilyProfileItem>(places.map((c) => keys.familyProfile(c.familyId)))).map((p) => [p.familyId, p]));
  const families = places.flatMap((c) => {
    const p = profiles.get(c.familyId);
    return p ? [{ familyId: p.familyId, familyName: p.familyName, townshipId: p.townshipId, villageName: p.villageName, kind: c.kind }] : [];
  });
  return { body: { ...staffView(person), families } satisfies StaffDetail };
});
