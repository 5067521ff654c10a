import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';

/**
 * The table stream, filtered to INSERTs of one entity: Lambda evaluates the filter, so the function
 * is not even invoked for the table's other writes. Starts at the newest record, no batching window.
 */
export function entityInserts(table: dynamodb.ITable, entity: string, options: { batchSize: number; retryAttempts: number; bisectBatchOnError?: boolean }): DynamoEventSource {
  return new DynamoEventSource(table, {
    startingPosition: lambda.StartingPosition.LATEST,
    maxBatchingWindow: Duration.seconds(0),
    ...options,
    filters: [
      lambda.FilterCriteria.filter({
        eventName: lambda.FilterRule.isEqual('INSERT'),
        dynamodb: { NewImage: { entity: { S: lambda.FilterRule.isEqual(entity) } } },
      }),
    ],
  });
}
