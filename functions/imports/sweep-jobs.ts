import { sweepImportJobs } from '../lib/imports/run-job';

/**
 * Every minute: takes up import jobs the stream trigger did not finish (out of time, a failure
 * backing off, waiting for the county's lock, or a runner that died and left its lease to run out).
 */
export async function handler(_event: unknown, context?: { getRemainingTimeInMillis?: () => number }): Promise<Record<string, number>> {
  const tally = await sweepImportJobs(Date.now() + (context?.getRemainingTimeInMillis?.() ?? 60_000));
  if (Object.keys(tally).length) console.log(JSON.stringify({ level: 'info', importSweep: tally }));
  return tally;
}
