import type { SubscriptionCounts } from '../../domain';
import { getSubscriptionCounts } from '../lib/db/subscriptions';
import { routeHandler } from '../lib/http/route-handler';

export const handler = routeHandler('me.getSubscriptions', {}, async ({ principal }) => {
  const counts: SubscriptionCounts = await getSubscriptionCounts(principal.personId);
  return { body: counts };
});
