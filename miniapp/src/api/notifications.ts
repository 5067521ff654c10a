import { SubscriptionCounts, type NotificationTemplate } from '@domain';
import { authedCall } from './client';
import { randomId } from './messaging';

export const notificationsApi = {
  subscriptions: () => authedCall('GET', '/me/subscriptions', SubscriptionCounts),
  /** The same key on a retry counts the acceptances once. */
  grantSubscriptions: (accepted: NotificationTemplate[], idempotencyKey: string = randomId()) =>
    authedCall('POST', '/me/subscriptions', SubscriptionCounts, { body: { accepted }, headers: { 'Idempotency-Key': idempotencyKey } }),
};
