// Runs only the ledger benchmark (npx tsx bench/ledger-once.ts); `npm run bench` runs it with the rest.
import { writeFile } from 'node:fs/promises';
import { spawnLocalStack } from '../local/spawn';
import { measureLedgerDashboard } from './ledger';

const stack = await spawnLocalStack({ tableName: 'lianxin-bench-ledger' });
try {
  const result = await measureLedgerDashboard(stack);
  await writeFile('bench/results/ledger-dashboard.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await stack.stop();
}
