import { tableName } from '../client';
import { keys } from '../keys';
import { part, type Part } from '../transact';

/**
 * The labels of the booking transactions' parts, so a refusal is read by name ("the quota's
 * condition failed"): `old-*` are the booking being replaced (cancel, reschedule) and the place it
 * frees; `other` parts are never conditioned.
 */
export type PartLabel =
  | 'session'
  | 'offer'
  | 'entry'
  | 'booking'
  | 'guard'
  | 'counter'
  | 'outbox'
  | 'admission'
  | 'slot'
  | 'old-booking'
  | 'old-guard'
  | 'old-session'
  | 'old-offer'
  | 'acting'
  | 'other';

export type BookingPart = Part<PartLabel>;

/**
 * A status change as a transaction part: `SET status = to` (plus the extra attributes) only if the
 * item is still in `from`, so two staff acting at once cannot both change it.
 */
export function statusChange(key: { pk: string; sk: string }, from: string, to: string, extra: Record<string, unknown> = {}, label: PartLabel = 'booking'): BookingPart {
  const names = Object.keys(extra);
  return part(label, {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET #status = :to${names.map((n) => `, ${n} = :${n}`).join('')}`,
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':to': to, ':from': from, ...Object.fromEntries(names.map((n) => [`:${n}`, extra[n]])) },
    },
  });
}

/** A booking stops counting towards the member's future bookings (cancelled, checked in, no-show, lapsed). */
export const counterDecrement = (memberId: string): BookingPart =>
  part('counter', {
    Update: {
      TableName: tableName(),
      Key: keys.bookingCounter(memberId),
      UpdateExpression: 'ADD active :minus',
      ConditionExpression: 'active > :zero',
      ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
    },
  });
