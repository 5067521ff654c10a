import { randomUUID } from 'node:crypto';
import { notificationTemplates, toBeijingIso, type NotificationTemplate, type OutboxStatus } from '../../../domain';
import { tableName } from '../db/client';
import { keys } from '../db/keys';
import type { TransactItem } from '../db/transact';

/**
 * The write side of notifications. A handler that changes something a person should hear about
 * adds `outboxPut(...)` to the same TransactWriteItems as the change, so either both happen or
 * neither: the message is never lost, and never sent for a change that did not happen. The sender
 * (functions/notify/) picks pending items up, from the table stream in AWS and a loop in local/,
 * and from the due index for items scheduled later (reminders) and retries.
 */
export interface OutboxEntry {
  recipientId: string;
  template: NotificationTemplate;
  /** Keyword values by the template's field names (domain/notifications.ts). */
  data: Record<string, string>;
  /** Mini-program page the message opens, e.g. `packages/family/contacts/index`. */
  page: string;
  /**
   * Makes the item's key deterministic, so a retried request writes the same item (the Put's
   * condition then fails the transaction, which the caller treats as "already done") and a later
   * change can delete a scheduled reminder it has made moot (booking cancelled).
   */
  dedupeKey?: string;
  /** Do not send before this instant (reminders). Default: now. */
  notBefore?: Date;
}

export interface OutboxItem {
  pk: string;
  sk: 'OUTBOX';
  entity: 'outbox';
  outboxId: string;
  recipientId: string;
  template: NotificationTemplate;
  data: Record<string, string>;
  page: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  /** When the sender should next try: notBefore at first, then later by backoff. */
  nextAttemptAt: string;
  /** Due index while pending (GSI2): removed once sent, skipped or failed for good. */
  gsi2pk?: string;
  gsi2sk?: string;
  lastError?: string;
  sentAt?: string;
  expiresAt?: number;
}

export function outboxId(entry: Pick<OutboxEntry, 'dedupeKey'>): string {
  return entry.dedupeKey ?? randomUUID();
}

export function outboxItem(entry: OutboxEntry, now: Date): OutboxItem {
  const fields: readonly string[] = notificationTemplates[entry.template].fields;
  const unknown = Object.keys(entry.data).filter((f) => !fields.includes(f));
  if (unknown.length > 0) throw new Error(`Template ${entry.template} has no field(s) ${unknown.join(', ')}`);
  const id = outboxId(entry);
  const due = toBeijingIso(entry.notBefore ?? now);
  return {
    ...keys.outbox(id),
    entity: 'outbox',
    outboxId: id,
    recipientId: entry.recipientId,
    template: entry.template,
    // WeChat cuts `thing` values at 20 characters; cut here so what is stored is what is sent.
    data: Object.fromEntries(Object.entries(entry.data).map(([k, v]) => [k, [...v].slice(0, 20).join('')])),
    page: entry.page,
    status: 'pending',
    attempts: 0,
    createdAt: toBeijingIso(now),
    nextAttemptAt: due,
    gsi2pk: keys.outboxDuePk,
    gsi2sk: `${new Date(due).toISOString()}#${id}`,
  };
}

/** One element for TransactWriteItems: the outbox item, written only if not written before. */
export function outboxPut(entry: OutboxEntry, now: Date): TransactItem {
  return { Put: { TableName: tableName(), Item: outboxItem(entry, now), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** Removes a scheduled notification that has become moot, if it has not been sent yet. */
export function outboxCancel(dedupeKey: string): TransactItem {
  return {
    Delete: {
      TableName: tableName(),
      Key: keys.outbox(dedupeKey),
      ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending' },
    },
  };
}
