/**
 * DEV ONLY. A job the local stage runs in a loop where AWS runs it from the table stream and a
 * schedule: every `intervalMs`, unless the previous run is still going. A failure is logged and
 * tried again next time; stop() waits for the run under way.
 */
export function startJobLoop(name: string, intervalMs: number, job: () => Promise<unknown>): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = job()
      .catch((err: Error) => console.error(`${name} failed: ${err.message}`))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
