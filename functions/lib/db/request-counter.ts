import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts DynamoDB requests made while handling one API call, so tests and benchmarks can hold each
 * route to its budget (e.g. one Query for the contacts read). The local runtime reports the count
 * in a response header; in Lambda nothing wraps the call, so nothing is counted. The local runtime
 * also carries a test's fault scope here (local/dynamo-faults.ts), so injected DynamoDB faults hit
 * only the calls of the test that asked for them.
 */
const storage = new AsyncLocalStorage<{ requests: number; operations: string[]; faultScope?: string }>();

export function withRequestCounting<T>(fn: () => Promise<T>, options: { faultScope?: string } = {}) {
  const store = { requests: 0, operations: [] as string[], faultScope: options.faultScope };
  return storage.run(store, async () => ({ result: await fn(), count: store }));
}

export function recordDynamoRequest(operation: string) {
  const store = storage.getStore();
  if (store) {
    store.requests += 1;
    store.operations.push(operation);
  }
}

/** The fault scope of the API call under way (local runtime only). */
export const currentFaultScope = () => storage.getStore()?.faultScope;
