import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './logger';

/**
 * Business counts, written as CloudWatch embedded-metric-format records in the function's log and
 * turned into metrics by CloudWatch (no API call, no permission). cdk/observability.ts alarms on the
 * ones that mean users are hurt. Outside Lambda POWERTOOLS_METRICS_DISABLED keeps them off stdout.
 */
export type BusinessMetric =
  | 'TransactionConflictRetried'
  | 'OutboxSent'
  | 'OutboxSkipped'
  | 'OutboxFailed'
  | 'BookingMade'
  | 'BookingRefused'
  | 'ImportJobFailed'
  /** A route answered 503 because DynamoDB throttled, failed or timed out after the SDK's retries. */
  | 'DynamoUnavailable';

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'Lianxin',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'lianxin',
  logger,
});

/** Counts one business event; flushed at the end of the invocation (./middleware.ts). */
export function countMetric(name: BusinessMetric, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Writes what was counted, if anything (Powertools warns on every empty flush). */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
