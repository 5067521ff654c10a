import { randomBytes } from 'node:crypto';
import {
  type FollowUpRecord,
  actedByLabel,
  type Plan,
  type Prescription,
  type Principal,
  type RefillRecord,
  beijingDate,
  cadenceReasonLabels,
  type Mobility,
  planCadence,
  doubleSigningTiers,
  dueState,
  healthAccess,
  healthAccessMessages,
  refillBlock,
  type ServiceKind,
  toBeijingIso,
  urgentFlags,
} from '../../domain';
import { writeAuditEvent } from '../lib/db/audit';
import { contractServiceIncrement } from '../lib/db/signing';
import { type FollowUpItem, getMemberContext, isOnContractTeam, type MemberContext, type PlanItem, planQueueKeys, planRegionKeys, type PrescriptionItem, type RefillItem } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import type { TransactItem } from '../lib/db/transact';
import { forbidden, notFound } from '../lib/http/errors';
import type { RouteId } from '../routes';

/** Ids are `<prefix>_<random>`: unguessable, and the prefix says what they name. */
export const newId = (prefix: 'rx' | 'rf') => `${prefix}_${randomBytes(12).toString('hex')}`;

/** A follow-up's id carries its instant, so its time-sorted key can be rebuilt from the id alone. */
export const newFollowUpId = (now: Date) => `fu_${String(now.getTime()).padStart(15, '0')}${randomBytes(8).toString('hex')}`;
export function followUpKeyOf(memberId: string, followUpId: string) {
  return keys.followUp(memberId, new Date(Number(followUpId.slice(3, 18))), followUpId);
}

/**
 * Loads the member's context (one BatchGet, with the caller's `extraKeys`) and applies THE health-access rule
 * (domain/policy/health-access.ts). A member not in the path's family is "not found" to a doctor
 * and a family alike, so ids cannot be probed.
 */
export async function memberWithAccess(
  principal: Principal,
  path: { familyId: string; memberId: string },
  extraKeys: ReadonlyArray<{ pk: string; sk: string }> = [],
): Promise<MemberContext & { member: NonNullable<MemberContext['member']>; audited: boolean }> {
  if (principal.role === 'member' && principal.familyId !== path.familyId) throw forbidden(healthAccessMessages.not_family);
  const ctx = await getMemberContext(path.familyId, path.memberId, principal.personId, extraKeys);
  const member = ctx.member;
  if (!member || member.role !== 'member' || member.familyId !== path.familyId) throw notFound('这户家庭没有这位成员');
  // The team is asked only of a doctor who is not the signed one: the signed doctor pays no read.
  const onContractTeam = principal.role === 'doctor' && ctx.signing?.doctorId !== principal.personId ? await isOnContractTeam(ctx.contract, principal.personId) : undefined;
  const access = healthAccess(principal, {
    familyId: member.familyId,
    signing: ctx.signing ? { doctorId: ctx.signing.doctorId, teamName: ctx.signing.teamName } : undefined,
    onContractTeam,
    healthDataShared: member.consent?.healthData === true,
  });
  if (!access.allowed) throw forbidden(healthAccessMessages[access.reason]);
  return { ...ctx, member, audited: access.audited };
}

/** A staff read of another person's health data: written to the family's access log first. */
export async function auditHealthRead(ctx: MemberContext & { member: NonNullable<MemberContext['member']>; audited: boolean }, principal: Principal, routeId: RouteId, now: Date): Promise<void> {
  if (!ctx.audited) return;
  if (!ctx.viewer) throw notFound('没有找到您的工作人员信息，请联系管理员');
  await writeAuditEvent(
    {
      familyId: ctx.member.familyId!,
      at: toBeijingIso(now),
      viewerId: principal.personId,
      viewerName: ctx.viewer.name,
      viewerRole: principal.role,
      organisation: ctx.viewer.organisation ?? '',
      subjectId: ctx.member.personId,
      subjectName: ctx.member.name,
      field: 'health',
      routeId,
    },
    now,
  );
}

export function planView(plan: PlanItem, now: Date): Plan {
  const { state, dueOn } = dueState(plan, beijingDate(now));
  return {
    cadence: plan.cadence,
    reason: cadenceReasonLabels[plan.reason],
    tiers: plan.poverty ? doubleSigningTiers.map((t) => ({ label: t.label, cadence: t.cadence })) : undefined,
    startedOn: plan.startedOn,
    lastCompletedOn: plan.lastCompletedOn,
    dueOn,
    state,
    note: plan.note,
  };
}

export function followUpView(item: FollowUpItem): FollowUpRecord {
  const { pk: _pk, sk: _sk, entity: _e, familyId: _f, memberId: _m, ...record } = item;
  return record;
}

/**
 * Refills requested before pick-up places came from the county's institutions name one of the demo
 * county's three pharmacies by a fixed code and carry no name: they read back under the names those
 * institutions had. Kept for reading old items only; new requests store the institution's id and name.
 */
const legacyPharmacyNames: Readonly<Record<string, string>> = {
  cg_health_centre: '城关镇卫生院',
  ll_health_centre: '柳林乡卫生院',
  county_hospital: '清河县人民医院',
};

export function refillView(item: RefillItem): RefillRecord {
  return {
    refillId: item.refillId,
    prescriptionId: item.prescriptionId,
    status: item.status,
    fulfilment: item.fulfilment,
    pharmacy: item.pharmacy,
    pharmacyName: item.pharmacyName ?? (item.pharmacy ? legacyPharmacyNames[item.pharmacy] : undefined),
    submittedAt: item.submittedAt,
    decidedAt: item.decidedAt,
    declineReason: item.declineReason,
    readyAt: item.readyAt,
    history: item.history,
    actedLabel: item.actedBy ? actedByLabel(item.actedBy) : undefined,
  };
}

export function prescriptionView(rx: PrescriptionItem, refills: RefillItem[], now: Date): Prescription {
  const block = refillBlock(rx, beijingDate(now));
  return {
    prescriptionId: rx.prescriptionId,
    memberId: rx.memberId,
    familyId: rx.familyId,
    items: rx.items,
    supplyDays: rx.supplyDays,
    refillsAllowed: rx.refillsAllowed,
    refillsRemaining: rx.refillsRemaining,
    validUntil: rx.validUntil,
    issuedOn: rx.issuedOn,
    supplyEndsOn: rx.supplyEndsOn,
    instructions: rx.instructions,
    doctorName: rx.doctorName,
    refill: block ? { canRequest: false, reason: block.reason, opensOn: block.opensOn } : { canRequest: true },
    requests: refills
      .filter((r) => r.prescriptionId === rx.prescriptionId)
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
      .map(refillView),
  };
}

/**
 * A member's context once the member is known: what memberWithAccess answers, and what the write
 * cores (put-health-file, submit, reply, create-prescription) are given, so the route and the demo
 * seed share one composition.
 */
export type MemberCtx = MemberContext & { member: NonNullable<MemberContext['member']> };

/**
 * Whose queue the member's plan sits in: the signed doctor's, whoever on the team acts (a nurse's
 * visit must not move the member out of the responsible doctor's queue).
 */
export function queueDoctorOf(ctx: MemberCtx, principal: Principal): string {
  return ctx.signing?.doctorId ?? principal.personId;
}

/** Who the member's reminders come from. */
export const reminderFrom = (ctx: MemberCtx) => ctx.signing?.teamName || '家庭医生';

/**
 * The contract's service counters (履约, what the signed contract promises) for what this transaction completes, or nothing
 * when the member has no active contract (a foundation-only signing). The counter's own condition
 * (contract still active) fails the transaction if the contract ended since the read.
 */
export function contractServices(ctx: MemberCtx, kinds: readonly ServiceKind[]): TransactItem[] {
  const c = ctx.contract;
  return c?.state === 'signed' && c.contractId ? [contractServiceIncrement(ctx.member.personId, c.contractId, kinds)] : [];
}

/** Requires a doctor (actions only the signed doctor's team takes; memberWithAccess checks the team). */
export function requireDoctor(principal: Principal): void {
  if (principal.role !== 'doctor') throw forbidden('只有签约医生团队可以这样做');
}

/**
 * The plan after a change: what the previous plan said (or, for a first plan, the cadence rule for
 * the member's mobility and the poverty programme), then the change, a new version and the queue
 * position that follows from it. Callers write it with `planPut(plan, prev?.version)`.
 */
export function nextPlan(
  prev: PlanItem | undefined,
  init: { familyId: string; memberId: string; memberName: string; doctorId: string; mobility: Mobility; poverty: boolean; today: string; region: { countyId: string; townshipId: string } | undefined },
  change: Partial<Pick<PlanItem, 'cadence' | 'reason' | 'poverty' | 'doctorId' | 'lastCompletedOn' | 'pending'>>,
): PlanItem {
  const rule = planCadence({ mobility: init.mobility, poverty: init.poverty });
  const base = {
    ...keys.followUpPlan(init.memberId),
    entity: 'followUpPlan' as const,
    familyId: init.familyId,
    memberId: init.memberId,
    memberName: init.memberName,
    doctorId: prev?.doctorId ?? init.doctorId,
    cadence: prev?.cadence ?? rule.cadence,
    reason: prev?.reason ?? rule.reason,
    poverty: prev?.poverty ?? init.poverty,
    startedOn: prev?.startedOn ?? init.today,
    lastCompletedOn: prev?.lastCompletedOn,
    note: prev?.note,
    pending: prev?.pending,
    ...change,
    version: (prev?.version ?? 0) + 1,
    mobility: init.mobility,
    ...planRegionKeys(init.region, init.memberId),
  };
  return { ...base, ...planQueueKeys(base) };
}

/** A new follow-up record of a member at `now`, its key sorted by time, urgency from its readings. */
export function newFollowUp(
  path: { familyId: string; memberId: string },
  now: Date,
  record: Omit<FollowUpRecord, 'followUpId' | 'at' | 'urgent'>,
): FollowUpItem {
  const followUpId = newFollowUpId(now);
  return {
    ...keys.followUp(path.memberId, now, followUpId),
    entity: 'followUp',
    familyId: path.familyId,
    memberId: path.memberId,
    followUpId,
    at: toBeijingIso(now),
    urgent: urgentFlags(record.readings),
    ...record,
  };
}
