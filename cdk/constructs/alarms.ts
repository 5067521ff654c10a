import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { businessMetric } from '../observability';

const FIVE_MINUTES = Duration.minutes(5);
/** CloudWatch allows at most 10 metrics in one metric-math alarm. */
const MAX_METRICS_PER_ALARM = 10;

export interface AlarmsProps {
  stage: string;
  httpApi: apigw.HttpApi;
  authorizerFn: IFunction;
  /** Functions outside the feature route stacks (the outbox sender, scheduled jobs). */
  functions: Array<{ routeId: string; fn: IFunction }>;
  /** Optional address subscribed to the alarm topic (context `alarmEmail`). */
  alarmEmail?: string;
}

/**
 * Alarms, all sent to one SNS topic:
 * - API 5xx: the route handlers turn any unexpected error into a plain 500 response, so the
 *   function itself succeeds and only the API's 5xx count shows it. 5 in 5 minutes: a single
 *   failed request is retried by the user, a handful means something is broken.
 * - the functions' Errors (crashes, timeouts, out of memory): see functionErrorAlarms. The route
 *   functions' alarms live in their feature's nested stack (cdk/constructs/feature-routes.ts).
 * - the authorizer's Errors: when it fails, every signed-in request fails.
 * - business counts that mean a person was let down without any function failing: a notification
 *   given up for good (OutboxFailed: after every retry, or a fault retrying cannot fix; the
 *   family or contact never hears of the message or reminder), and an import job given up
 *   (ImportJobFailed: staff are left with a half-done or undone import). One is already worth a
 *   look; both are near zero when things work. DynamoDB unavailable after the SDK's retries
 *   (DynamoUnavailable: throttled, failing or timing out): each such request was answered 503 with
 *   Retry-After and nothing was half-written, so a few are the client retrying its way through a
 *   blip; 10 in 5 minutes means users are being turned away (a hot partition, a regional fault).
 *   Refused bookings get no alarm: every refusal is a
 *   booking rule doing its job (full, closed, too many, already booked, offer expired) with a
 *   clear message to the user; a rise in them is a capacity question for a dashboard, not a page.
 * Missing data (no traffic) is not breaching.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly api5xx: cloudwatch.Alarm;
  readonly authorizerErrors: cloudwatch.Alarm;
  readonly functionErrors: cloudwatch.Alarm[];
  readonly outboxFailed: cloudwatch.Alarm;
  readonly importJobFailed: cloudwatch.Alarm;
  readonly dynamoUnavailable: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: `Lianxin ${props.stage} alarms`, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const alarm = alarmFactory(this, props.stage, this.topic);
    this.api5xx = alarm(
      'Api5xx',
      'the API answered 5 or more server errors (5xx) in 5 minutes',
      props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      5,
    );
    this.authorizerErrors = alarm(
      'AuthorizerErrors',
      'the session authorizer failed (every signed-in request fails with it)',
      props.authorizerFn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      1,
    );
    this.outboxFailed = alarm('OutboxFailed', 'a notification was given up for good (OutboxFailed)', businessMetric(props.stage, 'OutboxFailed'), 1);
    this.importJobFailed = alarm('ImportJobFailed', 'an import job was given up (ImportJobFailed)', businessMetric(props.stage, 'ImportJobFailed'), 1);
    this.dynamoUnavailable = alarm('DynamoUnavailable', 'DynamoDB turned 10 or more requests away in 5 minutes (503 service_busy)', businessMetric(props.stage, 'DynamoUnavailable'), 10);
    this.functionErrors = functionErrorAlarms(this, { stage: props.stage, topic: this.topic, functions: props.functions });
  }
}

function alarmFactory(scope: Construct, stage: string, topic: sns.ITopic) {
  const action = new actions.SnsAction(topic);
  return (id: string, description: string, metric: cloudwatch.IMetric, threshold: number) => {
    const a = new cloudwatch.Alarm(scope, id, {
      alarmDescription: `Lianxin ${stage}: ${description}`,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    a.addAlarmAction(action);
    a.addOkAction(action);
    return a;
  };
}

/**
 * Any error of these functions is a bug. One metric-math alarm (SUM) per feature (the route id's
 * prefix) and at most 10 functions (CloudWatch's limit per alarm), naming its routes: an alarm per
 * function would put ~90 alarms into the stacks. The function's own Errors metric then shows
 * which one failed.
 */
export function functionErrorAlarms(
  scope: Construct,
  props: { stage: string; topic: sns.ITopic; functions: Array<{ routeId: string; fn: IFunction }> },
): cloudwatch.Alarm[] {
  const alarm = alarmFactory(scope, props.stage, props.topic);
  const byFeature = new Map<string, Array<{ routeId: string; fn: IFunction }>>();
  for (const f of props.functions) {
    const feature = f.routeId.split('.')[0];
    byFeature.set(feature, [...(byFeature.get(feature) ?? []), f]);
  }
  const made: cloudwatch.Alarm[] = [];
  for (const [feature, functions] of byFeature) {
    for (let i = 0; i < functions.length; i += MAX_METRICS_PER_ALARM) {
      const group = functions.slice(i, i + MAX_METRICS_PER_ALARM);
      const usingMetrics = Object.fromEntries(group.map(({ fn }, j) => [`e${j}`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' })]));
      const expression = new cloudwatch.MathExpression({ expression: `SUM([${Object.keys(usingMetrics).join(',')}])`, usingMetrics, period: FIVE_MINUTES });
      const names = group.map((g) => g.routeId).join(', ');
      made.push(alarm(`Errors-${feature}-${i / MAX_METRICS_PER_ALARM}`, `a function of ${names} failed (error, timeout or out of memory)`.slice(0, 1000), expression, 1));
    }
  }
  return made;
}
