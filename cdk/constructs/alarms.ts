import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

const FIVE_MINUTES = Duration.minutes(5);

export interface AlarmsProps {
  stage: string;
  httpApi: apigw.HttpApi;
  authorizerFn: IFunction;
  routeFunctions: Array<{ routeId: string; fn: IFunction }>;
  /** Optional address subscribed to the alarm topic (context `alarmEmail`). */
  alarmEmail?: string;
}

/**
 * Alarms, all sent to one SNS topic:
 * - API 5xx: the route handlers turn any unexpected error into a plain 500 response, so the
 *   function itself succeeds and only the API's 5xx count shows it. 5 in 5 minutes: a single
 *   failed request is retried by the user, a handful means something is broken.
 * - each route function's Errors (crashes, timeouts, out of memory): any one is a bug.
 *   One alarm per function rather than one metric-math alarm: an alarm takes at most 10 metrics,
 *   and a per-function alarm names the broken route.
 * - the authorizer's Errors: when it fails, every signed-in request fails.
 * Missing data (no traffic) is not breaching.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly api5xx: cloudwatch.Alarm;
  readonly authorizerErrors: cloudwatch.Alarm;
  readonly functionErrors: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: `Lianxin ${props.stage} alarms`, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const action = new actions.SnsAction(this.topic);

    const alarm = (id: string, description: string, metric: cloudwatch.IMetric, threshold: number) => {
      const a = new cloudwatch.Alarm(this, id, {
        alarmDescription: `Lianxin ${props.stage}: ${description}`,
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
    for (const { routeId, fn } of props.routeFunctions) {
      this.functionErrors.push(
        alarm(`Errors-${routeId}`, `the function of route ${routeId} failed (error, timeout or out of memory)`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 1),
      );
    }
  }
}
