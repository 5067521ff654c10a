import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { batchPutAll } from './batch';
import { db, tableName } from './client';
import type { AuditItem } from './items';
import { keys } from './keys';
import { type Page, queryPage, tableKeyAttributes } from './pagination';

export type AuditEvent = Omit<AuditItem, 'pk' | 'sk' | 'entity'>;

/**
 * Written before the sensitive value is returned: no audit, no data. The sort key starts with the
 * epoch in milliseconds (zero-padded) so reads in the same second still list newest first.
 */
export async function writeAuditEvent(event: AuditEvent, now: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: auditItem(event, now) }));
}

/** One event per family whose sensitive data a list showed, written before the list is returned. */
export async function writeAuditEvents(events: AuditEvent[], now: Date): Promise<void> {
  await batchPutAll(events.map((e) => auditItem(e, now)) as unknown as Record<string, unknown>[]);
}

function auditItem(event: AuditEvent, now: Date): AuditItem {
  const sk = `${String(now.getTime()).padStart(15, '0')}#${randomUUID()}`;
  return { pk: keys.auditPk(event.familyId), sk, entity: 'audit', ...event };
}

export function listAuditEvents(familyId: string, page: { cursor?: string; limit: number }): Promise<Page<AuditItem>> {
  const pk = keys.auditPk(familyId);
  return queryPage<AuditItem>(
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
    },
    page,
    { attributes: tableKeyAttributes, equals: { pk } },
  );
}
