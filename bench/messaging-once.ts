// Runs only the messaging benchmark (npx tsx bench/messaging-once.ts); `npm run bench` runs it with the rest.
import { writeFile } from 'node:fs/promises';
import { spawnLocalStack } from '../local/spawn';
import { measureMessaging } from './messaging';

const stack = await spawnLocalStack({ tableName: 'lianxin-bench-messaging', verbose: Boolean(process.env.BENCH_VERBOSE) });
try {
  const result = await measureMessaging(stack);
  await writeFile('bench/results/messaging.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await stack.stop();
}
