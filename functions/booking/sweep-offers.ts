import { sweepExpiredOffers } from '../lib/db/booking/sweeps';
import { observedJob } from '../lib/observability/middleware';

/**
 * Scheduled (every minute): waiting-list offers not accepted within 30 minutes pass to the next
 * member, or the place returns to the quota. The same step also runs lazily when someone joins the
 * list or a late acceptance is refused, so a missed run delays an offer but never loses one.
 */
export const handler = observedJob('booking.sweepOffers', async (): Promise<{ passed: number }> => ({ passed: await sweepExpiredOffers(new Date()) }));
