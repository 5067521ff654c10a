import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';
import { IDEMPOTENCY_LABEL, type Part } from './transact';

/**
 * Idempotency-Key markers: one item per caller, route and key (`IDEM#<caller>` /
 * `<routeId>#<hash of the key>`), holding a hash of the request and the answer it got. The marker
 * is written by a conditional Put inside the SAME transaction as the change it answers for, so
 * the change and the marker exist together or not at all. Markers expire after a day (TTL).
 */
export interface Marker {
  pk: string;
  sk: string;
  entity: 'idempotency';
  requestHash: string;
  status: number;
  body: unknown;
  expiresAt: number;
}

export const MARKER_TTL_SECONDS = 24 * 60 * 60;

export const markerKey = (callerId: string, routeId: string, keyHash: string) => keys.idempotencyMarker(callerId, routeId, keyHash);

/** A marker as it is now (consistent read: a marker just written must be seen). */
export async function getMarker(key: { pk: string; sk: string }): Promise<Marker | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return out.Item as Marker | undefined;
}

/** The marker's part of the change's transaction: written only if no marker has the key yet. */
export function markerPart(key: { pk: string; sk: string }, requestHash: string, status: number, body: unknown, now: Date): Part<typeof IDEMPOTENCY_LABEL> {
  const item: Marker = { ...key, entity: 'idempotency', requestHash, status, body, expiresAt: Math.floor(now.getTime() / 1000) + MARKER_TTL_SECONDS };
  return { label: IDEMPOTENCY_LABEL, item: { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } } };
}
