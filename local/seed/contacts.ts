import type { ContactKind } from '../../domain';
import { packTransactions, personsById, planHandovers, type PlannedPlace } from '../../functions/lib/db/handover-batch';
import { transact } from '../../functions/lib/db/transact';
import { families, staff, villages, type DemoFamily } from './demo-county';
import { commissioner, onDay } from './families';

/** The staff member holding each of a family's places in the demo county. */
export function demoPlaces(f: DemoFamily): Array<{ kind: ContactKind; staffId: string }> {
  const village = villages.find((v) => v.villageId === f.villageId)!;
  const out: Array<{ kind: ContactKind; staffId: string }> = [];
  if (f.contacts.includes('township_leader')) out.push({ kind: 'township_leader', staffId: staff.find((s) => s.contactLevel === 'township' && s.regionId === village.townshipId)!.personId });
  if (f.contacts.includes('village_cadre')) out.push({ kind: 'village_cadre', staffId: staff.find((s) => s.contactLevel === 'village' && s.villageId === village.villageId)!.personId });
  if (f.contacts.includes('doctor')) out.push({ kind: 'doctor', staffId: village.townshipId === 't_chengguan' ? 'p_doc01' : 'p_doc03' });
  if (f.volunteer) out.push({ kind: 'volunteer', staffId: 'p_vol01' });
  return out;
}

const kinds: ContactKind[] = ['township_leader', 'village_cadre', 'doctor', 'volunteer'];

/**
 * Assigns the contacts as the commission's bulk assignment does (people.bulkAssign over
 * lib/db/handover-batch.ts): on the morning each family's card was issued, one assignment per
 * township and place, so every family gets its hand-over records, its members the notice, and
 * the township's coverage counter the families whose places are all filled.
 */
export async function assignDemoContacts(): Promise<void> {
  const by = { staffId: commissioner.personId, name: commissioner.name };
  const persons = await personsById(staff.map((s) => s.personId));
  const days = [...new Set(families.map((f) => f.cardIssuedOn))].sort();
  const townshipOf = (f: DemoFamily) => villages.find((v) => v.villageId === f.villageId)!.townshipId;
  // Days and townships side by side (different families); one family's places one after another.
  const groups = days.flatMap((day) => [...new Set(families.filter((f) => f.cardIssuedOn === day).map(townshipOf))].map((townshipId) => ({ day, townshipId })));
  await Promise.all(
    groups.map(async ({ day, townshipId }) => {
      const ofDay = families.filter((f) => f.cardIssuedOn === day);
      for (const kind of kinds) {
        const places: PlannedPlace[] = ofDay
          .filter((f) => townshipOf(f) === townshipId)
          .flatMap((f) => demoPlaces(f).filter((p) => p.kind === kind).map((p) => ({ familyId: f.familyId, kind, to: persons.get(p.staffId)! })));
        if (!places.length) continue;
        const plan = await planHandovers(places, by, undefined, onDay(day, '09:00'), (profile) => (profile.townshipId === townshipId ? undefined : '这户家庭不在这个乡镇'));
        if (plan.problems.size) throw new Error(`demo assignment refused: ${JSON.stringify([...plan.problems])}`);
        for (const chunk of packTransactions(plan.groups)) await transact(chunk.parts);
      }
    }),
  );
}
