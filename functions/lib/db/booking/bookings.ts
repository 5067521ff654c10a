import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { BOOKING_RULES, SERVICE_CARD, toBeijingIso, type ActedBy, type BookingStatus, type Period, type PriorityGiven } from '../../../../domain';
import { outboxCancel, outboxPut } from '../../notify/outbox';
import { db, tableName } from '../client';
import { keys } from '../keys';
import { part, transact, TransactionRefused } from '../transact';
import { counterDecrement, statusChange, type BookingPart } from './parts';
import { sessionTime, type SessionItem } from './sessions';
import { releasePlaceParts, type WaitlistItem } from './waitlist';

/** Bookings of priority places: reads, and the transactions that book and cancel. */
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
  /** Booked, or cancelled, by staff on the family's behalf (代办). */
  actedBy?: ActedBy;
  cancelActedBy?: ActedBy;
  gsi1pk: string;
  gsi1sk: string;
  /** Present while the booking is on the hospital's day list (not after a cancellation). */
  gsi2pk?: string;
  gsi2sk?: string;
}

export const newBookingId = () => `bk_${randomBytes(10).toString('hex')}`;

const T = () => tableName();

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
  /** Take the place from the quota (default), or from an open waiting-list offer. */
  place: 'quota' | 'offer';
  /** Reschedule: the counter already counts the booking being replaced. */
  skipCounter?: boolean;
  /** Staff booking on the family's behalf (functions/lib/http/acting.ts). */
  actedBy?: ActedBy;
  now: Date;
}

const reminderKeys = (bookingId: string) => [`booking-${bookingId}-remind-1d`, `booking-${bookingId}-remind-2h`];

/** The booking a plan writes (also what the answer is built from: no read after the write). */
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
    ...(plan.actedBy ? { actedBy: plan.actedBy } : {}),
    gsi1pk: keys.familyBookingsPk(plan.booker.familyId),
    gsi1sk: keys.familyBookingSk(s.startsAt, plan.bookingId),
    gsi2pk: keys.hospitalDayPk(s.institutionId, s.date),
    gsi2sk: keys.hospitalDaySk(s.departmentId, s.period, plan.bookingId),
  };
}

/**
 * The parts of ONE TransactWriteItems that book a priority place: the quota (or an open offer),
 * the booking, the member's per-session guard, the member's future-bookings counter (at most 3),
 * the confirmation and the two reminders in the outbox. (The caller adds the Idempotency-Key
 * marker, and for a reschedule the cancellation.)
 */
export function bookParts(plan: BookPlan): BookingPart[] {
  const s = plan.session;
  const t = plan.now.getTime();
  const out: BookingPart[] = [];
  if (plan.place === 'quota') {
    out.push(
      part('session', {
        Update: {
          TableName: T(),
          Key: { pk: s.pk, sk: s.sk },
          UpdateExpression: 'SET priorityLeft = priorityLeft - :one',
          ConditionExpression: 'priorityLeft > :zero AND releaseAtMs > :now AND startsAtMs > :now',
          ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':now': t },
        },
      }),
    );
  } else {
    out.push(
      part('offer', {
        Delete: {
          TableName: T(),
          Key: keys.waitlistEntry(s.institutionId, s.sessionId, plan.booker.memberId),
          ConditionExpression: '#status = :offered AND offerExpiresAtMs > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':offered': 'offered', ':now': t },
        },
      }),
    );
  }
  out.push(part('booking', { Put: { TableName: T(), Item: bookingItem(plan), ConditionExpression: 'attribute_not_exists(pk)' } }));
  out.push(
    part('guard', {
      Put: {
        TableName: T(),
        Item: { ...keys.bookingGuard(plan.booker.memberId, s.institutionId, s.sessionId), entity: 'bookingGuard', bookingId: plan.bookingId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
  );
  if (!plan.skipCounter) {
    out.push(
      part('counter', {
        Update: {
          TableName: T(),
          Key: keys.bookingCounter(plan.booker.memberId),
          UpdateExpression: 'SET entity = :entity ADD active :one',
          ConditionExpression: 'attribute_not_exists(active) OR active < :max',
          ExpressionAttributeValues: { ':entity': 'bookingCounter', ':one': 1, ':max': BOOKING_RULES.maxFutureBookings },
        },
      }),
    );
  }
  const note = plan.referral ? `${plan.referral.doctorName}医生为您转诊预约` : `请带${SERVICE_CARD}、身份证、医保卡`;
  const data = { place: `${s.institutionName}${s.departmentName}`, time: sessionTime(s), note };
  const page = `packages/booking/confirmation/index?bookingId=${plan.bookingId}`;
  out.push(part('outbox', outboxPut({ recipientId: plan.booker.memberId, template: 'booking.confirmed', data, page, dedupeKey: `booking-${plan.bookingId}-confirmed` }, plan.now)));
  const [dayKey, twoHourKey] = reminderKeys(plan.bookingId);
  const dayBefore = new Date(s.startsAtMs - 24 * 3_600_000);
  const twoHours = new Date(s.startsAtMs - 2 * 3_600_000);
  for (const [when, dedupeKey, template, reminder] of [
    [dayBefore, dayKey, 'booking.reminder', `明天就诊，请带好${SERVICE_CARD}`],
    [twoHours, twoHourKey, 'booking.reminderSoon', '两小时后就诊，请按时到达'],
  ] as const) {
    if (when.getTime() <= t) continue;
    out.push(part('outbox', outboxPut({ recipientId: plan.booker.memberId, template, data: { ...data, note: reminder }, page, dedupeKey, notBefore: when }, plan.now)));
  }
  return out;
}

/** The parts that cancel a booking before the cut-off and free its place. */
export function cancelParts(booking: BookingItem, session: SessionItem, firstWaiting: WaitlistItem | undefined, now: Date, reason?: string, actedBy?: ActedBy): BookingPart[] {
  const cutoff = now.getTime() + BOOKING_RULES.cancelCutoffHours * 3_600_000;
  return [
    part('old-booking', {
      Update: {
        TableName: T(),
        Key: keys.booking(booking.bookingId),
        UpdateExpression: `SET #status = :cancelled, cancelledAt = :at, cancelReason = :reason${actedBy ? ', cancelActedBy = :actedBy' : ''} REMOVE gsi2pk, gsi2sk`,
        ConditionExpression: '#status = :booked AND startsAtMs > :cutoff',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':cancelled': 'cancelled',
          ':booked': 'booked',
          ':at': toBeijingIso(now),
          ':cutoff': cutoff,
          ':reason': reason ?? '',
          ...(actedBy ? { ':actedBy': actedBy } : {}),
        },
      },
    }),
    part('old-guard', { Delete: { TableName: T(), Key: keys.bookingGuard(booking.memberId, booking.institutionId, booking.sessionId) } }),
    ...releasePlaceParts(session, firstWaiting, now, booking.bookingId),
    ...reminderKeys(booking.bookingId).map((k) => part('other', outboxCancel(k))),
  ];
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
      await transact([statusChange(keys.booking(b.bookingId), 'booked', 'lapsed', {}, 'old-booking'), counterDecrement(memberId)]);
      settled++;
    } catch (err) {
      if (!(err instanceof TransactionRefused)) throw err;
    }
  }
  return settled;
}
