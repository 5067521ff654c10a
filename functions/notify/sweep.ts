import { sweepDueOutbox } from '../lib/notify/deliver';
import type { Context } from 'aws-lambda';
import { logger } from '../lib/observability/logger';
import { observedJob } from '../lib/observability/middleware';

/**
 * Every minute (EventBridge schedule): delivers scheduled reminders whose time has come, retries
 * whose backoff has passed, and items whose sender died mid-claim. Sweeps until a run finds
 * nothing more to do or the function's time is nearly up.
 */
export const handler = observedJob('notify.sweep', async (_event: unknown, context: Context): Promise<Record<string, number>> => {
  const total: Record<string, number> = {};
  for (;;) {
    const tally = await sweepDueOutbox(new Date());
    for (const [k, v] of Object.entries(tally)) total[k] = (total[k] ?? 0) + v;
    const progressed = tally.sent + tally.skipped + tally.retry + tally.failed;
    if (progressed === 0 || (context.getRemainingTimeInMillis?.() ?? 0) < 15_000) break;
  }
  // Only a sweep that did something is logged: an idle one runs every minute (every second locally).
  if (Object.values(total).some((n) => n > 0)) logger.info('outbox sweep', { tally: total });
  return total;
});
