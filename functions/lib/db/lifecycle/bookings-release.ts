import { toBeijingIso } from '../../../../domain';
import { outboxCancel, outboxPut } from '../../notify/outbox';
import type { BookingItem } from '../booking/bookings';
import { getSession, sessionTime, type SessionItem } from '../booking/sessions';
import { listWaitlist, releasePlaceParts, type WaitlistItem } from '../booking/waitlist';
import { tableName } from '../client';
import { keys } from '../keys';
import { part, type Part } from '../transact';

/**
 * Ending the bookings of members who can no longer come (a death, a family moved out of the
 * county), whatever the cancellation cut-off: future bookings cancelled, waiting-list places given
 * up, each freed place back to the quota or offered to the next one waiting, and the booking
 * reminders withdrawn. One mechanism for every lifecycle change that ends a member's bookings.
 */
export type ReleaseLabel = 'booking' | 'reminder' | 'session' | 'bookingCounter' | 'waitlist' | 'told';

export interface ReleaseReads {
  bookings: BookingItem[];
  waiting: WaitlistItem[];
  /** The session and its list of each booking and waiting place ended. */
  sessions: Map<string, { session: SessionItem; waitlist: WaitlistItem[] }>;
}

const sessionKey = (institutionId: string, sessionId: string) => `${institutionId}#${sessionId}`;

/** The members' future bookings and waiting places among the family's, with the sessions they free. */
export async function readBookingsToRelease(family: { bookings: BookingItem[]; waitlist: WaitlistItem[] }, memberIds: ReadonlySet<string>, now: Date): Promise<ReleaseReads> {
  const bookings = family.bookings.filter((b) => memberIds.has(b.memberId) && b.status === 'booked' && b.startsAtMs > now.getTime());
  const waiting = family.waitlist.filter((w) => memberIds.has(w.memberId));
  // Every session touched, not only those getting a place back: a waiting place given up is named to its member by its session.
  const freeing = [...bookings, ...waiting].map((x) => [x.institutionId, x.sessionId] as const);
  const sessions: ReleaseReads['sessions'] = new Map();
  await Promise.all(
    [...new Map(freeing.map(([i, s]) => [sessionKey(i, s), [i, s] as const])).values()].map(async ([institutionId, sessionId]) => {
      const [session, waitlist] = await Promise.all([getSession(institutionId, sessionId), listWaitlist(institutionId, sessionId)]);
      if (session) sessions.set(sessionKey(institutionId, sessionId), { session, waitlist });
    }),
  );
  return { bookings, waiting, sessions };
}

/**
 * The parts of the release. A transaction may touch an item once, so each session's freed places
 * are released together: offered to as many others waiting as there are places (while offers are
 * still open), the rest back to the quota in one update. With `tell`, each booking's member hears
 * that it was cancelled and why.
 */
export function bookingsReleaseParts(reads: ReleaseReads, memberIds: ReadonlySet<string>, reason: string, now: Date, tell?: string): Part<ReleaseLabel>[] {
  const at = toBeijingIso(now);
  const T = tableName();
  const out: Part<ReleaseLabel>[] = [];
  // Per session, the reasons (dedupe keys of the offers) of the places it gets back.
  const freed = new Map<string, string[]>();
  const free = (institutionId: string, sessionId: string, why: string) => freed.set(sessionKey(institutionId, sessionId), [...(freed.get(sessionKey(institutionId, sessionId)) ?? []), why]);
  for (const b of reads.bookings) {
    out.push(
      part('booking', {
        Update: {
          TableName: T,
          Key: keys.booking(b.bookingId),
          UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at, cancelReason = :reason REMOVE gsi2pk, gsi2sk',
          ConditionExpression: '#status = :booked',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled', ':booked': 'booked', ':at': at, ':reason': reason },
        },
      }),
      part('booking', { Delete: { TableName: T, Key: keys.bookingGuard(b.memberId, b.institutionId, b.sessionId) } }),
      ...[`booking-${b.bookingId}-remind-1d`, `booking-${b.bookingId}-remind-2h`].map((k) => part('reminder' as const, outboxCancel(k))),
    );
    if (tell) {
      out.push(
        part('told', outboxPut({ recipientId: b.memberId, template: 'booking.changed', data: { place: `${b.institutionName}${b.departmentName}`, time: sessionTime(b), note: tell }, page: 'packages/booking/mine/index', dedupeKey: `booking-${b.bookingId}-released` }, now)),
      );
    }
    free(b.institutionId, b.sessionId, b.bookingId);
  }
  const perMember = new Map<string, number>();
  for (const b of reads.bookings) perMember.set(b.memberId, (perMember.get(b.memberId) ?? 0) + 1);
  for (const [memberId, n] of perMember) {
    out.push(part('bookingCounter', { Update: { TableName: T, Key: keys.bookingCounter(memberId), UpdateExpression: 'ADD active :minus', ExpressionAttributeValues: { ':minus': -n } } }));
  }
  for (const w of reads.waiting) {
    out.push(part('waitlist', { Delete: { TableName: T, Key: { pk: w.pk, sk: w.sk }, ConditionExpression: '#status = :s', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':s': w.status } } }));
    const session = reads.sessions.get(sessionKey(w.institutionId, w.sessionId))?.session;
    if (tell && session) {
      out.push(
        part('told', outboxPut({ recipientId: w.memberId, template: 'booking.changed', data: { place: `${session.institutionName}${session.departmentName}`, time: sessionTime(session), note: tell }, page: 'packages/booking/mine/index', dedupeKey: `waitlist-released-${w.institutionId}-${w.sessionId}-${w.memberId}` }, now)),
      );
    }
    if (w.status === 'offered') free(w.institutionId, w.sessionId, `offer-${w.memberId}`);
  }
  for (const [key, whys] of freed) {
    const s = reads.sessions.get(key);
    if (!s) continue;
    const t = now.getTime();
    const open = s.session.releaseAtMs > t && s.session.startsAtMs > t;
    const next = open ? s.waitlist.filter((x) => x.status === 'waiting' && !memberIds.has(x.memberId)).slice(0, whys.length) : [];
    next.forEach((w, i) => out.push(...releasePlaceParts(s.session, w, now, whys[i]!).map((p) => part('session' as const, p.item))));
    const back = whys.length - next.length;
    if (back) {
      out.push(part('session', { Update: { TableName: T, Key: { pk: s.session.pk, sk: s.session.sk }, UpdateExpression: 'SET priorityLeft = priorityLeft + :n', ExpressionAttributeValues: { ':n': back } } }));
    }
  }
  return out;
}
