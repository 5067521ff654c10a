import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';

/**
 * How an import job (functions/lib/imports/run-job.ts) starts: the table stream, filtered to INSERTs
 * of import jobs, runs it at once; the every-minute sweep (a `schedule` in backgroundFunctions)
 * takes up whatever a run left unfinished. One record per batch: a run may take minutes, and the
 * handler never throws for a job (it leaves it to the sweep), so a batch is not re-run.
 */
export class ImportJobs extends Construct {
  constructor(scope: Construct, id: string, props: { table: dynamodb.ITable; onQueued: lambda.IFunction }) {
    super(scope, id);
    (props.onQueued as lambda.Function).addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.LATEST,
        batchSize: 1,
        maxBatchingWindow: Duration.seconds(0),
        retryAttempts: 0,
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: lambda.FilterRule.isEqual('importJob') } } },
          }),
        ],
      }),
    );
  }
}
