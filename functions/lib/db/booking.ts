import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import {
  addDays,
  BOOKING_RULES,
  beijingInstant,
  beijingTime,
  beijingWhen,
  bookingStatusLabels,
  parseSessionId,
  periodLabels,
  priorityInWords,
  sessionIdOf,
  toBeijingIso,
  weekdayOf,
  whatToBring,
  admissionStatusLabels,
  type AdmissionStatus,
  type AdmissionView,
  type BookingStatus,
  type BookingView,
  type GreenChannelPatient,
  type Institution,
  type InstitutionKind,
  type Period,
  type PriorityGiven,
  type SessionView,
} from '../../../domain';
import { outboxCancel, outboxPut } from '../notify/outbox';
import { batchGetAll } from './batch';
import { db, tableName } from './client';
import { keys } from './keys';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A designated institution and its departments (one item: the departments are few). */
export interface InstitutionItem extends Institution {
  pk: string;
  sk: 'PROFILE';
  entity: 'institution';
  countyId: string;
  /** Who meets priority patients, printed on the confirmation. */
  meetBy: string;
  gsi1pk: string;
  gsi1sk: string;
}

/** Recurring weekly availability of one department in one half-day. */
export interface ScheduleItem {
  pk: string;
  sk: string;
  entity: 'schedule';
  institutionId: string;
  departmentId: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  period: Period;
  startTime: string;
  endTime: string;
  doctorId: string;
  doctorName: string;
  /** All places of the session; the priority quota is part of it. */
  capacity: number;
  priorityQuota: number;
  releaseHoursBefore: number;
}

/** A one-off change: the department (or `ALL`) is closed that day, or another doctor sits. */
export interface ScheduleOverrideItem {
  pk: string;
  sk: string;
  entity: 'scheduleOverride';
  institutionId: string;
  date: string;
  departmentId: string;
  closed: boolean;
  /** Set when the override is about one doctor (away): it applies to that doctor's sessions only. */
  doctorId?: string;
  /** The substitute who sits instead (not closed). */
  doctorName?: string;
  reason: string;
}

export interface SessionItem {
  pk: string;
  sk: string;
  entity: 'session';
  institutionId: string;
  institutionName: string;
  sessionId: string;
  date: string;
  departmentId: string;
  departmentName: string;
  period: Period;
  startsAt: string;
  endsAt: string;
  startsAtMs: number;
  releaseAt: string;
  releaseAtMs: number;
  doctorName: string;
  capacity: number;
  priorityQuota: number;
  priorityLeft: number;
  place: string;
  meetBy: string;
  /** How many times a member joined the waiting list (never decreases): a removal that closes the list is conditioned on it. */
  waitJoins?: number;
}

export type BookingSource = 'member' | 'referral' | 'waitlist';

export interface BookingItem {
  pk: string;
  sk: 'BOOKING';
  entity: 'booking';
  bookingId: string;
  status: BookingStatus;
  familyId: string;
  memberId: string;
  memberName: string;
  bookedBy: string;
  source: BookingSource;
  institutionId: string;
  institutionName: string;
  departmentId: string;
  departmentName: string;
  sessionId: string;
  date: string;
  period: Period;
  startsAt: string;
  startsAtMs: number;
  doctorName: string;
  place: string;
  meetBy: string;
  needsEscort: boolean;
  needsWheelchair: boolean;
  bookedAt: string;
  cancelledAt?: string;
  checkedInAt?: string;
  checkedInBy?: string;
  prioritiesGiven?: PriorityGiven[];
  feeReductionYuan?: number;
  referredBy?: string;
  referredByName?: string;
  referralReason?: string;
  gsi1pk: string;
  gsi1sk: string;
  /** Present while the booking is on the hospital's day list (not after a cancellation). */
  gsi2pk?: string;
  gsi2sk?: string;
}

export interface WaitlistItem {
  pk: string;
  sk: string;
  entity: 'waitlist';
  institutionId: string;
  sessionId: string;
  familyId: string;
  memberId: string;
  memberName: string;
  status: 'waiting' | 'offered';
  joinedAtMs: number;
  offerExpiresAtMs?: number;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk?: string;
  gsi2sk?: string;
}

export interface IdempotencyItem {
  pk: string;
  sk: string;
  entity: 'idempotency';
  bookingId: string;
  request: string;
  expiresAt: number;
}

export const newBookingId = () => `bk_${randomBytes(10).toString('hex')}`;

const T = () => tableName();

// ---------------------------------------------------------------- institutions and sessions

export async function listInstitutions(countyId: string): Promise<InstitutionItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: T(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.institutionsPk(countyId) } }),
  );
  return (out.Items ?? []) as InstitutionItem[];
}

/** Every session of one institution on one day, optionally one department: one Query. */
export async function listSessionsOfDay(institutionId: string, date: string, departmentId?: string): Promise<SessionItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: T(),
      KeyConditionExpression: departmentId ? 'pk = :pk AND begins_with(sk, :dept)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.sessionDayPk(institutionId, date), ...(departmentId ? { ':dept': `${departmentId}#` } : {}) },
    }),
  );
  return (out.Items ?? []) as SessionItem[];
}

export function sessionKey(institutionId: string, sessionId: string) {
  const { date, departmentId, period } = parseSessionId(sessionId);
  return keys.session(institutionId, date, departmentId, period);
}

export function sessionView(s: SessionItem, now: Date): SessionView {
  const t = now.getTime();
  const open = s.startsAtMs > t && s.releaseAtMs > t;
  return {
    institutionId: s.institutionId,
    sessionId: s.sessionId,
    date: s.date,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    period: s.period,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    doctorName: s.doctorName,
    priorityQuota: s.priorityQuota,
    priorityLeft: s.priorityLeft,
    releaseAt: s.releaseAt,
    bookable: open && s.priorityLeft > 0,
    waitlistOpen: open && s.priorityLeft <= 0,
    inWords: priorityInWords(s, now),
  };
}

/**
 * Sessions of the next `days` days from the schedules, with overrides applied. Pure: the seed and
 * the daily job (functions/booking/generate-sessions.ts) write them with `attribute_not_exists`, so
 * running it again never resets a quota that bookings have already used.
 */
export function buildSessions(
  institution: Pick<InstitutionItem, 'institutionId' | 'name' | 'departments' | 'greenChannelPlace' | 'meetBy'>,
  schedules: ScheduleItem[],
  overrides: ScheduleOverrideItem[],
  fromDate: string,
  days: number,
): SessionItem[] {
  const out: SessionItem[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(fromDate, i);
    const weekday = weekdayOf(date);
    for (const s of schedules.filter((x) => x.weekday === weekday)) {
      const override = overrides.find((o) => o.date === date && (o.departmentId === 'ALL' || (o.doctorId ? o.doctorId === s.doctorId : o.departmentId === s.departmentId)));
      if (override?.closed) continue;
      const dept = institution.departments.find((d) => d.departmentId === s.departmentId);
      if (!dept) continue;
      const starts = beijingInstant(date, s.startTime);
      const release = new Date(starts.getTime() - s.releaseHoursBefore * 3_600_000);
      out.push({
        ...keys.session(institution.institutionId, date, s.departmentId, s.period),
        entity: 'session',
        institutionId: institution.institutionId,
        institutionName: institution.name,
        sessionId: sessionIdOf(date, s.departmentId, s.period),
        date,
        departmentId: s.departmentId,
        departmentName: dept.name,
        period: s.period,
        startsAt: toBeijingIso(starts),
        endsAt: toBeijingIso(beijingInstant(date, s.endTime)),
        startsAtMs: starts.getTime(),
        releaseAt: toBeijingIso(release),
        releaseAtMs: release.getTime(),
        doctorName: override?.doctorName ?? s.doctorName,
        capacity: s.capacity,
        priorityQuota: s.priorityQuota,
        priorityLeft: s.priorityQuota,
        place: `${institution.name}${dept.name}，${institution.greenChannelPlace}`,
        meetBy: institution.meetBy,
      });
    }
  }
  return out;
}

/** Writes sessions not yet there; existing ones (with bookings) are left alone. Returns how many were new. */
export async function putSessionsIfAbsent(sessions: SessionItem[]): Promise<number> {
  let created = 0;
  for (const s of sessions) {
    try {
      await db().send(new PutCommand({ TableName: T(), Item: s, ConditionExpression: 'attribute_not_exists(pk)' }));
      created++;
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
  }
  return created;
}

export async function getInstitutionPartition(institutionId: string) {
  const out = await db().send(new QueryCommand({ TableName: T(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.institution(institutionId).pk } }));
  const items = out.Items ?? [];
  return {
    institution: items.find((i) => i.entity === 'institution') as InstitutionItem | undefined,
    schedules: items.filter((i) => i.entity === 'schedule') as ScheduleItem[],
    overrides: items.filter((i) => i.entity === 'scheduleOverride') as ScheduleOverrideItem[],
  };
}

// ---------------------------------------------------------------- bookings

export function bookingView(b: BookingItem, now: Date): BookingView {
  const cancelUntilMs = b.startsAtMs - BOOKING_RULES.cancelCutoffHours * 3_600_000;
  return {
    bookingId: b.bookingId,
    status: b.status,
    statusLabel: bookingStatusLabels[b.status],
    familyId: b.familyId,
    memberId: b.memberId,
    memberName: b.memberName,
    institutionId: b.institutionId,
    institutionName: b.institutionName,
    departmentName: b.departmentName,
    sessionId: b.sessionId,
    date: b.date,
    period: b.period,
    startsAt: b.startsAt,
    doctorName: b.doctorName,
    place: b.place,
    meetBy: b.meetBy,
    bring: [...whatToBring],
    needsEscort: b.needsEscort,
    needsWheelchair: b.needsWheelchair,
    source: b.source,
    cancelUntil: toBeijingIso(new Date(cancelUntilMs)),
    canCancel: b.status === 'booked' && now.getTime() < cancelUntilMs,
    bookedAt: b.bookedAt,
    checkedInAt: b.checkedInAt,
    prioritiesGiven: b.prioritiesGiven,
    feeReductionYuan: b.feeReductionYuan,
    referredByName: b.referredByName,
  };
}

export function patientView(b: BookingItem): GreenChannelPatient {
  return {
    bookingId: b.bookingId,
    status: b.status,
    statusLabel: bookingStatusLabels[b.status],
    memberName: b.memberName,
    familyId: b.familyId,
    departmentName: b.departmentName,
    period: b.period,
    startsAt: b.startsAt,
    needsEscort: b.needsEscort,
    needsWheelchair: b.needsWheelchair,
    source: b.source,
    checkedInAt: b.checkedInAt,
    prioritiesGiven: b.prioritiesGiven,
    feeReductionYuan: b.feeReductionYuan,
  };
}

export async function getBooking(bookingId: string): Promise<BookingItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: T(), Key: keys.booking(bookingId) }));
  return out.Item as BookingItem | undefined;
}

/** A family's bookings and waiting-list entries: one Query on GSI1. */
export async function listFamilyBookings(familyId: string): Promise<{ bookings: BookingItem[]; waitlist: WaitlistItem[] }> {
  const out = await db().send(
    new QueryCommand({ TableName: T(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.familyBookingsPk(familyId) } }),
  );
  const items = out.Items ?? [];
  return { bookings: items.filter((i) => i.entity === 'booking') as BookingItem[], waitlist: items.filter((i) => i.entity === 'waitlist') as WaitlistItem[] };
}

/** One institution's bookings on one day, optionally one department: one Query on GSI2. */
export async function listHospitalDay(institutionId: string, date: string, departmentId?: string): Promise<BookingItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: T(),
      IndexName: 'gsi2',
      KeyConditionExpression: departmentId ? 'gsi2pk = :pk AND begins_with(gsi2sk, :dept)' : 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.hospitalDayPk(institutionId, date), ...(departmentId ? { ':dept': `${departmentId}#` } : {}) },
    }),
  );
  return ((out.Items ?? []) as BookingItem[]).sort((a, b) => a.startsAtMs - b.startsAtMs || a.memberName.localeCompare(b.memberName));
}

export interface Booker {
  familyId: string;
  memberId: string;
  memberName: string;
  bookedBy: string;
}

export interface BookPlan {
  session: SessionItem;
  booker: Booker;
  bookingId: string;
  source: BookingSource;
  needsEscort: boolean;
  needsWheelchair: boolean;
  referral?: { doctorId: string; doctorName: string; reason: string };
  idempotency?: { callerId: string; key: string; request: string };
  /** Take the place from the quota (default), or from an open waiting-list offer. */
  place: 'quota' | 'offer';
  /** Reschedule: the counter already counts the booking being replaced. */
  skipCounter?: boolean;
  now: Date;
}

/** Labels of the transaction's parts, in order, to read CancellationReasons. */
export type PartLabel = 'session' | 'offer' | 'booking' | 'guard' | 'counter' | 'idempotency' | 'outbox' | 'old-booking' | 'old-guard' | 'old-session' | 'old-offer' | 'other';

export interface Labeled {
  label: PartLabel;
  item: TransactItem;
}

const reminderKeys = (bookingId: string) => [`booking-${bookingId}-remind-1d`, `booking-${bookingId}-remind-2h`];

export function bookingItem(plan: BookPlan): BookingItem {
  const s = plan.session;
  return {
    ...keys.booking(plan.bookingId),
    entity: 'booking',
    bookingId: plan.bookingId,
    status: 'booked',
    ...plan.booker,
    source: plan.source,
    institutionId: s.institutionId,
    institutionName: s.institutionName,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    sessionId: s.sessionId,
    date: s.date,
    period: s.period,
    startsAt: s.startsAt,
    startsAtMs: s.startsAtMs,
    doctorName: s.doctorName,
    place: s.place,
    meetBy: s.meetBy,
    needsEscort: plan.needsEscort,
    needsWheelchair: plan.needsWheelchair,
    bookedAt: toBeijingIso(plan.now),
    ...(plan.referral ? { referredBy: plan.referral.doctorId, referredByName: plan.referral.doctorName, referralReason: plan.referral.reason } : {}),
    gsi1pk: keys.familyBookingsPk(plan.booker.familyId),
    gsi1sk: keys.familyBookingSk(s.startsAt, plan.bookingId),
    gsi2pk: keys.hospitalDayPk(s.institutionId, s.date),
    gsi2sk: keys.hospitalDaySk(s.departmentId, s.period, plan.bookingId),
  };
}

export const sessionTime = (s: { date: string; period: Period; startsAt: string }) => `${beijingWhen(s.startsAt)}${periodLabels[s.period]}`;

/**
 * The parts of ONE TransactWriteItems that book a priority place: the quota (or an open offer),
 * the booking, the member's per-session guard, the member's future-bookings counter (at most 3),
 * the idempotency record, the confirmation and the two reminders in the outbox.
 */
export function bookParts(plan: BookPlan): Labeled[] {
  const s = plan.session;
  const t = plan.now.getTime();
  const parts: Labeled[] = [];
  if (plan.place === 'quota') {
    parts.push({
      label: 'session',
      item: {
        Update: {
          TableName: T(),
          Key: { pk: s.pk, sk: s.sk },
          UpdateExpression: 'SET priorityLeft = priorityLeft - :one',
          ConditionExpression: 'priorityLeft > :zero AND releaseAtMs > :now AND startsAtMs > :now',
          ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':now': t },
        },
      },
    });
  } else {
    parts.push({
      label: 'offer',
      item: {
        Delete: {
          TableName: T(),
          Key: keys.waitlistEntry(s.institutionId, s.sessionId, plan.booker.memberId),
          ConditionExpression: '#status = :offered AND offerExpiresAtMs > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':offered': 'offered', ':now': t },
        },
      },
    });
  }
  const booking = bookingItem(plan);
  parts.push({ label: 'booking', item: { Put: { TableName: T(), Item: booking, ConditionExpression: 'attribute_not_exists(pk)' } } });
  parts.push({
    label: 'guard',
    item: {
      Put: {
        TableName: T(),
        Item: { ...keys.bookingGuard(plan.booker.memberId, s.institutionId, s.sessionId), entity: 'bookingGuard', bookingId: plan.bookingId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  });
  if (!plan.skipCounter) {
    parts.push({
      label: 'counter',
      item: {
        Update: {
          TableName: T(),
          Key: keys.bookingCounter(plan.booker.memberId),
          UpdateExpression: 'SET entity = :entity ADD active :one',
          ConditionExpression: 'attribute_not_exists(active) OR active < :max',
          ExpressionAttributeValues: { ':entity': 'bookingCounter', ':one': 1, ':max': BOOKING_RULES.maxFutureBookings },
        },
      },
    });
  }
  if (plan.idempotency) {
    const idem: IdempotencyItem = {
      ...keys.idempotency(keys.idempotencyPkOfCaller(plan.idempotency.callerId), plan.idempotency.callerId, plan.idempotency.key),
      entity: 'idempotency',
      bookingId: plan.bookingId,
      request: plan.idempotency.request,
      expiresAt: Math.floor(t / 1000) + 86_400,
    };
    parts.push({ label: 'idempotency', item: { Put: { TableName: T(), Item: idem, ConditionExpression: 'attribute_not_exists(pk)' } } });
  }
  const note = plan.referral ? `${plan.referral.doctorName}医生为您转诊预约` : '请带服务卡、身份证、医保卡';
  const data = { place: `${s.institutionName}${s.departmentName}`, time: sessionTime(s), note };
  const page = `packages/booking/confirmation/index?bookingId=${plan.bookingId}`;
  parts.push({
    label: 'outbox',
    item: outboxPut({ recipientId: plan.booker.memberId, template: 'booking.confirmed', data, page, dedupeKey: `booking-${plan.bookingId}-confirmed` }, plan.now),
  });
  const [dayKey, twoHourKey] = reminderKeys(plan.bookingId);
  const dayBefore = new Date(s.startsAtMs - 24 * 3_600_000);
  const twoHours = new Date(s.startsAtMs - 2 * 3_600_000);
  for (const [when, dedupeKey, template, note] of [
    [dayBefore, dayKey, 'booking.reminder', '明天就诊，请带好服务卡'],
    [twoHours, twoHourKey, 'booking.reminderSoon', '两小时后就诊，请按时到达'],
  ] as const) {
    if (when.getTime() <= t) continue;
    parts.push({ label: 'outbox', item: outboxPut({ recipientId: plan.booker.memberId, template, data: { ...data, note }, page, dedupeKey, notBefore: when }, plan.now) });
  }
  return parts;
}

/** Where a freed place goes: back to the quota, or as an offer to the first waiting member. */
export function releasePlaceParts(session: SessionItem, firstWaiting: WaitlistItem | undefined, now: Date, reason: string): Labeled[] {
  const t = now.getTime();
  if (!firstWaiting || session.releaseAtMs <= t || session.startsAtMs <= t) {
    return [
      {
        label: 'old-session',
        item: { Update: { TableName: T(), Key: { pk: session.pk, sk: session.sk }, UpdateExpression: 'SET priorityLeft = priorityLeft + :one', ExpressionAttributeValues: { ':one': 1 } } },
      },
    ];
  }
  const expiresMs = t + BOOKING_RULES.offerMinutes * 60_000;
  return [
    {
      label: 'old-offer',
      item: {
        Update: {
          TableName: T(),
          Key: { pk: firstWaiting.pk, sk: firstWaiting.sk },
          UpdateExpression: 'SET #status = :offered, offerExpiresAtMs = :exp, gsi2pk = :duePk, gsi2sk = :dueSk',
          ConditionExpression: '#status = :waiting',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':offered': 'offered',
            ':waiting': 'waiting',
            ':exp': expiresMs,
            ':duePk': keys.offersDuePk,
            ':dueSk': `${new Date(expiresMs).toISOString()}#${firstWaiting.institutionId}#${firstWaiting.sessionId}#${firstWaiting.memberId}`,
          },
        },
      },
    },
    {
      label: 'other',
      item: outboxPut(
        {
          recipientId: firstWaiting.memberId,
          template: 'booking.waitlistOffer',
          data: { place: `${session.institutionName}${session.departmentName}`, time: sessionTime(session), note: `请在${beijingTime(expiresMs)}前确认` },
          page: 'packages/booking/mine/index',
          dedupeKey: `offer-${firstWaiting.institutionId}-${firstWaiting.sessionId}-${firstWaiting.memberId}-${reason}`,
        },
        now,
      ),
    },
  ];
}

/** The parts that cancel a booking before the cut-off and free its place. */
export function cancelParts(booking: BookingItem, session: SessionItem, firstWaiting: WaitlistItem | undefined, now: Date, reason?: string): Labeled[] {
  const cutoff = now.getTime() + BOOKING_RULES.cancelCutoffHours * 3_600_000;
  return [
    {
      label: 'old-booking',
      item: {
        Update: {
          TableName: T(),
          Key: keys.booking(booking.bookingId),
          UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at, cancelReason = :reason REMOVE gsi2pk, gsi2sk',
          ConditionExpression: '#status = :booked AND startsAtMs > :cutoff',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':booked': 'booked', ':at': toBeijingIso(now), ':cutoff': cutoff, ':reason': reason ?? '' },
        },
      },
    },
    { label: 'old-guard', item: { Delete: { TableName: T(), Key: keys.bookingGuard(booking.memberId, booking.institutionId, booking.sessionId) } } },
    ...releasePlaceParts(session, firstWaiting, now, booking.bookingId),
    ...reminderKeys(booking.bookingId).map((k): Labeled => ({ label: 'other', item: outboxCancel(k) })),
  ];
}

/**
 * A status change as a transaction part: `SET status = to` (plus the extra attributes) only if the
 * item is still in `from`, so two staff acting at once cannot both change it.
 */
export function statusChange(key: { pk: string; sk: string }, from: string, to: string, extra: Record<string, unknown> = {}, label: PartLabel = 'booking'): Labeled {
  const names = Object.keys(extra);
  return {
    label,
    item: {
      Update: {
        TableName: T(),
        Key: key,
        UpdateExpression: `SET #status = :to${names.map((n) => `, ${n} = :${n}`).join('')}`,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':to': to, ':from': from, ...Object.fromEntries(names.map((n) => [`:${n}`, extra[n]])) },
      },
    },
  };
}

export const counterDecrement = (memberId: string): TransactItem => ({
  Update: {
    TableName: T(),
    Key: keys.bookingCounter(memberId),
    UpdateExpression: 'ADD active :minus',
    ConditionExpression: 'active > :zero',
    ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
  },
});

/** Thrown with the labels of the parts whose condition failed. */
export class TransactionRefused extends Error {
  constructor(readonly failed: PartLabel[]) {
    super(`transaction refused: ${failed.join(',')}`);
  }
}

/**
 * Runs one TransactWriteItems. A refused condition becomes TransactionRefused naming the parts;
 * a conflict with a concurrent transaction on the same items is retried with jittered backoff
 * (the conditions, not the retry, are what keep places from being double-booked).
 */
export async function transact(parts: Labeled[], beforeRetry?: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: parts.map((p) => p.item) }));
      return;
    } catch (err) {
      const reasons = (err as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
      if ((err as Error).name !== 'TransactionCanceledException' || !reasons) throw err;
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [parts[i].label] : []));
      if (failed.length) throw new TransactionRefused(failed);
      if (attempt >= 12 || !reasons.some((r) => r.Code === 'TransactionConflict')) throw err;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * 2 ** Math.min(attempt, 5)));
      // E.g. a booking looks again at the quota: once it is gone, retrying only adds load.
      if (beforeRetry) await beforeRetry();
    }
  }
}

/** For `transact`'s retry: refuses as the session part would, once no place is left. */
export const quotaStillOpen = (session: SessionItem) => async () => {
  const now = await getSession(session.institutionId, session.sessionId);
  if (!now || now.priorityLeft <= 0) throw new TransactionRefused(['session']);
};

/** One item by key, or undefined. */
export async function getItemOf<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
  const out = await db().send(new GetCommand({ TableName: T(), Key: key }));
  return out.Item as T | undefined;
}

export async function getIdempotency(callerId: string, key: string): Promise<IdempotencyItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: T(), Key: keys.idempotency(keys.idempotencyPkOfCaller(callerId), callerId, key), ConsistentRead: true }));
  return out.Item as IdempotencyItem | undefined;
}

/** Session and the person booked for, in one BatchGetItem. */
export async function getSessionAndPerson(institutionId: string, sessionId: string, personId: string) {
  const sKey = sessionKey(institutionId, sessionId);
  const items = await batchGetAll<Record<string, unknown>>([sKey, keys.person(personId)]);
  return {
    session: items.find((i) => i.entity === 'session') as SessionItem | undefined,
    person: items.find((i) => i.entity === 'person') as { personId: string; name: string; familyId?: string; role: string } | undefined,
  };
}

// ---------------------------------------------------------------- waiting list

export async function listWaitlist(institutionId: string, sessionId: string): Promise<WaitlistItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: T(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.waitlistPk(institutionId, sessionId) }, ConsistentRead: true }),
  );
  return ((out.Items ?? []) as WaitlistItem[]).sort((a, b) => a.joinedAtMs - b.joinedAtMs || a.memberId.localeCompare(b.memberId));
}

export const firstWaiting = (entries: WaitlistItem[]) => entries.find((e) => e.status === 'waiting');

export async function getSession(institutionId: string, sessionId: string): Promise<SessionItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: T(), Key: sessionKey(institutionId, sessionId), ConsistentRead: true }));
  return out.Item as SessionItem | undefined;
}

/**
 * Passes each expired offer of one session on: the expired entry is removed and the place is
 * offered to the next waiting member, or returned to the quota, in one transaction conditioned on
 * the offer still being the expired one, so two sweepers never pass it twice.
 */
export async function passExpiredOffers(institutionId: string, sessionId: string, now: Date): Promise<number> {
  let passed = 0;
  for (let round = 0; round < 20; round++) {
    const entries = await listWaitlist(institutionId, sessionId);
    const expired = entries.find((e) => e.status === 'offered' && (e.offerExpiresAtMs ?? 0) <= now.getTime());
    if (!expired) return passed;
    const session = await getSession(institutionId, sessionId);
    if (!session) return passed;
    const next = firstWaiting(entries);
    try {
      await transact([
        {
          label: 'offer',
          item: {
            Delete: {
              TableName: T(),
              Key: { pk: expired.pk, sk: expired.sk },
              ConditionExpression: '#status = :offered AND offerExpiresAtMs = :exp',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':offered': 'offered', ':exp': expired.offerExpiresAtMs },
            },
          },
        },
        ...releasePlaceParts(session, next, now, `expired-${expired.memberId}`),
      ]);
      passed++;
    } catch (err) {
      if (!(err instanceof TransactionRefused)) throw err;
      // Someone else passed it, or the next member's entry changed: look again.
    }
  }
  return passed;
}

/** Open offers that have expired, across sessions (the due index), for the sweep. */
export async function listExpiredOffers(now: Date, limit = 50): Promise<WaitlistItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: T(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
      ExpressionAttributeValues: { ':pk': keys.offersDuePk, ':now': `${now.toISOString()}~` },
      Limit: limit,
    }),
  );
  return (out.Items ?? []) as WaitlistItem[];
}

export async function sweepExpiredOffers(now: Date): Promise<number> {
  const due = await listExpiredOffers(now);
  const sessions = new Map(due.map((d) => [`${d.institutionId} ${d.sessionId}`, d]));
  let passed = 0;
  for (const d of sessions.values()) passed += await passExpiredOffers(d.institutionId, d.sessionId, now);
  return passed;
}

/**
 * Bookings whose session has passed without a check-in or no-show still count towards the three
 * future bookings. When the counter refuses a booking, these are settled (marked lapsed, counter
 * decremented, each in its own conditional transaction) and the caller may try again.
 */
export async function settleLapsedBookings(familyId: string, memberId: string, now: Date): Promise<number> {
  const { bookings } = await listFamilyBookings(familyId);
  let settled = 0;
  for (const b of bookings.filter((x) => x.memberId === memberId && x.status === 'booked' && x.startsAtMs + 12 * 3_600_000 < now.getTime())) {
    try {
      await transact([statusChange(keys.booking(b.bookingId), 'booked', 'lapsed', {}, 'old-booking'), { label: 'counter', item: counterDecrement(memberId) }]);
      settled++;
    } catch (err) {
      if (!(err instanceof TransactionRefused)) throw err;
    }
  }
  return settled;
}

export type { InstitutionKind };

// ---------------------------------------------------------------- admissions

export interface AdmissionItem {
  pk: string;
  sk: 'ADMIT';
  entity: 'admission';
  admissionId: string;
  status: AdmissionStatus;
  familyId: string;
  memberId: string;
  memberName: string;
  institutionId: string;
  institutionName: string;
  reason: string;
  requestedAt: string;
  requestedBy: string;
  decisionReason?: string;
  decidedBy?: string;
  admittedOn?: string;
  dischargedAt?: string;
  /** GSI1: the institution's requests, newest first by sk. */
  gsi1pk: string;
  gsi1sk: string;
  /** GSI2: the family's requests. */
  gsi2pk: string;
  gsi2sk: string;
}

export function admissionView(a: AdmissionItem): AdmissionView {
  return {
    admissionId: a.admissionId,
    status: a.status,
    statusLabel: admissionStatusLabels[a.status],
    familyId: a.familyId,
    memberId: a.memberId,
    memberName: a.memberName,
    institutionId: a.institutionId,
    institutionName: a.institutionName,
    reason: a.reason,
    requestedAt: a.requestedAt,
    decisionReason: a.decisionReason,
    admittedOn: a.admittedOn,
    dischargedAt: a.dischargedAt,
  };
}

export async function getAdmission(admissionId: string): Promise<AdmissionItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: T(), Key: keys.admission(admissionId) }));
  return out.Item as AdmissionItem | undefined;
}

export async function listAdmissions(index: 'gsi1' | 'gsi2', pk: string): Promise<AdmissionItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: T(), IndexName: index, KeyConditionExpression: `${index}pk = :pk`, ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false, Limit: 100 }),
  );
  return (out.Items ?? []) as AdmissionItem[];
}
