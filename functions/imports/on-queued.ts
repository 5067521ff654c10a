import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { IMPORT_RUN_BUDGET_MS, runImportJob } from '../lib/imports/run-job';
import { errorFields, logger } from '../lib/observability/logger';
import { observedJob } from '../lib/observability/middleware';

/**
 * From the table stream, filtered to INSERTs of import jobs (functions/jobs.ts): runs
 * each new job at once. A run that cannot finish leaves the job pending for the sweep, so this
 * never throws for one job and a batch is not re-run.
 */
export const handler = observedJob('imports.onQueued', async (event: DynamoDBStreamEvent, context: Context): Promise<void> => {
  for (const record of event.Records) {
    const importId = record.dynamodb?.NewImage?.importId?.S;
    if (!importId) continue;
    const left = context.getRemainingTimeInMillis?.() ?? IMPORT_RUN_BUDGET_MS;
    try {
      await runImportJob(importId, Date.now() + Math.min(IMPORT_RUN_BUDGET_MS, left - 20_000));
    } catch (err) {
      logger.error('import job failed', { importId, ...errorFields(err) });
    }
  }
});
