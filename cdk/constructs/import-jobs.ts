import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { entityInserts } from './table-stream';

/**
 * How an import job (functions/lib/imports/run-job.ts) starts: the table stream, filtered to INSERTs
 * of import jobs, runs it at once; the every-minute sweep (a `schedule` in backgroundFunctions)
 * takes up whatever a run left unfinished. One record per batch: a run may take minutes, and the
 * handler never throws for a job (it leaves it to the sweep), so a batch is not re-run.
 */
export class ImportJobs extends Construct {
  constructor(scope: Construct, id: string, props: { table: dynamodb.ITable; onQueued: lambda.IFunction }) {
    super(scope, id);
    (props.onQueued as lambda.Function).addEventSource(entityInserts(props.table, 'importJob', { batchSize: 1, retryAttempts: 0 }));
  }
}
