import { SubscriptionGrantRequest, type SubscriptionCounts } from '../../domain';
import { getSubscriptionCounts, grantParts } from '../lib/db/subscriptions';
import { transact } from '../lib/db/transact';
import { routeHandler } from '../lib/http/route-handler';

/**
 * After wx.requestSubscribeMessage: one more message allowed per template the user accepted, in ONE
 * transaction with the Idempotency-Key's answer. That answer (the counts after the grant) is made
 * before the write, from the counts read first plus what is granted: a retry must get the same
 * counts, not a fresh read that a delivery in between may have lowered. One Query, one transaction.
 */
export const handler = routeHandler('me.grantSubscriptions', { body: SubscriptionGrantRequest }, async ({ body, principal, now, idempotency }) => {
  const templates = [...new Set(body.accepted)];
  const before = await getSubscriptionCounts(principal.personId);
  const counts: SubscriptionCounts = { remaining: { ...before.remaining } };
  for (const t of templates) counts.remaining[t] += 1;
  await transact([...grantParts(principal.personId, templates, now), ...idempotency.marker(counts)]);
  return { body: counts };
});
