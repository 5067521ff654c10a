import type { DynamoDBStreamEvent } from 'aws-lambda';
import { IMPORT_RUN_BUDGET_MS, runImportJob } from '../lib/imports/run-job';

/**
 * From the table stream, filtered to INSERTs of import jobs (functions/jobs.ts): runs
 * each new job at once. A run that cannot finish leaves the job pending for the sweep, so this
 * never throws for one job and a batch is not re-run.
 */
export async function handler(event: DynamoDBStreamEvent, context?: { getRemainingTimeInMillis?: () => number }): Promise<void> {
  for (const record of event.Records) {
    const importId = record.dynamodb?.NewImage?.importId?.S;
    if (!importId) continue;
    const left = context?.getRemainingTimeInMillis?.() ?? IMPORT_RUN_BUDGET_MS;
    try {
      await runImportJob(importId, Date.now() + Math.min(IMPORT_RUN_BUDGET_MS, left - 20_000));
    } catch (err) {
      console.error(JSON.stringify({ level: 'error', job: 'import', importId, message: (err as Error).message }));
    }
  }
}
