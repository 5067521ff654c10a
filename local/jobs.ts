import { jobs, type JobDef } from '../functions/jobs';
import { loadHandler } from './api-gateway';
import { startJobLoop } from './job-loop';

type JobHandler = (event: unknown, context: { getRemainingTimeInMillis(): number }) => Promise<unknown>;

/**
 * DEV ONLY. Runs the jobs of functions/jobs.ts as the local stage can: it has no table stream and no
 * EventBridge, so each job with a local cadence runs its deployed handler in a loop, given the time
 * left its Lambda timeout would give; a stream job is covered by the sweep that finds the same
 * items (functions/jobs.ts says which). A failure is logged and tried again next time.
 */
export function startLocalJobs(options: { seeded: boolean }): { stop(): Promise<void> } {
  const loops = jobs.flatMap((job: JobDef) => {
    if (!('everyMs' in job.local)) return [];
    const run = async () => {
      const handler = await loadHandler<JobHandler>(job.handler);
      const deadline = Date.now() + job.timeoutSeconds * 1000;
      return handler({}, { getRemainingTimeInMillis: () => deadline - Date.now() });
    };
    return [startJobLoop(job.name, job.local.everyMs, run, { runNow: job.local.atStart === 'unlessSeeded' && !options.seeded })];
  });
  return {
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}
