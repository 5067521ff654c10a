// Runs only the import benchmark (npx tsx bench/ledger-import-once.ts); `npm run bench` runs it with the rest.
import { writeFile } from 'node:fs/promises';
import { spawnLocalStack } from '../local/spawn';
import { measureLedgerImport } from './ledger-import';

const stack = await spawnLocalStack({ tableName: 'lianxin-bench-import', verbose: Boolean(process.env.LIANXIN_BENCH_VERBOSE) });
try {
  const result = await measureLedgerImport(stack);
  await writeFile('bench/results/ledger-import.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await stack.stop();
}
