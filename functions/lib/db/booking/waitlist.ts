import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BOOKING_RULES, beijingTime } from '../../../../domain';
import { outboxPut } from '../../notify/outbox';
import { db, tableName } from '../client';
import { keys } from '../keys';
import { part } from '../transact';
import type { BookingPart } from './parts';
import { sessionTime, type SessionItem } from './sessions';

/** The waiting list of a full session, and where a freed place goes. */
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

const T = () => tableName();

/** The session's list in joining order (consistent: an entry just written must be seen). */
export async function listWaitlist(institutionId: string, sessionId: string): Promise<WaitlistItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: T(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.waitlistPk(institutionId, sessionId) }, ConsistentRead: true }),
  );
  return ((out.Items ?? []) as WaitlistItem[]).sort((a, b) => a.joinedAtMs - b.joinedAtMs || a.memberId.localeCompare(b.memberId));
}

export const firstWaiting = (entries: WaitlistItem[]) => entries.find((e) => e.status === 'waiting');

export function waitlistEntry(session: SessionItem, member: { familyId: string; memberId: string; memberName: string }, now: Date): WaitlistItem {
  return {
    ...keys.waitlistEntry(session.institutionId, session.sessionId, member.memberId),
    entity: 'waitlist',
    institutionId: session.institutionId,
    sessionId: session.sessionId,
    ...member,
    status: 'waiting',
    joinedAtMs: now.getTime(),
    gsi1pk: keys.familyBookingsPk(member.familyId),
    gsi1sk: keys.familyWaitSk(session.institutionId, session.sessionId, member.memberId),
  };
}

/**
 * The parts that put a member on a full session's list: the entry (once), the session still full
 * and open (and its join count, so removing the session sees the join), and no booking of the
 * member in that session.
 */
export function joinParts(session: SessionItem, entry: WaitlistItem, now: Date): BookingPart[] {
  return [
    part('entry', { Put: { TableName: T(), Item: entry, ConditionExpression: 'attribute_not_exists(pk)' } }),
    part('session', {
      Update: {
        TableName: T(),
        Key: { pk: session.pk, sk: session.sk },
        UpdateExpression: 'ADD waitJoins :one',
        ConditionExpression: 'priorityLeft <= :zero AND releaseAtMs > :now',
        ExpressionAttributeValues: { ':zero': 0, ':now': now.getTime(), ':one': 1 },
      },
    }),
    part('guard', { ConditionCheck: { TableName: T(), Key: keys.bookingGuard(entry.memberId, session.institutionId, session.sessionId), ConditionExpression: 'attribute_not_exists(pk)' } }),
  ];
}

/** Where a freed place goes: back to the quota, or as an offer to the first waiting member. */
export function releasePlaceParts(session: SessionItem, firstWaiting: WaitlistItem | undefined, now: Date, reason: string): BookingPart[] {
  const t = now.getTime();
  if (!firstWaiting || session.releaseAtMs <= t || session.startsAtMs <= t) {
    return [
      part('old-session', { Update: { TableName: T(), Key: { pk: session.pk, sk: session.sk }, UpdateExpression: 'SET priorityLeft = priorityLeft + :one', ExpressionAttributeValues: { ':one': 1 } } }),
    ];
  }
  const expiresMs = t + BOOKING_RULES.offerMinutes * 60_000;
  return [
    part('old-offer', {
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
    }),
    part(
      'other',
      outboxPut(
        {
          recipientId: firstWaiting.memberId,
          template: 'booking.waitlistOffer',
          data: { place: `${session.institutionName}${session.departmentName}`, time: sessionTime(session), note: `请在${beijingTime(expiresMs)}前确认` },
          page: 'packages/booking/mine/index',
          dedupeKey: `offer-${firstWaiting.institutionId}-${firstWaiting.sessionId}-${firstWaiting.memberId}-${reason}`,
        },
        now,
      ),
    ),
  ];
}
