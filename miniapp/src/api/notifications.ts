import { SubscriptionCounts, type NotificationTemplate } from '@domain';
import { authedCall } from './client';

export const notificationsApi = {
  subscriptions: () => authedCall('GET', '/me/subscriptions', SubscriptionCounts),
  grantSubscriptions: (accepted: NotificationTemplate[]) => authedCall('POST', '/me/subscriptions', SubscriptionCounts, { body: { accepted } }),
};
