import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { NotificationTemplate, toBeijingIso, type SubscriptionCounts } from '../../../domain';
import { db, tableName } from './client';
import { idempotencyPut } from './idempotency';
import { keys } from './keys';

/**
 * Remaining WeChat subscriptions per person and template (each acceptance in
 * wx.requestSubscribeMessage allows one message; WeChat has no API to ask how many are left, so
 * we count). Granted here, used up by the sender (functions/lib/notify/deliver.ts) in a
 * conditional decrement.
 */
export async function getSubscriptionCounts(personId: string): Promise<SubscriptionCounts> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.person(personId).pk, ':sk': keys.subscriptionPrefix },
      ConsistentRead: true,
    }),
  );
  const remaining = Object.fromEntries(NotificationTemplate.options.map((t) => [t, 0])) as Record<NotificationTemplate, number>;
  for (const item of out.Items ?? []) {
    const template = String(item.sk).slice(keys.subscriptionPrefix.length) as NotificationTemplate;
    if (template in remaining) remaining[template] = Math.max(0, Number(item.remaining ?? 0));
  }
  return { remaining };
}

/** Adds one per accepted template, all or nothing. Returns false if the Idempotency-Key was used. */
export async function grantSubscriptions(personId: string, accepted: NotificationTemplate[], now: Date, idempotencyKey?: string): Promise<boolean> {
  const templates = [...new Set(accepted)];
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          ...(idempotencyKey ? [idempotencyPut(keys.person(personId).pk, personId, idempotencyKey, { accepted: templates }, now)] : []),
          ...templates.map((template) => ({
            Update: {
              TableName: tableName(),
              Key: keys.subscription(personId, template),
              UpdateExpression: 'ADD remaining :one SET entity = :entity, updatedAt = :now',
              ExpressionAttributeValues: { ':one': 1, ':entity': 'subscription', ':now': toBeijingIso(now) },
            },
          })),
        ],
      }),
    );
    return true;
  } catch (err) {
    if (idempotencyKey && err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw err;
  }
}
