import { beijingWhen, toBeijingIso } from '../../../../domain';
import { outboxPut } from '../../notify/outbox';
import { batchGetAll } from '../batch';
import { tableName } from '../client';
import type { PlanItem } from '../followups';
import type { FamilyGroup } from '../handover-batch';
import type { FamilyProfileItem, PersonItem, SigningItem } from '../items';
import { keys } from '../keys';
import { queryAll } from '../query-all';
import type { SigningStateItem } from '../signing/states';
import { part, type Part } from '../transact';
import { changePut } from './changes';

/**
 * Signed members moving from one doctor to another (a doctor deactivated with a successor, or a
 * family's doctor place handed over): per family, everything that names the old doctor for these
 * members moves in ONE group of writes (packTransactions keeps a family in one transaction):
 * - the signing projection (the doctors' lists and authorization read it),
 * - the member's ACTIVE contract's named doctor (what the family sees on 我的签约 and the contract
 *   views count under): the team stays, the successor takes the responsible doctor's place in it,
 * - the follow-up plan on the old doctor's queue,
 * - the open refill requests and the discharge notes not yet followed up, which sit in the old
 *   doctor's queue (GSI1 STAFF#<doctor>) and would otherwise wait there for nobody,
 * - a message to each member, and the family's change record (更换签约医生) saying who signs for
 *   them now.
 * Each write is conditioned on what was read, so a change meanwhile refuses the whole family.
 */

/** A queue entry of another feature in the old doctor's GSI1 partition: an open refill or an unanswered discharge note. */
export interface QueueEntry {
  pk: string;
  sk: string;
  familyId: string;
  memberId: string;
  entity: 'refill' | 'dischargeNote';
}

/** What is read before the moves are planned: at most one BatchGet per 100 keys and two Queries. */
export interface SigningMoveReads {
  plans: PlanItem[];
  /** The township each family's change record is filed under (the change list reads by township). */
  townships: Map<string, string>;
  /** Each member's active contract, from their signing STATE. */
  contracts: Map<string, string>;
  queue: QueueEntry[];
}

/**
 * The doctor's open refills and unanswered discharge notes: two Queries of their GSI1 partition (the
 * refill queue's prefix, and the discharge notes' not yet followed up), narrowed to one family when
 * a single family's doctor changes.
 */
export async function openQueueEntries(doctorId: string, familyId?: string): Promise<QueueEntry[]> {
  const query = (prefix: string, filter: string[]) =>
    queryAll<QueueEntry>({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
      ...(filter.length ? { FilterExpression: filter.join(' AND ') } : {}),
      ExpressionAttributeValues: { ':pk': keys.staffPk(doctorId), ':p': prefix, ...(familyId ? { ':f': familyId } : {}) },
    });
  const family = familyId ? ['familyId = :f'] : [];
  const [refills, discharges] = await Promise.all([
    query(keys.refillQueuePrefix, family),
    query(keys.dischargeQueuePrefix, [...family, 'attribute_not_exists(followedUpAt)']),
  ]);
  return [...refills, ...discharges].map((i) => ({ pk: i.pk, sk: i.sk, familyId: i.familyId, memberId: i.memberId, entity: i.entity }));
}

/** The members of one family signed with this doctor (one Query of the family's signings). */
export function familySignings(familyId: string, doctorId: string): Promise<SigningItem[]> {
  return queryAll<SigningItem>({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    FilterExpression: 'doctorId = :d',
    ExpressionAttributeValues: { ':pk': keys.familyPk(familyId), ':p': 'FAMILY#SIGN#', ':d': doctorId },
  });
}

/**
 * Reads what moves with these members: ONE BatchGet of their plans, signing states and families'
 * profiles, and the old doctor's open queue entries (all of them when the doctor leaves, one
 * family's when one family's doctor changes).
 */
export async function readSigningMoves(signings: SigningItem[], fromDoctorId: string, onlyFamily?: string): Promise<SigningMoveReads> {
  const families = [...new Set(signings.map((s) => s.familyId))];
  const [found, queue] = await Promise.all([
    // No signings, no keys: batchGetAll sends nothing.
    batchGetAll<PlanItem | FamilyProfileItem | SigningStateItem>([
      ...signings.map((s) => keys.followUpPlan(s.memberId)),
      ...signings.map((s) => keys.signingState(s.memberId)),
      ...families.map(keys.familyProfile),
    ]),
    openQueueEntries(fromDoctorId, onlyFamily),
  ]);
  const signed = new Set(signings.map((s) => s.memberId));
  return {
    plans: found.filter((i): i is PlanItem => i.entity === 'followUpPlan'),
    townships: new Map(found.filter((i): i is FamilyProfileItem => i.entity === 'family').map((p) => [p.familyId, p.townshipId])),
    contracts: new Map(
      found
        .filter((i): i is SigningStateItem => i.entity === 'signingState' && i.state === 'signed' && Boolean(i.contractId))
        .map((s) => [s.memberId, s.contractId!]),
    ),
    // One family's doctor changing takes only the entries of the members who move with it.
    queue: onlyFamily ? queue.filter((q) => signed.has(q.memberId)) : queue,
  };
}

/** The active contract names the new doctor; the team and the doctor's role in it stay as they are. */
function contractDoctorMove(memberId: string, contractId: string, to: PersonItem): Part<'contract'> {
  return part('contract', {
    Update: {
      TableName: tableName(),
      Key: keys.signingContract(memberId, contractId),
      UpdateExpression: 'SET doctor.personId = :id, doctor.#name = :name, doctor.title = :title, doctor.organisation = :org, doctor.phone = :phone',
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#name': 'name', '#status': 'status' },
      ExpressionAttributeValues: { ':id': to.personId, ':name': to.name, ':title': to.title ?? '', ':org': to.organisation ?? '', ':phone': to.workPhone ?? '', ':active': 'active' },
    },
  });
}

/**
 * An item pointed at the new doctor: its doctorId and its place in their GSI1 queue (the sort key
 * stays), only while `condition` holds (`values` and `set` add the caller's own).
 */
function toDoctor<L extends string>(label: L, key: { pk: string; sk: string }, to: string, condition: string, values: Record<string, unknown>, set = ''): Part<L> {
  return part(label, {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET doctorId = :to, gsi1pk = :toPk${set}`,
      ConditionExpression: condition,
      ExpressionAttributeValues: { ':to': to, ':toPk': keys.staffPk(to), ...values },
    },
  });
}

/**
 * The groups of writes (one per family, for packTransactions) moving these signed members, and the
 * open queue entries read, from one doctor to another.
 */
export function planSigningMoves(
  signings: SigningItem[],
  from: { personId: string; name: string },
  to: PersonItem,
  by: { staffId: string; name: string },
  reason: string,
  now: Date,
  reads: SigningMoveReads,
): FamilyGroup[] {
  const at = toBeijingIso(now);
  const byFamily = new Map<string, { members: SigningItem[]; queue: QueueEntry[] }>();
  const familyOf = (familyId: string) => byFamily.get(familyId) ?? byFamily.set(familyId, { members: [], queue: [] }).get(familyId)!;
  for (const s of signings) familyOf(s.familyId).members.push(s);
  for (const q of reads.queue) familyOf(q.familyId).queue.push(q);
  return [...byFamily.entries()].map(([familyId, { members, queue }]) => ({
    countyId: '',
    townshipId: '',
    filled: false,
    toId: to.personId,
    parts: [
      ...members.flatMap((s) => {
        const contractId = reads.contracts.get(s.memberId);
        return [
          toDoctor('signing', keys.familySigning(familyId, s.memberId), to.personId, 'doctorId = :from', { ':from': from.personId }),
          ...(contractId ? [contractDoctorMove(s.memberId, contractId, to)] : []),
          ...reads.plans
            .filter((p) => p.memberId === s.memberId && p.doctorId === from.personId)
            .map((p) => toDoctor('plan', keys.followUpPlan(p.memberId), to.personId, 'version = :v', { ':v': p.version, ':next': p.version + 1 }, ', version = :next')),
          part(
            'outbox',
            outboxPut({ recipientId: s.memberId, template: 'contact.changed', data: { role: '签约家庭医生', name: to.name, time: beijingWhen(at, at) }, page: 'packages/family/contacts/index', dedupeKey: `signing.doctor#${s.memberId}#${to.personId}` }, now),
          ),
        ];
      }),
      // An open refill or discharge note, only while it is still open on the old doctor's queue.
      ...queue.map((q) =>
        toDoctor('queue', { pk: q.pk, sk: q.sk }, to.personId, q.entity === 'dischargeNote' ? 'gsi1pk = :fromPk AND attribute_not_exists(followedUpAt)' : 'gsi1pk = :fromPk', { ':fromPk': keys.staffPk(from.personId) }),
      ),
      ...(members.length
        ? [
            part(
              'change',
              changePut(
                {
                  familyId,
                  townshipId: reads.townships.get(familyId) ?? '',
                  kind: 'doctor_change',
                  by: { personId: by.staffId, name: by.name },
                  summary: `${members.map((s) => s.member.name).join('、')}的签约家庭医生由${from.name}改为${to.name}（${reason}）`,
                  before: { 签约家庭医生: from.name },
                  after: { 签约家庭医生: to.name },
                },
                now,
              ),
            ),
          ]
        : []),
    ],
  }));
}
