import { randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, beijingDate, beijingDayEnd, beijingTime, BOOKING_RULES, periodLabels, type ScheduleChangeResponse, type ScheduleConflict, type WeeklySlot, weekdayOf } from '../../../../domain';
import { outboxPut } from '../../notify/outbox';
import { db, tableName } from '../client';
import { keys } from '../keys';
import { part, parts, transact, TransactionRefused } from '../transact';
import type { BookingPart } from './parts';
import { buildSessions, getSession, listSessionsOfDay, sessionTime, type InstitutionItem, type ScheduleItem, type ScheduleOverrideItem, type SessionItem } from './sessions';
import { listWaitlist } from './waitlist';

/** A doctor of a designated institution (the weekly slots name them). */
export interface DoctorItem {
  pk: string;
  sk: string;
  entity: 'doctor';
  institutionId: string;
  doctorId: string;
  /** Name and title, as printed on a session: "刘建军 主任医师". */
  name: string;
  departmentId: string;
}

/**
 * A new roster entry; the id is random, as no number identifies an outpatient doctor across
 * institutions (the demo seed passes its fixed ids).
 */
export function newDoctorItem(institutionId: string, name: string, departmentId: string, doctorId = `dr_${randomBytes(8).toString('hex')}`): DoctorItem {
  return { ...keys.doctor(institutionId, doctorId), entity: 'doctor', institutionId, doctorId, name, departmentId };
}

/** A future session with bookings that the schedule now changes or removes: kept as it was, listed for staff. */
export interface ScheduleConflictItem extends ScheduleConflict {
  pk: string;
  sk: string;
  entity: 'scheduleConflict';
  institutionId: string;
  /** TTL: gone the day after the session. */
  expiresAt: number;
}

const T = () => tableName();

export interface InstitutionSchedule {
  institution?: InstitutionItem;
  doctors: DoctorItem[];
  schedules: ScheduleItem[];
  overrides: ScheduleOverrideItem[];
  conflicts: ScheduleConflictItem[];
}

/** Everything the schedule page shows, in one (consistent) Query of the institution's partition. */
export async function getInstitutionSchedule(institutionId: string): Promise<InstitutionSchedule> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({ TableName: T(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.institution(institutionId).pk }, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  const of = <E>(entity: string) => items.filter((i) => i.entity === entity) as E[];
  return {
    institution: of<InstitutionItem>('institution')[0],
    doctors: of<DoctorItem>('doctor'),
    schedules: of<ScheduleItem>('schedule'),
    overrides: of<ScheduleOverrideItem>('scheduleOverride'),
    conflicts: of<ScheduleConflictItem>('scheduleConflict'),
  };
}

export function scheduleItem(institutionId: string, doctor: DoctorItem, slot: WeeklySlot): ScheduleItem {
  return {
    ...keys.schedule(institutionId, doctor.departmentId, slot.weekday, slot.period),
    entity: 'schedule',
    institutionId,
    departmentId: doctor.departmentId,
    doctorId: doctor.doctorId,
    doctorName: doctor.name,
    ...slot,
  };
}

/**
 * Replaces one doctor's weekly slots in ONE transaction: each new slot is written only if the
 * half-day is free or already this doctor's, each dropped slot deleted only if still this
 * doctor's, so two staff editing at once cannot hand one half-day to two doctors.
 */
export function doctorScheduleParts(institutionId: string, doctor: DoctorItem, old: ScheduleItem[], slots: WeeklySlot[]): BookingPart[] {
  const next = slots.map((s) => scheduleItem(institutionId, doctor, s));
  const kept = new Set(next.map((n) => n.sk));
  const mine = { ':me': doctor.doctorId };
  return parts('slot', [
    ...next.map((Item) => ({ Put: { TableName: T(), Item, ConditionExpression: 'attribute_not_exists(pk) OR doctorId = :me', ExpressionAttributeValues: mine } })),
    ...old
      .filter((o) => !kept.has(o.sk))
      .map((o) => ({ Delete: { TableName: T(), Key: { pk: o.pk, sk: o.sk }, ConditionExpression: 'doctorId = :me', ExpressionAttributeValues: mine } })),
  ]);
}

export async function putOverride(item: ScheduleOverrideItem): Promise<void> {
  await db().send(new PutCommand({ TableName: T(), Item: item }));
}

/** Removes an override; false if there was none. */
export async function deleteOverride(institutionId: string, date: string, target: string): Promise<boolean> {
  const out = await db().send(new DeleteCommand({ TableName: T(), Key: keys.scheduleOverride(institutionId, date, target), ReturnValues: 'ALL_OLD' }));
  return Boolean(out.Attributes);
}

/** A session nobody has touched: every priority place is still there (no booking, no open offer). */
const untouched = (s: SessionItem) => s.priorityLeft === s.priorityQuota;

const SAME_FIELDS = ['doctorName', 'startsAt', 'endsAt', 'releaseAtMs', 'capacity', 'priorityQuota', 'place', 'meetBy', 'departmentName', 'institutionName'] as const;
const same = (a: SessionItem, b: SessionItem) => SAME_FIELDS.every((f) => a[f] === b[f]);

function conflictOf(kept: SessionItem, wanted: SessionItem | undefined): ScheduleConflict {
  const change = !wanted
    ? '新排班这个时段不出诊'
    : wanted.doctorName !== kept.doctorName
      ? `新排班改为${wanted.doctorName}出诊`
      : wanted.startsAt !== kept.startsAt || wanted.endsAt !== kept.endsAt
        ? `新排班改为 ${beijingTime(wanted.startsAt)}–${beijingTime(wanted.endsAt)}`
        : `新排班改为优先号 ${wanted.priorityQuota} 个、总号 ${wanted.capacity} 个`;
  return {
    sessionId: kept.sessionId,
    date: kept.date,
    departmentName: kept.departmentName,
    period: kept.period,
    doctorName: kept.doctorName,
    booked: kept.priorityQuota - kept.priorityLeft,
    change: `${periodLabels[kept.period]}已有预约，保留原时段；${change}`,
  };
}

/** Conditional writes: a failed condition means someone booked meanwhile, so the session is kept. */
async function conditional(cmd: PutCommand | DeleteCommand): Promise<boolean> {
  try {
    // The two command types have no common send() overload.
    await (cmd instanceof PutCommand ? db().send(cmd) : db().send(cmd));
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

/** The dates of the booking window (today and the next days) that fall on one of the weekdays. */
export function windowDates(now: Date, weekdays?: Set<number>): string[] {
  const today = beijingDate(now);
  const dates = Array.from({ length: BOOKING_RULES.windowDays }, (_, i) => addDays(today, i));
  return weekdays ? dates.filter((d) => weekdays.has(weekdayOf(d))) : dates;
}

/**
 * Brings the generated sessions of the given dates in line with the schedule, for sessions that
 * have not started: creates missing ones, rewrites or removes those nobody has booked, and never
 * removes or changes one with bookings: it is kept and recorded as a conflict (in the
 * institution's partition, shown on the schedule page until the schedule agrees with it again
 * or the day has passed). Each write is conditional on the session still being untouched.
 */
export async function regenerateSessions(institutionId: string, dates: string[], now: Date): Promise<ScheduleChangeResponse> {
  const { institution, schedules, overrides, conflicts: recorded } = await getInstitutionSchedule(institutionId);
  const result: ScheduleChangeResponse = { created: 0, updated: 0, removed: 0, conflicts: [] };
  if (!institution) return result;
  const t = now.getTime();
  for (const date of dates) {
    const wanted = new Map(buildSessions(institution, schedules, overrides, date, 1).filter((s) => s.startsAtMs > t).map((s) => [s.sk, s]));
    const existing = new Map((await listSessionsOfDay(institutionId, date)).filter((s) => s.startsAtMs > t).map((s) => [s.sk, s]));
    const conflictsOfDay = new Map<string, ScheduleConflict>();
    for (const [sk, want] of wanted) {
      const have = existing.get(sk);
      if (!have) {
        if (await conditional(new PutCommand({ TableName: T(), Item: want, ConditionExpression: 'attribute_not_exists(pk)' }))) result.created++;
        continue;
      }
      if (same(have, want)) continue;
      const replaced =
        untouched(have) &&
        (await conditional(
          new PutCommand({ TableName: T(), Item: want, ConditionExpression: 'priorityLeft = priorityQuota AND priorityQuota = :q', ExpressionAttributeValues: { ':q': have.priorityQuota } }),
        ));
      if (replaced) result.updated++;
      else conflictsOfDay.set(have.sessionId, conflictOf(have, want));
    }
    for (const [sk, have] of existing) {
      if (wanted.has(sk)) continue;
      const removed = untouched(have) && (await removeSession(have, now));
      if (removed) result.removed++;
      else conflictsOfDay.set(have.sessionId, conflictOf(have, undefined));
    }
    await recordConflicts(institutionId, date, conflictsOfDay, recorded);
    result.conflicts.push(...conflictsOfDay.values());
  }
  return result;
}

/** Each waiting member's entry closed and a notice, per transaction (TransactWriteItems holds 100). */
const MAX_WAITING_CLOSED = 49;

/**
 * Removes a session nobody holds a place in. People may still be waiting for it (a session with
 * no priority places has only a waiting list): a hospital closing a half-day expects them to be
 * told, not to keep waiting for a session that no longer exists, and not to be blocked by a
 * waiting list. So the removal, the closing of every waiting entry and a notice to each member
 * are one transaction. The removal is conditioned on the session as read: still untouched and
 * with the same count of joins (join-waitlist adds to `waitJoins`), so a member joining between
 * the read of the list and the removal makes it read again rather than be left on a list of
 * nothing. False: it was booked meanwhile (or too many wait to close at once), so it is kept.
 */
async function removeSession(read: SessionItem, now: Date): Promise<boolean> {
  let session: SessionItem | undefined = read;
  for (let attempt = 0; attempt < 5 && session; attempt++) {
    if (!untouched(session)) return false;
    const waiting = await listWaitlist(session.institutionId, session.sessionId);
    if (waiting.length > MAX_WAITING_CLOSED) return false;
    const joins = session.waitJoins;
    const s = session;
    try {
      await transact([
        part('session', {
          Delete: {
            TableName: T(),
            Key: { pk: s.pk, sk: s.sk },
            ConditionExpression: `priorityLeft = priorityQuota AND priorityQuota = :q AND ${joins === undefined ? 'attribute_not_exists(waitJoins)' : 'waitJoins = :w'}`,
            ExpressionAttributeValues: { ':q': s.priorityQuota, ...(joins === undefined ? {} : { ':w': joins }) },
          },
        }),
        ...waiting.flatMap((w) => [
          part('entry', { Delete: { TableName: T(), Key: { pk: w.pk, sk: w.sk }, ConditionExpression: 'attribute_exists(pk)' } }),
          part(
            'outbox',
            outboxPut(
              {
                recipientId: w.memberId,
                template: 'booking.changed',
                data: { place: `${s.institutionName}${s.departmentName}`, time: sessionTime(s), note: '该时段停诊，候补已取消，请另选时段' },
                page: 'packages/booking/mine/index',
                dedupeKey: `waitlist-closed-${s.institutionId}-${s.sessionId}-${w.memberId}`,
              },
              now,
            ),
          ),
        ]),
      ]);
      return true;
    } catch (err) {
      if (!(err instanceof TransactionRefused)) throw err;
      // Someone joined, left or booked meanwhile: look again.
      session = await getSession(s.institutionId, s.sessionId);
    }
  }
  return !session;
}

/** Writes this date's conflicts and drops the ones recorded earlier that no longer hold. */
async function recordConflicts(institutionId: string, date: string, now: Map<string, ScheduleConflict>, recorded: ScheduleConflictItem[]): Promise<void> {
  for (const c of now.values()) {
    const item: ScheduleConflictItem = {
      ...keys.scheduleConflict(institutionId, c.sessionId),
      entity: 'scheduleConflict',
      institutionId,
      ...c,
      expiresAt: Math.floor(beijingDayEnd(c.date).getTime() / 1000),
    };
    await db().send(new PutCommand({ TableName: T(), Item: item }));
  }
  for (const old of recorded.filter((r) => r.date === date && !now.has(r.sessionId))) {
    await db().send(new DeleteCommand({ TableName: T(), Key: keys.scheduleConflict(institutionId, old.sessionId) }));
  }
}
