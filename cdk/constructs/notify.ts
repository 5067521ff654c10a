import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { entityInserts } from './table-stream';

/**
 * How outbox items reach the sender (functions/notify/):
 * - the table stream, filtered to INSERTs of outbox items, for immediacy. Lambda evaluates the
 *   filter, so the function is not even invoked for the other writes of the table. The handler
 *   never throws for one item (it logs; the sweep retries), so a batch is not re-run;
 * - an EventBridge schedule every minute, sweeping the due index for scheduled items, retries and
 *   claims whose sender died.
 */
export class Notify extends Construct {
  constructor(scope: Construct, id: string, props: { table: dynamodb.ITable; onStream: lambda.IFunction; sweep: lambda.IFunction }) {
    super(scope, id);
    (props.onStream as lambda.Function).addEventSource(entityInserts(props.table, 'outbox', { batchSize: 10, retryAttempts: 2, bisectBatchOnError: true }));
    new events.Rule(this, 'Sweep', {
      description: 'Every minute: deliver due outbox items (scheduled, retries, expired claims)',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(props.sweep, { retryAttempts: 0 })],
    });
  }
}
