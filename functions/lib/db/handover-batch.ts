import { canHold, contactKindLabels, servesRegion, type ContactKind } from '../../../domain';
import { batchGetAll } from './batch';
import { townshipStatsAdd } from './coverage';
import { getFamilyRecord, listSignedMembers } from './families';
import { assignmentGuard, handover, type HandoverItem } from './handover';
import type { FamilyProfileItem, PersonItem, SigningItem } from './items';
import { familyRequestsVersion, listFamilyRequests, requestsHandoverItems } from './requests';
import type { Part } from './transact';
import { keys } from './keys';

/**
 * Hand-overs of many families at once (a bulk assignment, or a leaving staff member's families),
 * each family's exactly as a single hand-over writes it (handover.ts with its open requests), packed
 * into as few transactions as DynamoDB's 100-item limit allows. A family never spans two
 * transactions, so no family is without a contact at any moment whatever happens between them.
 * What DynamoDB allows once per item per transaction is added once per transaction: the township's
 * coverage counter (summed) and each incoming person's assignment guard.
 */
export interface PlannedPlace {
  familyId: string;
  kind: ContactKind;
  to: PersonItem;
  /** A shared place (social helpers): whose place moves; for other kinds the current holder. */
  fromStaffId?: string;
}

export interface FamilyGroup {
  parts: Part[];
  /** The family's region, when the group fills its missing contact (the township's coverage). */
  countyId: string;
  townshipId: string;
  filled: boolean;
  toId: string;
}

export interface PlannedBatch {
  groups: FamilyGroup[];
  records: HandoverItem[];
  /** Why a place cannot move, by its index in the input. */
  problems: Map<number, string>;
}

/** DynamoDB's limit of items per TransactWriteItems. */
export const MAX_TRANSACT_ITEMS = 100;

export async function planHandovers(
  places: PlannedPlace[],
  by: { staffId: string; name: string },
  reason: string | undefined,
  now: Date,
  /** A caller's own rule about the family (e.g. it must lie in the township named). */
  accept: (profile: FamilyProfileItem) => string | undefined = () => undefined,
): Promise<PlannedBatch> {
  const problems = new Map<number, string>();
  const seen = new Set<string>();
  places.forEach((p, i) => {
    if (seen.has(p.familyId)) problems.set(i, '同一户家庭在一次安排中只能出现一次');
    seen.add(p.familyId);
  });
  const read = await Promise.all(
    places.map(async (p, i) => (problems.has(i) ? undefined : Promise.all([getFamilyRecord(p.familyId), listFamilyRequests(p.familyId), familyRequestsVersion(p.familyId)]))),
  );
  const groups: FamilyGroup[] = [];
  const records: HandoverItem[] = [];
  places.forEach((p, i) => {
    const r = read[i];
    if (!r) return;
    const [record, requests, version] = r;
    if (!record) return problems.set(i, '没有找到这户家庭');
    const refused = accept(record.profile);
    if (refused) return problems.set(i, refused);
    if (!canHold(p.kind, p.to)) return problems.set(i, `${p.to.name}不能担任${contactKindLabels[p.kind]}`);
    if (!servesRegion(p.to, record.profile)) return problems.set(i, `${p.to.name}不在${record.profile.familyName}所在的区域`);
    const existing = record.contacts.find((c) => c.staffId === p.to.personId);
    if (existing) return problems.set(i, `${p.to.name}已经是${record.profile.familyName}的${contactKindLabels[existing.kind]}`);
    const change = handover({ profile: record.profile, contacts: record.contacts, kind: p.kind, to: p.to, byStaffId: by.staffId, reason, fromStaffId: p.fromStaffId, batch: true }, now);
    if (p.fromStaffId && change.from?.staffId !== p.fromStaffId) return problems.set(i, `${record.profile.familyName}的${contactKindLabels[p.kind]}已经不是原来的人员`);
    const moving = change.from
      ? requestsHandoverItems({ familyId: p.familyId, requests, summaryVersion: version, fromStaffId: change.from.staffId, to: { staffId: p.to.personId, name: p.to.name }, byName: by.name }, now)
      : [];
    groups.push({ parts: [...change.parts, ...moving], countyId: record.profile.countyId, townshipId: record.profile.townshipId, filled: change.filledMissing, toId: p.to.personId });
    records.push(change.record);
  });
  return { groups, records, problems };
}

/** Every member signed with a doctor (the families feature's paged list, read to the end). */
export async function allSignedMembers(doctorId: string): Promise<SigningItem[]> {
  const out: SigningItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listSignedMembers(doctorId, { cursor, limit: 100 });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The once-per-transaction parts of these families: summed coverage per township, one guard per incoming person. */
function sharedParts(groups: FamilyGroup[]): Part[] {
  const filled = new Map<string, { countyId: string; townshipId: string; n: number }>();
  for (const g of groups.filter((x) => x.filled)) {
    const t = filled.get(g.townshipId) ?? { countyId: g.countyId, townshipId: g.townshipId, n: 0 };
    t.n += 1;
    filled.set(g.townshipId, t);
  }
  return [
    ...[...filled.values()].map((t) => ({ label: 'coverage', item: townshipStatsAdd(t, { familiesWithAllContacts: t.n }) })),
    ...[...new Set(groups.map((g) => g.toId))].map((id) => assignmentGuard(id)),
  ];
}

/** Packs the families into transactions of at most MAX_TRANSACT_ITEMS - `reserve` items each. */
export function packTransactions(groups: FamilyGroup[], reserve = 0): Array<{ parts: Part[]; families: number }> {
  const limit = MAX_TRANSACT_ITEMS - reserve;
  const chunks: FamilyGroup[][] = [];
  let current: FamilyGroup[] = [];
  const size = (gs: FamilyGroup[]) => gs.reduce((n, g) => n + g.parts.length, 0) + sharedParts(gs).length;
  for (const g of groups) {
    if (current.length && size([...current, g]) > limit) {
      chunks.push(current);
      current = [];
    }
    current.push(g);
  }
  if (current.length) chunks.push(current);
  return chunks.map((c) => ({ parts: [...c.flatMap((g) => g.parts), ...sharedParts(c)], families: c.length }));
}

/** Incoming persons by id, read in one BatchGet. */
export async function personsById(ids: string[]): Promise<Map<string, PersonItem>> {
  const persons = await batchGetAll<PersonItem>([...new Set(ids)].map((id) => keys.person(id)));
  return new Map(persons.map((p) => [p.personId, p]));
}
