import { sweepImportJobs } from '../lib/imports/run-job';
import type { Context } from 'aws-lambda';
import { logger } from '../lib/observability/logger';
import { observedJob } from '../lib/observability/middleware';

/**
 * Every minute: takes up import jobs the stream trigger did not finish (out of time, a failure
 * backing off, waiting for the county's lock, or a runner that died and left its lease to run out).
 */
export const handler = observedJob('imports.sweep', async (_event: unknown, context: Context): Promise<Record<string, number>> => {
  const tally = await sweepImportJobs(Date.now() + (context.getRemainingTimeInMillis?.() ?? 60_000));
  if (Object.keys(tally).length) logger.info('import sweep', { tally });
  return tally;
});
