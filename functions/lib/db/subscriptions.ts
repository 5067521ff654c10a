import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NotificationTemplate, toBeijingIso, type SubscriptionCounts } from '../../../domain';
import { db, tableName } from './client';
import { keys } from './keys';
import { part, type Part } from './transact';

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

/** One more message allowed per template, as parts of the caller's transaction (all or nothing). */
export function grantParts(personId: string, templates: readonly NotificationTemplate[], now: Date): Array<Part<'subscription'>> {
  return templates.map((template) =>
    part('subscription', {
      Update: {
        TableName: tableName(),
        Key: keys.subscription(personId, template),
        UpdateExpression: 'ADD remaining :one SET entity = :entity, updatedAt = :now',
        ExpressionAttributeValues: { ':one': 1, ':entity': 'subscription', ':now': toBeijingIso(now) },
      },
    }),
  );
}
