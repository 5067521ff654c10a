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
  const stack = await spawnLocalStack({ verbose: Boolean(process.env.LIANXIN_TEST_VERBOSE), dynamoFaults: true });
  globalThis.__lianxinStack = stack;
  Object.assign(process.env, { LIANXIN_API_URL: stack.url }, stackEnvironment(stack));
}
