import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { BusinessMetric } from '../functions/lib/observability/metrics';

/**
 * What the functions' Powertools Logger and Metrics read (functions/lib/observability/). The
 * service name is the `service` dimension Powertools puts on every business metric, so the alarms
 * below must use the same one.
 */
export const serviceName = (stage: string) => `lianxin-${stage}`;
export const metricsNamespace = 'Lianxin';

export function observabilityEnvironment(stage: string): Record<string, string> {
  return { POWERTOOLS_SERVICE_NAME: serviceName(stage), POWERTOOLS_METRICS_NAMESPACE: metricsNamespace };
}

/** A business count as the functions write it (EMF), summed over `period`. */
export function businessMetric(stage: string, name: BusinessMetric, period = Duration.minutes(5)): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: metricsNamespace, metricName: name, dimensionsMap: { service: serviceName(stage) }, statistic: 'Sum', period });
}
