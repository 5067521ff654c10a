import { beijingIso, familyTypeLabels, importColumns, povertyFlagLabels } from '../../domain';
import { addTownship } from '../../functions/institutions/townships';
import { countyTownshipStats } from '../../functions/lib/db/dashboard';
import { getFamilyProfile } from '../../functions/lib/db/families';
import { applyUnits, checkAgainstTable, type ImportContext } from '../../functions/lib/db/imports';
import type { FamilyProfileItem } from '../../functions/lib/db/items';
import { cardHandOverParts } from '../../functions/lib/db/lifecycle/card';
import { changePut, diff } from '../../functions/lib/db/lifecycle/changes';
import { profileUpdate, profileVersion } from '../../functions/lib/db/lifecycle/profile';
import { part, transact } from '../../functions/lib/db/transact';
import { validateSheet } from '../../functions/lib/imports/validate';
import { county, families, helpline, idNumberOf, staff, townships, villages, type DemoFamily } from './demo-county';

/**
 * The demo county's families registered as a county is: its townships added (the commission's
 * township page's write), then the register
 * imported (the import's own check and write, lib/db/imports.ts) in the batches the cards were
 * issued in, the poverty registrations entered in the family's details and, once the contacts are
 * assigned (contacts.ts), each card handed over, with the same writes as the lifecycle routes make
 * (change records, the 持卡 counter).
 */

/** The county office that imports the register: the helpline on every card is this office. */
const importer = { organisation: helpline.name, workPhone: helpline.phone, cardIssuer: '清河县卫生健康局' };
export const commissioner = staff.find((s) => s.role === 'commission' && s.commissionLevel === 'county')!;
const yesNo = (b: boolean | undefined) => (b ? '是' : '否');

/** The moment of the day `date` (Beijing) a seeded step is taken. */
export const onDay = (date: string, time: string) => new Date(beijingIso(date, time));

/**
 * The county's townships, added as the commission's township page adds them (the same function:
 * zero figures, which the import and every later change add to, and the claim on each id). One
 * already there (a seed retried after a failure) is left as it is.
 */
export async function seedTownships(): Promise<void> {
  const present = new Set((await countyTownshipStats(county.countyId)).map((t) => t.townshipId));
  for (const t of townships) if (!present.has(t.townshipId)) await addTownship(county.countyId, { townshipId: t.townshipId, name: t.name });
}

function registerRows(batch: DemoFamily[]): string[][] {
  return batch.flatMap((f) => {
    const village = villages.find((v) => v.villageId === f.villageId)!;
    return f.members.map((m) => [
      f.familyId.slice(2),
      village.townshipId,
      village.villageId,
      village.name,
      familyTypeLabels[f.familyType],
      yesNo(f.lowIncome),
      `QH${f.cardIssuedOn.slice(0, 4)}${f.familyId.slice(2)}`,
      m.name,
      m.relation,
      idNumberOf(m.personId, m.birthDate, m.gender),
      m.phone,
      m.conditions.join('、'),
    ]);
  });
}

/** Imports one day's batch of the register; throws with the import's own report if it refuses a row. */
async function importBatch(batch: DemoFamily[], today: string): Promise<void> {
  const headers = [...importColumns.families];
  const rows = registerRows(batch).map((cells, i) => ({ line: i + 2, cells }));
  const checked = validateSheet('families', { headers, rows }, today);
  const personIds = new Map(batch.flatMap((f) => f.members.map((m) => [idNumberOf(m.personId, m.birthDate, m.gender), m.personId] as const)));
  const ctx: ImportContext = {
    countyId: county.countyId,
    countyWide: true,
    townships: new Map(townships.map((t) => [t.townshipId, { townshipName: t.name }])),
    today,
    importer,
    personIds,
  };
  const against = checked.problems.length ? checked : await checkAgainstTable(checked.units, ctx);
  if (against.problems.length) throw new Error(`demo register refused: ${JSON.stringify(against.problems)}`);
  if ('fresh' in against) await applyUnits(against.fresh, county.countyId, Number.POSITIVE_INFINITY);
}

/** The details form's write (lifecycle editDetails): the poverty registrations the import leaves unset. */
async function enterPovertyFlags(profile: FamilyProfileItem, f: DemoFamily, now: Date): Promise<void> {
  const values = (p: { lowIncome?: boolean; registeredPoor?: boolean; illnessPoverty?: boolean }) => ({ lowIncome: yesNo(p.lowIncome), registeredPoor: yesNo(p.registeredPoor), illnessPoverty: yesNo(p.illnessPoverty) });
  const wanted = { lowIncome: f.lowIncome === true, registeredPoor: f.registeredPoor, illnessPoverty: f.illnessPoverty === true };
  const { before, after } = diff(povertyFlagLabels, values(profile), values(wanted));
  if (!Object.keys(after).length) return;
  const summary = Object.keys(after).map((label) => `${label}：${before[label] || '（空）'} → ${after[label]}`).join('；');
  await transact([
    part('profile', profileUpdate(profile.familyId, profileVersion(profile), wanted)),
    part('change', changePut({ familyId: profile.familyId, townshipId: profile.townshipId, kind: 'details', by: { personId: commissioner.personId, name: commissioner.name }, summary, before, after }, now)),
  ]);
}

/** The card hand-over's write (lifecycle handOverCard, the same parts): card and 联系知情卡 together, by `giver`. */
async function handOverCard(profile: FamilyProfileItem, giver: { personId: string; name: string }, on: string, now: Date): Promise<void> {
  await transact(cardHandOverParts(profile, profileVersion(profile), { card: true, infoCard: true, giver, on, by: giver }, now).parts);
}

/** Who hands a family its card: its village cadre, or the township leader where the village has none assigned. */
export function cardGiverOf(f: DemoFamily) {
  const village = villages.find((v) => v.villageId === f.villageId)!;
  return (
    staff.find((s) => s.contactLevel === 'village' && s.villageId === village.villageId && f.contacts.includes('village_cadre')) ??
    staff.find((s) => s.contactLevel === 'township' && s.regionId === village.townshipId)!
  );
}

/** Imports the register day by day (the cards issued that day) and enters the poverty registrations. */
export async function importDemoRegister(): Promise<void> {
  const days = [...new Set(families.map((f) => f.cardIssuedOn))].sort();
  await Promise.all(days.map((day) => importBatch(families.filter((f) => f.cardIssuedOn === day), day)));
  await Promise.all(families.map(async (f) => enterPovertyFlags((await getFamilyProfile(f.familyId))!, f, onDay(f.cardIssuedOn, '10:00'))));
}

/** Hands each family its cards on the day they were issued (families side by side). */
export async function handOverDemoCards(): Promise<void> {
  await Promise.all(families.map(async (f) => handOverCard((await getFamilyProfile(f.familyId))!, cardGiverOf(f), f.cardIssuedOn, onDay(f.cardIssuedOn, '15:00'))));
}
