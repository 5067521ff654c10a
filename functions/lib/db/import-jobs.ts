import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { toBeijingIso, type ImportKind, type ImportReport, type ImportStatus, type Principal } from '../../../domain';
import { db, tableName } from './client';
import { keys } from './keys';

/**
 * Import jobs in the table (the flow is functions/lib/imports/run-job.ts). A job is claimed with a
 * lease before it runs, so the stream trigger, the sweep and a retry never run one job twice at
 * once; a runner that dies leaves a lease that runs out, and the sweep takes the job up again.
 */
export interface ImportJobItem {
  pk: string;
  sk: 'JOB';
  entity: 'importJob';
  importId: string;
  kind: ImportKind;
  /** The uploaded file (S3 key under imports/<importer>/). */
  key: string;
  importer: Pick<Principal, 'personId' | 'level' | 'regionId'>;
  status: ImportStatus;
  createdAt: string;
  updatedAt: string;
  /** Runs started, counting the one under way; a run waiting for the county's lock gives its back. */
  attempts: number;
  /** Epoch ms until which the current runner holds the job. */
  claimedUntil?: number;
  lastError?: string;
  /** Set once the file passed every check: what the import writes and finds already there. */
  plan?: { created: number; unchanged: number };
  progress?: { written: number; total: number };
  report?: ImportReport;
  failure?: string;
  /** Work done over all runs (operations: the bench reads them). */
  ddbRequests: number;
  workMs: number;
  gsi2pk?: string;
  gsi2sk?: string;
}

/** The job of an upload: one per file key, so sending the start again finds the same job. */
export const importIdOf = (key: string) => `imp_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

/** Creates the job, or returns the one this upload already has. */
export async function createImportJob(input: { kind: ImportKind; key: string; importer: ImportJobItem['importer'] }, now: Date): Promise<{ job: ImportJobItem; created: boolean }> {
  const importId = importIdOf(input.key);
  const at = toBeijingIso(now);
  const job: ImportJobItem = {
    ...keys.importJob(importId),
    entity: 'importJob',
    importId,
    ...input,
    status: 'queued',
    createdAt: at,
    updatedAt: at,
    attempts: 0,
    ddbRequests: 0,
    workMs: 0,
    gsi2pk: keys.importPendingPk,
    gsi2sk: `${now.toISOString()}#${importId}`,
  };
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: job, ConditionExpression: 'attribute_not_exists(pk)' }));
    return { job, created: true };
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    return { job: (await getImportJob(importId))!, created: false };
  }
}

export async function getImportJob(importId: string): Promise<ImportJobItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.importJob(importId), ConsistentRead: true }));
  return out.Item as ImportJobItem | undefined;
}

/** Unfinished jobs, oldest first, whose lease has run out (or that were never claimed). */
export async function listClaimableImportJobs(nowMs: number): Promise<ImportJobItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': keys.importPendingPk }, Limit: 25 }),
  );
  return ((out.Items ?? []) as ImportJobItem[]).filter((j) => (j.claimedUntil ?? 0) < nowMs);
}

/** Takes the job for `leaseMs` if it is unfinished and nobody holds it; undefined if not. */
export async function claimImportJob(importId: string, nowMs: number, leaseMs: number): Promise<ImportJobItem | undefined> {
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.importJob(importId),
        UpdateExpression: 'SET claimedUntil = :until, updatedAt = :at ADD attempts :one',
        ConditionExpression: 'attribute_exists(gsi2pk) AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)',
        ExpressionAttributeValues: { ':until': nowMs + leaseMs, ':now': nowMs, ':at': toBeijingIso(new Date(nowMs)), ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes as ImportJobItem;
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
    throw err;
  }
}

/** Records where a running job stands (status, plan, progress), while it still holds the claim. */
export async function saveImportProgress(importId: string, patch: Partial<Pick<ImportJobItem, 'status' | 'plan' | 'progress'>>, now: Date): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':at': toBeijingIso(now) };
  const sets = ['updatedAt = :at'];
  for (const [k, v] of Object.entries(patch)) {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    sets.push(`#${k} = :${k}`);
  }
  await db().send(
    new UpdateCommand({ TableName: tableName(), Key: keys.importJob(importId), UpdateExpression: `SET ${sets.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values }),
  );
}

/**
 * Lets the job go so a later run goes on: at `retryAtMs` (the lease is moved there). `attempt`
 * false gives the run's attempt back (it only waited for the county's lock or ran out of time).
 */
export async function releaseImportJob(importId: string, retryAtMs: number, opts: { attempt: boolean; lastError?: string }): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.importJob(importId),
      UpdateExpression: `SET claimedUntil = :retry${opts.lastError ? ', lastError = :err' : ''}${opts.attempt ? '' : ' ADD attempts :minus'}`,
      ExpressionAttributeValues: { ':retry': retryAtMs, ...(opts.lastError ? { ':err': opts.lastError } : {}), ...(opts.attempt ? {} : { ':minus': -1 }) },
    }),
  );
}

/**
 * A finished job's report is kept half a year (then the table's TTL removes it): long enough to
 * answer "what did that import do"; the register itself is in the families' own items.
 */
const FINISHED_JOB_TTL_S = 183 * 86_400;

/** Ends the job: its outcome, out of the pending index, and when its record may go. */
export async function finishImportJob(
  importId: string,
  end: { status: Extract<ImportStatus, 'applied' | 'rejected' | 'failed'>; report?: ImportReport; failure?: string; progress?: ImportJobItem['progress'] },
  now: Date,
): Promise<void> {
  const extra = (['report', 'failure', 'progress'] as const).filter((k) => end[k] !== undefined);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.importJob(importId),
      UpdateExpression: `SET #status = :status, updatedAt = :at, expiresAt = :expires${extra.map((k) => `, ${k} = :${k}`).join('')} REMOVE gsi2pk, gsi2sk, claimedUntil`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': end.status,
        ':at': toBeijingIso(now),
        ':expires': Math.floor(now.getTime() / 1000) + FINISHED_JOB_TTL_S,
        ...Object.fromEntries(extra.map((k) => [`:${k}`, end[k]])),
      },
    }),
  );
}

/** Adds a run's DynamoDB requests and time to the job's totals. */
export async function addImportWork(importId: string, requests: number, ms: number): Promise<void> {
  await db().send(
    new UpdateCommand({ TableName: tableName(), Key: keys.importJob(importId), UpdateExpression: 'ADD ddbRequests :r, workMs :ms', ExpressionAttributeValues: { ':r': requests, ':ms': Math.round(ms) } }),
  );
}

/**
 * The county's import lock, for `leaseMs`: free, run out, or already this job's. Two files checked
 * against the table at the same time could both pass and then collide half-way through writing;
 * one job at a time per county keeps "whole file or nothing" true between files too.
 */
export async function acquireImportLock(countyId: string, importId: string, nowMs: number, leaseMs: number): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.importLock(countyId), entity: 'importLock', holder: importId, until: nowMs + leaseMs },
        ConditionExpression: 'attribute_not_exists(pk) OR #until < :now OR holder = :me',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':now': nowMs, ':me': importId },
      }),
    );
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

export async function releaseImportLock(countyId: string, importId: string): Promise<void> {
  try {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.importLock(countyId), ConditionExpression: 'holder = :me', ExpressionAttributeValues: { ':me': importId } }));
  } catch (err) {
    // Someone else holds it now (ours ran out): theirs to release.
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}
