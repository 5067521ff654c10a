import type { FunctionPermissions } from '../cdk/permissions';

/**
 * Every function that no route invokes: what starts it, how long and how large it runs, and what it
 * may touch. Like functions/routes.ts for the API, the CDK stack deploys exactly these (cdk/stack.ts)
 * and the local runtime runs the same list (local/jobs.ts), so the two cannot drift.
 */
export type JobTrigger =
  /**
   * The table stream, filtered to INSERTs of one entity (cdk/constructs/table-stream.ts): Lambda
   * evaluates the filter, so the function is not even invoked for the table's other writes.
   */
  | { kind: 'stream'; entity: string; batchSize: number; retryAttempts: number; bisectBatchOnError?: boolean }
  /** An EventBridge schedule expression; cron runs in UTC. */
  | { kind: 'schedule'; expression: string };

/**
 * How the local runtime, which has no stream and no EventBridge, runs the job (local/jobs.ts):
 * - `everyMs`: the handler runs in a loop (sooner than in AWS, so a developer sees the result), with
 *   the job's timeout as its time left; `atStart: 'unlessSeeded'` also runs it at start-up when the
 *   table already existed (the seed does the same work for a new one);
 * - `coveredBy`: a stream job whose items the named sweep also finds, so the sweep's loop stands in.
 */
export type LocalRun = { everyMs: number; atStart?: 'unlessSeeded' } | { coveredBy: string };

export interface JobDef {
  name: string;
  /** Module under functions/, without extension; it exports `handler`. */
  handler: string;
  summary: string;
  trigger: JobTrigger;
  timeoutSeconds: number;
  memoryMb: number;
  permissions: FunctionPermissions;
  local: LocalRun;
}

/**
 * The outbox sender claims and updates outbox items and subscription counts and reads the app secret
 * for WeChat's access token. A delivery error is logged, never thrown, so a stream batch is not
 * re-run (re-sending what already went out); the sweep retries.
 */
const outboxSender: FunctionPermissions = { table: 'readwrite', fieldKey: false, secrets: 'app', uploads: 'none' };
const tableOnly: FunctionPermissions = { table: 'readwrite', fieldKey: false, secrets: 'none', uploads: 'none' };
/** The import job reads the uploaded file, encrypts ID numbers and phones, and writes the register. */
const importJob: FunctionPermissions = { table: 'readwrite', fieldKey: true, secrets: 'app', uploads: 'read' };

export const jobs = [
  {
    name: 'notify.onStream',
    handler: 'notify/on-stream',
    summary: 'Delivers new outbox items from the table stream',
    trigger: { kind: 'stream', entity: 'outbox', batchSize: 10, retryAttempts: 2, bisectBatchOnError: true },
    timeoutSeconds: 10,
    memoryMb: 256,
    permissions: outboxSender,
    local: { coveredBy: 'notify.sweep' },
  },
  {
    name: 'notify.sweep',
    handler: 'notify/sweep',
    summary: 'Every minute: delivers scheduled outbox items and retries',
    trigger: { kind: 'schedule', expression: 'rate(1 minute)' },
    timeoutSeconds: 10,
    memoryMb: 256,
    permissions: outboxSender,
    local: { everyMs: 1000 },
  },
  {
    name: 'booking.sweepOffers',
    handler: 'booking/sweep-offers',
    summary: 'Every minute: passes expired waiting-list offers on, or returns the place',
    trigger: { kind: 'schedule', expression: 'rate(1 minute)' },
    timeoutSeconds: 10,
    memoryMb: 256,
    permissions: tableOnly,
    local: { everyMs: 60_000 },
  },
  {
    name: 'booking.generateSessions',
    handler: 'booking/generate-sessions',
    summary: 'Daily: opens the sessions of the next 14 days from the schedules',
    // 00:10 in Beijing (16:10 UTC).
    trigger: { kind: 'schedule', expression: 'cron(10 16 * * ? *)' },
    timeoutSeconds: 10,
    memoryMb: 256,
    permissions: tableOnly,
    local: { everyMs: 6 * 3_600_000, atStart: 'unlessSeeded' },
  },
  {
    // One record per batch: a run may take minutes, and the handler never throws for a job (it
    // leaves it to the sweep), so a batch is not re-run.
    name: 'imports.onQueued',
    handler: 'imports/on-queued',
    summary: 'Runs a new import job at once (table stream)',
    trigger: { kind: 'stream', entity: 'importJob', batchSize: 1, retryAttempts: 0 },
    timeoutSeconds: 300,
    memoryMb: 1024,
    permissions: importJob,
    local: { coveredBy: 'imports.sweep' },
  },
  {
    name: 'imports.sweep',
    handler: 'imports/sweep-jobs',
    summary: 'Every minute: takes up import jobs left unfinished (time, a failure, the county lock)',
    trigger: { kind: 'schedule', expression: 'rate(1 minute)' },
    timeoutSeconds: 300,
    memoryMb: 1024,
    permissions: importJob,
    local: { everyMs: 500 },
  },
] as const satisfies readonly JobDef[];

export type JobName = (typeof jobs)[number]['name'];
