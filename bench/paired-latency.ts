/**
 * Latency of a route against one raw DynamoDB call in the same run, interleaved so the drift of a
 * shared, noisy machine hits both alike; only the ratio means anything. Used by every benchmark
 * that states a budget as "× one raw request".
 */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number) => Math.round(n * 1000) / 1000;

export interface PairedLatency {
  routeMs: { p50: number; p99: number };
  rawMs: { p50: number; p99: number };
  ratio: { p50: number; p99: number };
}

export async function pairedLatency(route: () => Promise<unknown>, raw: () => Promise<unknown>, options: { iterations: number; warmup: number }): Promise<PairedLatency> {
  for (let i = 0; i < options.warmup; i++) {
    await raw();
    await route();
  }
  const routeMs: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    let t = performance.now();
    await raw();
    rawMs.push(performance.now() - t);
    t = performance.now();
    await route();
    routeMs.push(performance.now() - t);
  }
  routeMs.sort((a, b) => a - b);
  rawMs.sort((a, b) => a - b);
  const at = (sorted: number[]) => ({ p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) });
  return {
    routeMs: at(routeMs),
    rawMs: at(rawMs),
    ratio: { p50: round(percentile(routeMs, 50) / percentile(rawMs, 50)), p99: round(percentile(routeMs, 99) / percentile(rawMs, 99)) },
  };
}
