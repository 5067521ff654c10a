import type { ImportJob } from '../../domain';
import type { ImportJobItem } from '../lib/db/import-jobs';

/** An import job as the officer's page shows it. */
export function importJobView(job: ImportJobItem): ImportJob {
  return {
    importId: job.importId,
    kind: job.kind,
    status: job.status,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.progress ? { progress: job.progress } : {}),
    ...(job.report ? { report: job.report } : {}),
    ...(job.failure ? { failure: job.failure } : {}),
  };
}
