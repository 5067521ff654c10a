/**
 * When the app sends a request again by itself, before telling the user anything. The server
 * answers 503 with Retry-After when its database is busy for a moment (nothing was half-written);
 * a weak rural signal drops requests. Both usually pass within a second or two.
 *
 * Only requests that are safe to repeat are repeated: reads (GET), and writes carrying an
 * Idempotency-Key, sent again with the SAME key so the server answers the first result instead of
 * writing twice (a write without a key may have happened even though no answer came). Bounded:
 * at most 3 tries, and no new try after 20 s, so an elderly user is never left waiting long;
 * after that the page shows the Chinese message with its retry button, and a tap there reuses the
 * page's key too.
 *
 * Pure (no Taro), so it is tested directly (test/unit/miniapp-retry.test.ts).
 */
export const RETRY_POLICY = { attempts: 3, baseMs: 500, capMs: 4000, maxRetryAfterMs: 10_000, deadlineMs: 20_000 } as const;

/** One try's outcome: an HTTP answer, or none at all (network error or timeout). */
export type Outcome = { status: number; retryAfter?: string } | 'network';

export function isRepeatable(method: string, headers: Record<string, string> | undefined): boolean {
  if (method === 'GET') return true;
  return Object.keys(headers ?? {}).some((h) => h.toLowerCase() === 'idempotency-key');
}

/**
 * The pause before try `attempt + 1` (attempt counts from 1), or undefined when the outcome is not
 * worth another try: only a 503 or no answer are; a Retry-After longer than we would wait is not.
 */
export function retryDelay(outcome: Outcome, attempt: number, random: () => number = Math.random): number | undefined {
  if (outcome !== 'network' && outcome.status !== 503) return undefined;
  const backoff = Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * 2 ** (attempt - 1));
  // Jitter, so many phones told "1 s" do not all come back in the same instant.
  const jittered = backoff / 2 + random() * (backoff / 2);
  if (outcome === 'network' || outcome.retryAfter === undefined) return jittered;
  const seconds = Number(outcome.retryAfter);
  if (!Number.isFinite(seconds) || seconds < 0) return jittered;
  const asked = seconds * 1000;
  if (asked > RETRY_POLICY.maxRetryAfterMs) return undefined;
  return asked + random() * RETRY_POLICY.baseMs;
}

/**
 * Runs `attempt` until it gives an answer worth keeping, within the policy. `attempt` resolves
 * with the answer or rejects when none came; the last answer (or rejection) is the result.
 */
export async function withRetry<R extends { status: number; retryAfter?: string }>(
  repeatable: boolean,
  attempt: () => Promise<R>,
  options: { sleep?: (ms: number) => Promise<void>; now?: () => number; random?: () => number } = {},
): Promise<R> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const started = now();
  for (let n = 1; ; n++) {
    let outcome: Outcome;
    let result: R | undefined;
    let failure: unknown;
    try {
      result = await attempt();
      outcome = result;
    } catch (err) {
      failure = err;
      outcome = 'network';
    }
    const delay = repeatable && n < RETRY_POLICY.attempts ? retryDelay(outcome, n, options.random) : undefined;
    if (delay === undefined || now() - started + delay > RETRY_POLICY.deadlineMs) {
      if (result) return result;
      throw failure;
    }
    await sleep(delay);
  }
}
