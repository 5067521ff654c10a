// Runs only the Lambda bundle benchmark (npx tsx bench/lambda-bundles-once.ts); `npm run bench`
// runs it with the rest. Exits 1 when a function breaks its size or cold-require budget.
import { writeFile } from 'node:fs/promises';
import { lambdaBudgetFailures, measureLambdaBundles } from './lambda-bundles';

const out = process.argv[2] ?? 'bench/results/lambda-bundles.json';
const result = await measureLambdaBundles();
await writeFile(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`);
const sizes = result.functions.map((f) => f.bytes).sort((a, b) => a - b);
const ratios = result.functions.map((f) => f.coldRequireRatio).sort((a, b) => a - b);
const overSdk = result.functions.map((f) => f.coldRequireOverSdk).sort((a, b) => a - b);
const mid = (xs: number[]) => xs[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ functions: sizes.length, bytes: { min: sizes[0], median: mid(sizes), max: sizes.at(-1) }, coldRequireRatio: { min: ratios[0], median: mid(ratios), max: ratios.at(-1) }, coldRequireOverSdk: { min: overSdk[0], median: mid(overSdk), max: overSdk.at(-1) }, emptyMs: result.emptyModuleColdRequireMs, sdkMs: result.sdkBaselineColdRequireMs }));
const failures = lambdaBudgetFailures(result);
if (failures.length) {
  console.error(`Budgets broken:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
