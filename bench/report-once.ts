// Runs only the report benchmark (npx tsx bench/report-once.ts); `npm run bench` runs it with the rest.
import { writeFile } from 'node:fs/promises';
import { spawnLocalStack } from '../local/spawn';
import { measureReport } from './report';

const stack = await spawnLocalStack({ tableName: 'lianxin-bench-report', logFile: process.env.REPORT_BENCH_LOG });
try {
  const result = await measureReport(stack);
  await writeFile('bench/results/report.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await stack.stop();
}
