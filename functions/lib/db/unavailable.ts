/**
 * DynamoDB could not serve a request even after the SDK's own retries (functions/lib/db/client.ts):
 * it throttled, failed on its side (5xx) or did not answer in time. Nothing about the request was
 * wrong and the data is as a transaction left it (all or nothing), so the route answers 503 with
 * Retry-After (functions/lib/http/route-handler.ts) and the caller repeats the request, with the
 * same Idempotency-Key where the route takes one.
 */
export class DynamoUnavailable extends Error {
  constructor(readonly reason: 'throttled' | 'failed' | 'timeout', options?: { cause?: unknown }) {
    super(`DynamoDB unavailable: ${reason}`, options);
    this.name = 'DynamoUnavailable';
  }
}

/** DynamoDB's words for "too many requests right now" (TransactionInProgress: the same transaction is still running). */
const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
]);
/** A request that got no answer: the SDK's timeouts and the socket errors Node reports. */
const NO_ANSWER_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);
const NO_ANSWER_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** The unavailability an SDK error stands for, or undefined for an error of the request itself (a failed condition, bad input). */
export function unavailabilityOf(err: unknown): DynamoUnavailable['reason'] | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name && THROTTLED.has(e.name)) return 'throttled';
  if ((e.name && NO_ANSWER_NAMES.has(e.name)) || (e.code && NO_ANSWER_CODES.has(e.code))) return 'timeout';
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return 'failed';
  return undefined;
}

/** The cancellation reasons DynamoDB gives a transaction it throttled (no condition failed). */
export const THROTTLED_CANCELLATION = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded']);
