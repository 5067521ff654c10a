import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import type { JobDef } from '../../functions/jobs';
import type { DataStore } from './data';
import { AppFunction } from './functions';
import { entityInserts } from './table-stream';

export interface JobsProps {
  jobs: readonly JobDef[];
  data: DataStore;
  environment: Record<string, string>;
  describe: (job: JobDef) => string;
}

/**
 * The functions of functions/jobs.ts, each with its one trigger: a stream job gets an event source
 * mapping on the table stream filtered to its entity's INSERTs; a scheduled job an EventBridge rule
 * (no retries: the next run comes within the schedule's period anyway). Each job has an execution
 * role of its own. Built directly in `scope` (the stack), where they were before the jobs had a
 * table, so that their logical ids stay.
 */
export function deployJobs(scope: Construct, props: JobsProps): Array<{ job: JobDef; fn: NodejsFunction }> {
  return props.jobs.map((job) => {
    const fn = new AppFunction(scope, `Background-${job.name}`, {
      handler: job.handler,
      description: props.describe(job),
      permissions: job.permissions,
      data: props.data,
      environment: props.environment,
      timeout: Duration.seconds(job.timeoutSeconds),
      memorySize: job.memoryMb,
    }).fn;
    const trigger = job.trigger;
    if (trigger.kind === 'stream') {
      const { batchSize, retryAttempts, bisectBatchOnError } = trigger;
      fn.addEventSource(entityInserts(props.data.table, trigger.entity, { batchSize, retryAttempts, bisectBatchOnError }));
    } else {
      new events.Rule(scope, `Schedule-${job.name}`, {
        description: job.summary,
        schedule: events.Schedule.expression(trigger.expression),
        targets: [new targets.LambdaFunction(fn, { retryAttempts: 0 })],
      });
    }
    return { job, fn };
  });
}
