import { beijingDate, type TierDueResponse } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { tierDueOf } from './tier-due';

/**
 * The doctor's double-signing list, shown beside the follow-up queue: the programme members whose
 * tier this doctor is responsible for and who are due this week, month or quarter (tier-due.ts).
 * Names and villages only, no health data, so nothing here is audited. Apart from the queue so the
 * queue stays one Query for the many doctors responsible for no tier.
 */
export const handler = routeHandler('followups.getTierDue', {}, async ({ principal, now }) => {
  const today = beijingDate(now);
  const body: TierDueResponse = { items: await tierDueOf(principal.personId, today), today };
  return { body };
});
