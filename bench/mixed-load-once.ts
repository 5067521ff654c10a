// Runs only the mixed-load benchmark (npx tsx bench/mixed-load-once.ts); `npm run bench` runs it with the rest.
import { writeFile } from 'node:fs/promises';
import { spawnLocalStack } from '../local/spawn';
import { measureMixedLoad, mixedLoadFailures } from './mixed-load';

const stack = await spawnLocalStack({ tableName: 'lianxin-bench-mixed', verbose: Boolean(process.env.LIANXIN_BENCH_VERBOSE) });
try {
  const result = await measureMixedLoad(stack);
  await writeFile('bench/results/mixed-load.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`);
  console.log(JSON.stringify({ routes: result.routes, writesExact: result.writesExact }, null, 2));
  const failures = mixedLoadFailures(result);
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exitCode = 1;
  }
} finally {
  await stack.stop();
}
