import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnLocalStack, stackEnvironment, type SpawnedStack } from '../../local/spawn';

/**
 * Starts the local stack exactly as `npm start` does, in memory on free ports, once for the whole
 * run: the api and e2e projects share it. With the DynamoDB fault injector in front of DynamoDB
 * Local (local/dynamo-faults.ts): it faults only the calls of a test that asks, by its scope. Test workers find it, and the table for their
 * before/after checks, through the environment.
 */
declare global {
  // eslint-disable-next-line no-var
  var __lianxinStack: SpawnedStack | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (globalThis.__lianxinStack) return;
  // The stack's own output (its functions' log lines) goes to a file beside the screenshots, for a
  // failed run to be explained afterwards (CI keeps test-artifacts/).
  mkdirSync('test-artifacts', { recursive: true });
  const logFile = 'test-artifacts/local-stack.log';
  writeFileSync(logFile, '');
  const stack = await spawnLocalStack({ verbose: Boolean(process.env.LIANXIN_TEST_VERBOSE), dynamoFaults: true, logFile });
  globalThis.__lianxinStack = stack;
  Object.assign(process.env, { LIANXIN_API_URL: stack.url }, stackEnvironment(stack));
}
