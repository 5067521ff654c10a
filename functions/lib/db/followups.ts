import { GetCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import {
  type ActedBy,
  type Cadence,
  type FollowUpRecord,
  type HealthFile,
  type Mobility,
  MAX_DUE_WINDOW_DAYS,
  type Prescription,
  type RefillRecord,
  type UrgentFlag,
  addDays,
  followUpReminderAt,
  beijingDate,
  formatChineseDate,
  nextDueOn,
} from '../../../domain';
import * as z from '../../../domain/zod';
import { batchGetAll } from './batch';
import { db, tableName } from './client';
import type { PersonItem, SigningItem } from './items';
import type { SigningStateItem } from './signing';
import { keys } from './keys';
import type { TransactItem } from './transact';
import { outboxItem } from '../notify/outbox';

/**
 * Chronic follow-ups and long prescriptions. Everything about one member's health lives in the
 * member's own partition HEALTH#<memberId> (file, plan, follow-ups, prescriptions, refills), apart
 * from the family partition that other features read; the doctor's queue is GSI1 STAFF#<doctorId>.
 */

type Keys = { pk: string; sk: string };

export interface HealthFileItem extends Keys, HealthFile {
  entity: 'healthFile';
}

export interface PlanItem extends Keys {
  entity: 'followUpPlan';
  familyId: string;
  memberId: string;
  memberName: string;
  doctorId: string;
  cadence: Cadence;
  reason: 'default' | 'mobility' | 'poverty' | 'doctor';
  poverty: boolean;
  startedOn: string;
  lastCompletedOn?: string;
  note?: string;
  /** The newest member submission the doctor has not replied to yet. */
  pending?: { followUpId: string; at: string; urgent: UrgentFlag[] };
  /** Optimistic lock: every change is conditioned on the version it read. */
  version: number;
  gsi1pk: string;
  gsi1sk: string;
  /** The member's mobility when the plan was last written: 失能 and 半失能 elders get a weekly call. */
  mobility?: Mobility;
  /** In the county's plan index (the self-inspection report counts what was due). */
  gsi2pk?: string;
  gsi2sk?: string;
}

/** The plan's place in its county's plan index, when the family's region is known. */
export const planRegionKeys = (region: { countyId: string; townshipId: string } | undefined, memberId: string) =>
  region?.countyId && region.townshipId ? { gsi2pk: keys.followUpPlanRegionPk(region.countyId), gsi2sk: keys.followUpPlanRegionSk(region.townshipId, memberId) } : {};

/**
 * A doctor's visit or call in its county's month (one small item, in the visit's own transaction):
 * the report counts the follow-ups done by the doctor's team from these, never a member's own
 * submission. Written only by followups.recordVisit.
 */
export interface DoctorFollowUpItem extends Keys {
  entity: 'doctorFollowUp';
  memberId: string;
  familyId: string;
  townshipId: string;
  date: string;
  kind: 'visit' | 'phone';
  recordedBy: string;
}

export function doctorFollowUpItem(region: { countyId: string; townshipId: string }, f: { memberId: string; familyId: string; followUpId: string; date: string; kind: 'visit' | 'phone'; recordedBy: string }): DoctorFollowUpItem {
  return {
    ...keys.doctorFollowUpMonth(region.countyId, f.date.slice(0, 7), region.townshipId, f.date, f.followUpId),
    entity: 'doctorFollowUp',
    memberId: f.memberId,
    familyId: f.familyId,
    townshipId: region.townshipId,
    date: f.date,
    kind: f.kind,
    recordedBy: f.recordedBy,
  };
}

export interface FollowUpItem extends Keys, FollowUpRecord {
  entity: 'followUp';
  familyId: string;
  memberId: string;
}

export interface PrescriptionItem extends Keys, Omit<Prescription, 'refill' | 'requests'> {
  entity: 'prescription';
  doctorId: string;
  openRefillId?: string;
}

export interface RefillItem extends Keys, RefillRecord {
  entity: 'refill';
  familyId: string;
  memberId: string;
  memberName: string;
  doctorId: string;
  medicines: string;
  /** Asked for by staff on the family's behalf (代办). */
  actedBy?: ActedBy;
  /** In the doctor's refill queue (GSI1) while the request is open. */
  gsi1pk?: string;
  gsi1sk?: string;
}

/**
 * Items other features put in the doctor's GSI1 partition (the agreed contract); read with zod,
 * because their writers live on other branches.
 */
export const DischargeNoteItem = z.object({
  entity: z.literal('dischargeNote'),
  gsi1sk: z.string(),
  familyId: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  doctorId: z.string(),
  hospitalName: z.string(),
  admittedOn: z.string(),
  dischargedAt: z.string(),
  note: z.string(),
  followUpDueBy: z.string(),
  followedUpAt: z.optional(z.string()),
});
export type DischargeNoteItem = z.infer<typeof DischargeNoteItem>;

export const ConsultFollowUpItem = z.object({
  gsi1sk: z.string(),
  familyId: z.string(),
  memberId: z.string(),
  summary: z.string(),
  consultationId: z.string(),
  dueBy: z.string(),
  createdAt: z.string(),
  status: z.string(),
  memberName: z.optional(z.string()),
});
export type ConsultFollowUpItem = z.infer<typeof ConsultFollowUpItem>;

/** Where the plan sits in the doctor's queue: submissions awaiting a reply before any due date. */
export function planQueueKeys(plan: Pick<PlanItem, 'doctorId' | 'memberId' | 'cadence' | 'startedOn' | 'lastCompletedOn' | 'pending'>): { gsi1pk: string; gsi1sk: string } {
  const queueDate = plan.pending ? '0000-00-00' : nextDueOn(plan);
  return { gsi1pk: keys.staffPk(plan.doctorId), gsi1sk: keys.planQueueSk(queueDate, plan.memberId) };
}

export interface MemberContext {
  member?: PersonItem;
  signing?: SigningItem;
  file?: HealthFileItem;
  plan?: PlanItem;
  viewer?: PersonItem;
  /** The member's family-doctor signing state: the active contract and its team, when signed. */
  contract?: Pick<SigningStateItem, 'state' | 'contractId' | 'teamId' | 'teamName'>;
  /** What the caller asked for besides (a refill, the family profile). */
  extra: Array<Record<string, unknown> & Keys>;
}

/** The item with this key among those read, if it exists. */
export function itemAt<T>(items: ReadonlyArray<Record<string, unknown> & Keys>, key: Keys): T | undefined {
  return items.find((i) => i.pk === key.pk && i.sk === key.sk) as T | undefined;
}

/**
 * Everything needed to decide access and to answer, in ONE BatchGet: the member (family, consent),
 * their signing (who their doctor is) and signing state (the active contract and its team, for
 * team access and the contract's service counters), the health file, the plan, and the viewer
 * (named in the family's access log when staff read health data). A handler folds its own reads
 * into the same BatchGet with `extraKeys`, so a write route reads once before its transaction.
 */
export async function getMemberContext(familyId: string, memberId: string, viewerId: string, extraKeys: readonly Keys[] = []): Promise<MemberContext> {
  const items = await batchGetAll<Record<string, unknown> & Keys>([
    keys.person(memberId),
    keys.familySigning(familyId, memberId),
    keys.healthFile(memberId),
    keys.followUpPlan(memberId),
    keys.person(viewerId),
    keys.signingState(memberId),
    ...extraKeys,
  ]);
  const find = <T>(k: Keys) => itemAt<T>(items, k);
  return {
    member: find<PersonItem>(keys.person(memberId)),
    signing: find<SigningItem>(keys.familySigning(familyId, memberId)),
    file: find<HealthFileItem>(keys.healthFile(memberId)),
    plan: find<PlanItem>(keys.followUpPlan(memberId)),
    viewer: find<PersonItem>(keys.person(viewerId)),
    contract: find<SigningStateItem>(keys.signingState(memberId)),
    extra: extraKeys.flatMap((k) => find<Record<string, unknown> & Keys>(k) ?? []),
  };
}

/**
 * Whether a staff member is on the team of the member's active contract: the second half of
 * `isStaffOnMemberContractTeam` (functions/lib/db/signing.ts), whose first half (the member's
 * signing state) came with the member's context in the same BatchGet. One GetItem, key only.
 */
export async function isOnContractTeam(contract: MemberContext['contract'], staffId: string): Promise<boolean> {
  if (contract?.state !== 'signed' || !contract.teamId) return false;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.teamMember(contract.teamId, staffId), ProjectionExpression: 'pk' }));
  return Boolean(out.Item);
}

/** The newest follow-ups of a member, one Query. */
export async function recentFollowUps(memberId: string, limit: number): Promise<FollowUpItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :fu)',
      ExpressionAttributeValues: { ':pk': keys.healthPk(memberId), ':fu': keys.followUpPrefix },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []) as FollowUpItem[];
}

/** A member's prescriptions with their refill requests, one Query (RX#… holds both). */
export async function prescriptionsOf(memberId: string): Promise<{ prescriptions: PrescriptionItem[]; refills: RefillItem[] }> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out: QueryCommandOutput = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rx)',
        ExpressionAttributeValues: { ':pk': keys.healthPk(memberId), ':rx': 'RX#' },
        ScanIndexForward: false,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return {
    prescriptions: items.filter((i): i is PrescriptionItem & Record<string, unknown> => i.entity === 'prescription'),
    refills: items.filter((i): i is RefillItem & Record<string, unknown> => i.entity === 'refill'),
  };
}

export interface QueueItems {
  plans: PlanItem[];
  discharges: DischargeNoteItem[];
  consultItems: ConsultFollowUpItem[];
}

/**
 * The doctor's queue in ONE Query of GSI1 STAFF#<doctorId>. The sort-key range runs from the
 * discharge notes (DISCHARGE#…) through the consultation follow-up items (FOLLOWUP-ITEM#…) to the
 * plans due by today + the widest due window (FOLLOWUP-PLAN#<date>#…); plans not due yet lie past
 * the range and are never read. The family assignments (FAMILY#…) that sort inside the range, and
 * items already done, are dropped by the filter. Paged only if a page passes DynamoDB's 1 MB cap.
 */
export async function queueItems(doctorId: string, today: string): Promise<QueueItems> {
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out: QueryCommandOutput = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        FilterExpression: 'entity <> :familyContact AND attribute_not_exists(followedUpAt) AND (attribute_not_exists(#status) OR #status = :open)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pk': keys.staffPk(doctorId),
          ':from': keys.dischargeQueuePrefix,
          ':to': keys.planQueueSk(addDays(today, MAX_DUE_WINDOW_DAYS), '~'),
          ':familyContact': 'familyContact',
          ':open': 'open',
        },
        ExclusiveStartKey: start,
      }),
    );
    found.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  const result: QueueItems = { plans: [], discharges: [], consultItems: [] };
  for (const item of found) {
    const sk = String(item.gsi1sk);
    if (sk.startsWith(keys.planQueuePrefix) && item.entity === 'followUpPlan') result.plans.push(item as unknown as PlanItem);
    else if (sk.startsWith(keys.dischargeQueuePrefix)) {
      const parsed = DischargeNoteItem.safeParse(item);
      if (parsed.success) result.discharges.push(parsed.data);
    } else if (sk.startsWith(keys.followUpItemQueuePrefix)) {
      const parsed = ConsultFollowUpItem.safeParse(item);
      if (parsed.success) result.consultItems.push(parsed.data);
    }
  }
  return result;
}

/** One queue entry of another feature by its GSI1 sort key (what a visit says it handles). */
export async function queueItemByRef(doctorId: string, ref: string): Promise<(Record<string, unknown> & Keys) | undefined> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
      ExpressionAttributeValues: { ':pk': keys.staffPk(doctorId), ':sk': ref },
    }),
  );
  return out.Items?.[0] as (Record<string, unknown> & Keys) | undefined;
}

/** Open refill requests of a doctor's members, one Query. */
export async function openRefillsOf(doctorId: string): Promise<RefillItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.staffPk(doctorId), ':prefix': keys.refillQueuePrefix },
    }),
  );
  return (out.Items ?? []) as RefillItem[];
}

/** A plan write conditioned on the version read (or on there being none yet). */
export function planPut(plan: PlanItem, readVersion: number | undefined): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: plan,
      ...(readVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': readVersion } }),
    },
  };
}

/** A Put for a transaction; new items by default, `null` to replace (guarded by another part). */
export const put = (item: object, condition: string | null = 'attribute_not_exists(pk)'): TransactItem => ({
  Put: { TableName: tableName(), Item: item as Record<string, unknown>, ...(condition ? { ConditionExpression: condition } : {}) },
});

/** The one reminder of a member's plan: a deterministic id, so each member has exactly one. */
export const followUpReminderKey = (memberId: string) => `followup.due#${memberId}`;

/**
 * The member's `followup.due` reminder for the plan's next due date, as one element of the
 * transaction that writes the plan, or nothing when the reminder moment did not change (an edit of
 * the file that keeps the cadence must not re-send a reminder already sent).
 *
 * The item's id is the same for every due date of the member, so the new reminder REPLACES the
 * previous one with an unconditioned Put: exactly one reminder per member exists, pending until
 * its moment. `outboxCancel` + `outboxPut` cannot express this: one transaction may not touch the
 * same item twice, and a cancel conditioned on "still pending" would fail the whole transaction
 * once the previous reminder has been sent. A sender holding a claim on the replaced item loses
 * its outcome write (conditioned on the attempt count), which leaves the new reminder pending.
 * A replacement is a MODIFY, not an INSERT, so in AWS the minute sweep of the due index sends it
 * (scheduled reminders go that way anyway), not the stream.
 */
export function followUpReminderPut(prev: PlanItem | undefined, plan: PlanItem, from: string, now: Date): TransactItem[] {
  const next = followUpReminderAt(plan);
  if (prev && followUpReminderAt(prev).at === next.at) return [];
  const at = new Date(next.at);
  const item = outboxItem(
    {
      recipientId: plan.memberId,
      template: 'followup.due',
      data: { doctor: from, item: '慢病随访：量血压、填随访表', time: formatChineseDate(next.dueOn, beijingDate(now)) },
      page: 'packages/health/followup/index',
      dedupeKey: followUpReminderKey(plan.memberId),
      notBefore: at.getTime() > now.getTime() ? at : now,
    },
    now,
  );
  return [{ Put: { TableName: tableName(), Item: item as unknown as Record<string, unknown> } }];
}
