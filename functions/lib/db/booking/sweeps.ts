import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../client';
import { keys } from '../keys';
import { part, transact, TransactionRefused } from '../transact';
import { getSession } from './sessions';
import { firstWaiting, listWaitlist, releasePlaceParts, type WaitlistItem } from './waitlist';

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
    try {
      await transact([
        part('offer', {
          Delete: {
            TableName: tableName(),
            Key: { pk: expired.pk, sk: expired.sk },
            ConditionExpression: '#status = :offered AND offerExpiresAtMs = :exp',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':offered': 'offered', ':exp': expired.offerExpiresAtMs },
          },
        }),
        ...releasePlaceParts(session, firstWaiting(entries), now, `expired-${expired.memberId}`),
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
      TableName: tableName(),
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
