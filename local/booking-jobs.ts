import { generateSessions } from '../functions/booking/generate-sessions';
import { sweepExpiredOffers } from '../functions/lib/db/booking/sweeps';

/**
 * The booking feature's scheduled work, as the local stage runs it (in AWS: scheduled functions):
 * open the next 14 days of sessions (at start, when the table already existed, and every 6 hours),
 * and pass expired waiting-list offers on every minute. A failure is logged and tried next time.
 */
export function startBookingJobs(options: { generateNow: boolean }): () => void {
  const run = (name: string, job: () => Promise<unknown>) => () => {
    job().catch((err: Error) => console.error(JSON.stringify({ level: 'error', job: name, message: err.message })));
  };
  const generate = run('generate-sessions', () => generateSessions(new Date()));
  const sweep = run('sweep-offers', () => sweepExpiredOffers(new Date()));
  if (options.generateNow) generate();
  const timers = [setInterval(generate, 6 * 3_600_000), setInterval(sweep, 60_000)];
  for (const t of timers) t.unref();
  return () => timers.forEach((t) => clearInterval(t));
}
