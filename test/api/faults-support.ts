import { randomBytes } from 'node:crypto';
import type { FaultKind, FaultPlan, FaultStats } from '../../local/dynamo-faults';
import { withRetry } from '../../miniapp/src/api/retry';
import { call, type ApiResponse } from '../support/api';

/**
 * DynamoDB faults for one test (local/dynamo-faults.ts): a scope of its own, sent with every API
 * call the test makes under faults, so no other suite sharing the stack meets them.
 */
export function faultScope(tag: string) {
  const scope = `${tag}-${randomBytes(6).toString('hex')}`;
  const control = (method: string, plan?: FaultPlan) => call<FaultStats>(method, `/__dev/faults?scope=${scope}`, plan ? { body: plan } : {});
  return {
    scope,
    /** The header that puts an API call under this scope's faults. */
    header: { 'x-lianxin-fault-scope': scope } as Record<string, string>,
    async on(plan: FaultPlan): Promise<void> {
      const res = await control('POST', plan);
      if (res.status !== 204) throw new Error(`fault plan refused: ${res.status} ${JSON.stringify(res.body)}`);
    },
    /** Stops faulting; answers what was injected, and forgets it. */
    async off(): Promise<FaultStats> {
      return (await control('DELETE')).body;
    },
  };
}

/** A mix of every kind, timeouts rarer (each costs the SDK's request timeout, 2 s). */
export const MIXED: Partial<Record<FaultKind, number>> = { throttle: 3, transactThrottle: 2, internal: 3, timeout: 1, lostReply: 1 };

/** What the client saw over a burst. */
export interface Tally {
  requests: number;
  statuses: Record<number, number>;
  /** 503s that came without a Retry-After header (must stay 0). */
  withoutRetryAfter: number;
  /** Answers that were not JSON with a Chinese message (a stack trace, a gateway page). */
  unreadable: number;
}

export const newTally = (): Tally => ({ requests: 0, statuses: {}, withoutRetryAfter: 0, unreadable: 0 });

/**
 * What the mini-program does: its own retry (miniapp/src/api/retry.ts, the same function) tries a
 * 503 again after Retry-After with the SAME Idempotency-Key, up to its bound; then the page shows
 * the message and the user taps 重试, which sends the same key again (up to `taps` times here).
 * Everything seen on the way is tallied.
 */
export async function sendWithRetries(send: () => Promise<ApiResponse>, tally: Tally, taps = 4): Promise<ApiResponse> {
  const once = async () => {
    const res = await send();
    tally.requests++;
    tally.statuses[res.status] = (tally.statuses[res.status] ?? 0) + 1;
    if (res.status >= 400 && !(res.body && typeof res.body === 'object' && /[\u4e00-\u9fa5]/.test(String(res.body.message)))) tally.unreadable++;
    const retryAfter = res.headers.get('retry-after') ?? undefined;
    if (res.status === 503 && !(Number(retryAfter) > 0)) tally.withoutRetryAfter++;
    return { status: res.status, retryAfter, res };
  };
  for (let tap = 1; ; tap++) {
    const { res } = await withRetry(true, once);
    if (res.status !== 503 || tap >= taps) return res;
  }
}

/** The figures a burst reports, for the log and the hand-over. */
export function describeRun(feature: string, logical: number, tally: Tally, stats: FaultStats, seconds: number): string {
  const injected = Object.values(stats.injected).reduce((a, b) => a + b, 0);
  const kinds = Object.entries(stats.injected).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  const statuses = Object.entries(tally.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
  return `${feature}: ${logical} logical writes, ${tally.requests} HTTP requests (${tally.requests - logical} sent again with the same key; ${statuses}); DynamoDB ${stats.requests} requests, ${injected} faulted (${((100 * injected) / Math.max(1, stats.requests)).toFixed(0)}%: ${kinds}); ${seconds.toFixed(1)} s`;
}

/** Runs `n` logical requests at once, each retried like the client would. */
export async function burst(n: number, one: (i: number) => () => Promise<ApiResponse>, tally: Tally): Promise<ApiResponse[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => sendWithRetries(one(i), tally)));
}
