import { beijingWhen, canHold, contactKindLabels, servesRegion, toBeijingIso, type ContactKind } from '../../../domain';
import { outboxPut } from '../notify/outbox';
import { batchGetAll } from './batch';
import { townshipStatsAdd } from './coverage';
import { getFamilyRecord, listSignedMembers } from './families';
import { assignmentGuard, handover, type HandoverItem } from './handover';
import type { PlanItem } from './followups';
import type { FamilyProfileItem, PersonItem, SigningItem } from './items';
import { changePut } from './lifecycle/changes';
import { tableName } from './client';
import { familyRequestsVersion, listFamilyRequests, requestsHandoverItems } from './requests';
import { part, type Part } from './transact';
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

interface FamilyGroup {
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

/**
 * A leaving doctor's signed members moved to the successor, as groups packed with the families'
 * hand-overs (packTransactions): per family, each member's signing projection names the new
 * doctor (only while it still names the old one), each member is told, and the family's change
 * record says who signs for them now; a follow-up plan on the old doctor's queue moves to the
 * successor's. The contract itself (its team) stays: the team is unchanged.
 */
export function planSigningMoves(
  signings: SigningItem[],
  from: PersonItem,
  to: PersonItem,
  by: { staffId: string; name: string },
  reason: string,
  now: Date,
  /** The members' follow-up plans: those on the leaving doctor's queue go to the successor's. */
  plans: PlanItem[] = [],
  /** The township each family's change record is filed under (the change list reads by township). */
  townshipOf: (familyId: string) => string = () => '',
): FamilyGroup[] {
  const at = toBeijingIso(now);
  const byFamily = new Map<string, SigningItem[]>();
  for (const s of signings) byFamily.set(s.familyId, [...(byFamily.get(s.familyId) ?? []), s]);
  return [...byFamily.entries()].map(([familyId, members]) => ({
    countyId: '',
    townshipId: '',
    filled: false,
    toId: to.personId,
    parts: [
      ...members.flatMap((s) => [
        part('signing', {
          Update: {
            TableName: tableName(),
            Key: keys.familySigning(familyId, s.memberId),
            UpdateExpression: 'SET doctorId = :to, gsi1pk = :pk',
            ConditionExpression: 'doctorId = :from',
            ExpressionAttributeValues: { ':to': to.personId, ':pk': keys.staffPk(to.personId), ':from': from.personId },
          },
        }),
        ...plans
          .filter((p) => p.memberId === s.memberId && p.doctorId === from.personId)
          .map((p) =>
            part('plan', {
              Update: {
                TableName: tableName(),
                Key: keys.followUpPlan(p.memberId),
                UpdateExpression: 'SET doctorId = :to, gsi1pk = :pk, version = :next',
                ConditionExpression: 'version = :v',
                ExpressionAttributeValues: { ':to': to.personId, ':pk': keys.staffPk(to.personId), ':v': p.version, ':next': p.version + 1 },
              },
            }),
          ),
        part(
          'outbox',
          outboxPut({ recipientId: s.memberId, template: 'contact.changed', data: { role: '签约家庭医生', name: to.name, time: beijingWhen(at, at) }, page: 'packages/family/contacts/index', dedupeKey: `signing.doctor#${s.memberId}#${to.personId}` }, now),
        ),
      ]),
      part(
        'change',
        changePut(
          {
            familyId,
            townshipId: townshipOf(familyId),
            kind: 'doctor_change',
            by: { personId: by.staffId, name: by.name },
            summary: `${members.map((s) => s.member.name).join('、')}的签约家庭医生由${from.name}改为${to.name}（${reason}）`,
            before: { 签约家庭医生: from.name },
            after: { 签约家庭医生: to.name },
          },
          now,
        ),
      ),
    ],
  }));
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
