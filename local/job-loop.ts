/**
 * DEV ONLY. A job the local stage runs in a loop where AWS runs it from the table stream and a
 * schedule (local/jobs.ts): every `intervalMs` (and at once with `runNow`), unless the previous run
 * is still going. A failure is logged and tried again next time; stop() waits for the run under way.
 */
export function startJobLoop(name: string, intervalMs: number, job: () => Promise<unknown>, options: { runNow?: boolean } = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = job()
      .catch((err: Error) => console.error(`${name} failed: ${err.message}`))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  if (options.runNow) tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
