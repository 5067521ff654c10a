import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { countMetric } from '../observability/metrics';
import { db } from './client';
import { DynamoUnavailable, THROTTLED_CANCELLATION } from './unavailable';

/**
 * The one way to run a TransactWriteItems in functions/.
 *
 * Every part carries a label, so a refused transaction is read by name ("the session's quota
 * condition failed"), never by position, and a caller can add or reorder parts without breaking
 * its error handling. Three outcomes besides success:
 * - a part's condition failed: the first label the caller listed in `refusals` becomes the error it
 *   named; otherwise `TransactionRefused` carries every failed label for the caller to decide;
 * - the Idempotency-Key marker's condition failed (another request with the same key got there
 *   first): `KeyAlreadyUsed`, whatever else failed, because that request's answer is the answer;
 * - only `TransactionConflict` (another transaction was on the same items at that moment): tried
 *   again under ONE retry policy, full-jitter exponential backoff, bounded in attempts. Conditions,
 *   not the retry, are what keep data right; the retry only spares the user an error;
 * - DynamoDB throttled the transaction (no condition failed): `DynamoUnavailable`, which the route
 *   answers 503 + Retry-After; nothing was written, and the caller repeats the request.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The label reserved for the Idempotency-Key marker (functions/lib/http/idempotency.ts). */
export const IDEMPOTENCY_LABEL = 'idempotency';

export interface Part<L extends string = string> {
  label: L;
  item: TransactItem;
}

/** Labels every item of a list the same way (e.g. outbox items, a batch of puts). */
export const part = <L extends string>(label: L, item: TransactItem): Part<L> => ({ label, item });
export const parts = <L extends string>(label: L, items: readonly TransactItem[]): Part<L>[] => items.map((item) => ({ label, item }));

interface CancellationReason {
  Code?: string;
  Item?: Record<string, unknown>;
}

/** A transaction DynamoDB cancelled because conditions failed, read by the parts' labels. */
export class TransactionRefused<L extends string = string> extends Error {
  readonly failed: L[];
  constructor(
    private readonly labelled: ReadonlyArray<{ label: L; code: string; item?: Record<string, unknown> }>,
  ) {
    const failed = labelled.filter((r) => r.code === 'ConditionalCheckFailed').map((r) => r.label);
    super(`transaction refused: ${failed.join(',') || labelled.map((r) => r.code).join(',')}`);
    this.name = 'TransactionRefused';
    this.failed = failed;
  }

  /** Whether this part's condition failed. */
  has(label: L): boolean {
    return this.failed.includes(label);
  }

  /**
   * The item as it was when the part's condition failed, for parts written with
   * `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`.
   */
  itemOf<T = Record<string, unknown>>(label: L): T | undefined {
    const reason = this.labelled.find((r) => r.label === label && r.code === 'ConditionalCheckFailed');
    // The document client does not unmarshall the items inside a cancellation.
    return reason?.item ? (unmarshall(reason.item as Parameters<typeof unmarshall>[0]) as T) : undefined;
  }
}

/** The Idempotency-Key marker exists already: the request with that key has been done. */
export class KeyAlreadyUsed extends Error {
  constructor() {
    super('idempotency key already used');
    this.name = 'KeyAlreadyUsed';
  }
}

export interface TransactOptions<L extends string> {
  /**
   * What the caller should see when a part's condition fails, in priority order: the first listed
   * label that failed wins. Labels not listed surface as `TransactionRefused`.
   */
  refusals?: { readonly [K in L]?: () => Error };
  /**
   * Runs before each retry after a conflict; may throw to stop retrying (e.g. a booking looks at
   * the quota again: once it is gone, retrying only adds load).
   */
  beforeRetry?: () => Promise<void>;
}

/**
 * The retry policy. Twelve attempts cover the worst contention measured (hundreds of bookings on
 * one session's counter); the cap keeps the worst wait near two seconds.
 */
export const RETRY = { attempts: 12, baseMs: 10, capMs: 320 } as const;

export function retryDelayMs(attempt: number, random = Math.random): number {
  return random() * Math.min(RETRY.capMs, RETRY.baseMs * 2 ** attempt);
}

/** Waits out the policy's pause before `attempt` (also for re-read-and-retry loops and batch leftovers). */
export const backoff = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, retryDelayMs(attempt)));

export async function transact<L extends string>(partsIn: ReadonlyArray<Part<L>>, options: TransactOptions<L> = {}): Promise<void> {
  if (partsIn.length === 0) return;
  for (let attempt = 0; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: partsIn.map((p) => p.item) }));
      return;
    } catch (err) {
      const reasons = (err as { CancellationReasons?: CancellationReason[] }).CancellationReasons;
      if ((err as Error).name !== 'TransactionCanceledException' || !reasons) throw err;
      const labelled = reasons.map((r, i) => ({ label: partsIn[i].label, code: r.Code ?? 'None', ...(r.Item ? { item: r.Item } : {}) }));
      const failed = labelled.filter((r) => r.code === 'ConditionalCheckFailed');
      if (failed.some((r) => r.label === IDEMPOTENCY_LABEL)) throw new KeyAlreadyUsed();
      if (failed.length) throw refusal(new TransactionRefused(labelled), options.refusals);
      if (labelled.some((r) => THROTTLED_CANCELLATION.has(r.code))) throw new DynamoUnavailable('throttled', { cause: err });
      const conflictOnly = labelled.some((r) => r.code === 'TransactionConflict');
      if (!conflictOnly || attempt + 1 >= RETRY.attempts) throw new TransactionRefused(labelled);
      countMetric('TransactionConflictRetried');
      await backoff(attempt);
      if (options.beforeRetry) await options.beforeRetry();
    }
  }
}

function refusal<L extends string>(refused: TransactionRefused<L>, refusals: TransactOptions<L>['refusals']): Error {
  if (!refusals) return refused;
  for (const label of Object.keys(refusals) as L[]) {
    const make = refusals[label];
    if (make && refused.has(label)) return make();
  }
  return refused;
}
