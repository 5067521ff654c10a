import { readFile, writeFile } from 'node:fs/promises';
import { spawnLocalStack } from '../local/spawn';
import { measureMessagingCalls } from './messaging';

/**
 * Re-measures only messaging's DynamoDB requests per call (not the 32-client throughput run, which
 * takes minutes on a shared machine) and replaces that part of bench/results/messaging.json.
 * `AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true tsx bench/messaging-calls.ts`
 */
const stack = await spawnLocalStack({ tableName: 'lianxin-bench-calls'});
try {
  const { calls } = await measureMessagingCalls(stack);
  const file = 'bench/results/messaging.json';
  const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, `${JSON.stringify({ ...saved, ddbRequestsPerCallMeasuredAt: new Date().toISOString(), ddbRequestsPerCall: calls }, null, 2)}\n`);
  for (const c of calls) console.log(`${c.routeId}: ${c.requests} (${c.operations.join(',')}) budget ${c.budget}${c.withinBudget ? '' : ' OVER BUDGET'}`);
  if (calls.some((c) => !c.withinBudget)) process.exitCode = 1;
} finally {
  await stack.stop();
}
