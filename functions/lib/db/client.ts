import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getConfig } from '../config';
import { currentFaultScope, recordDynamoRequest } from './request-counter';
import { DynamoUnavailable, unavailabilityOf } from './unavailable';

let documentClient: DynamoDBDocumentClient | undefined;

/**
 * How long one DynamoDB request may take. DynamoDB answers in milliseconds; a request that has not
 * answered in 2 s is stuck, and the SDK's retry (3 attempts in all, its standard jittered backoff)
 * does better with a fresh connection. Worst case per call about 6.5 s, under a route's 10 s Lambda
 * timeout, so a stuck DynamoDB gives the caller a 503 to retry instead of a gateway timeout.
 * `throwOnRequestTimeout`: without it the SDK only logs a warning and keeps waiting.
 */
export const DYNAMO_TIMEOUTS = { connectionTimeout: 1000, requestTimeout: 2000, maxAttempts: 3 } as const;

/** The header the local fault injector (local/dynamo-faults.ts) reads to fault only a test's own calls. */
export const FAULT_SCOPE_HEADER = 'x-lianxin-fault-scope';

/** One client per process, created on first use (not at import, to keep cold starts light). */
export function db(): DynamoDBDocumentClient {
  if (documentClient) return documentClient;
  const config = getConfig();
  const client = new DynamoDBClient({
    region: config.region,
    maxAttempts: DYNAMO_TIMEOUTS.maxAttempts,
    requestHandler: {
      // The connection timeout also runs while a request waits for a free socket; the local stage,
      // queueing hundreds of requests, waits as long for that as for an answer.
      connectionTimeout: config.dynamoRequestTimeoutMs ?? DYNAMO_TIMEOUTS.connectionTimeout,
      requestTimeout: config.dynamoRequestTimeoutMs ?? DYNAMO_TIMEOUTS.requestTimeout,
      throwOnRequestTimeout: true,
    },
    ...(config.dynamoEndpoint
      ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      recordDynamoRequest(String(context.commandName ?? 'unknown'));
      return next(args);
    },
    { step: 'initialize', name: 'lianxinRequestCounter' },
  );
  // Outside the SDK's retries: what still fails after them is named once, for the route's 503.
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        const reason = unavailabilityOf(err);
        throw reason ? new DynamoUnavailable(reason, { cause: err }) : err;
      }
    },
    { step: 'initialize', name: 'lianxinUnavailable' },
  );
  if (config.stage === 'local' && config.dynamoEndpoint) {
    client.middlewareStack.add(
      (next) => async (args) => {
        const scope = currentFaultScope();
        const request = args.request as { headers?: Record<string, string> };
        if (scope && request.headers) request.headers[FAULT_SCOPE_HEADER] = scope;
        return next(args);
      },
      { step: 'build', name: 'lianxinFaultScope' },
    );
    // A test's faulted requests give up after the deployed request timeout, so a hung request costs
    // what it would in AWS, while the rest of the local stage waits out DynamoDB Local's queue.
    const http = client.config.requestHandler as unknown as { handle(request: { headers: Record<string, string> }, options?: { requestTimeout?: number }): Promise<unknown> };
    const handle = http.handle.bind(http);
    http.handle = (request, options = {}) =>
      handle(request, request.headers[FAULT_SCOPE_HEADER] ? { ...options, requestTimeout: DYNAMO_TIMEOUTS.requestTimeout } : options);
  }
  documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export const tableName = () => getConfig().tableName;
