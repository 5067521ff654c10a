import { SubscriptionGrantRequest, type SubscriptionCounts } from '../../domain';
import { idempotencyKey } from '../lib/db/idempotency';
import { getSubscriptionCounts, grantSubscriptions } from '../lib/db/subscriptions';
import { routeHandler } from '../lib/http/route-handler';

/** After wx.requestSubscribeMessage: one more message allowed per template the user accepted. */
export const handler = routeHandler('me.grantSubscriptions', { body: SubscriptionGrantRequest }, async ({ body, principal, now, headers }) => {
  const key = idempotencyKey(headers);
  await grantSubscriptions(principal.personId, body.accepted, now, key);
  const counts: SubscriptionCounts = await getSubscriptionCounts(principal.personId);
  return { body: counts };
});
