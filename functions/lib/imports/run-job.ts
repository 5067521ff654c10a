import { beijingDate, IMPORT_REPORTED_PROBLEMS, type ImportProblem, type ImportReport, type ImportStatus } from '../../../domain';
import { countyOfTownship, countyTownshipStats } from '../db/dashboard';
import {
  acquireImportLock,
  addImportWork,
  claimImportJob,
  finishImportJob,
  listClaimableImportJobs,
  releaseImportJob,
  releaseImportLock,
  saveImportProgress,
  type ImportJobItem,
} from '../db/import-jobs';
import { applyUnits, checkAgainstTable, type ImportRegion } from '../db/imports';
import { getPerson } from '../db/persons';
import { withRequestCounting } from '../db/request-counter';
import { ApiHttpError } from '../http/errors';
import { errorFields, logger } from '../observability/logger';
import { countMetric } from '../observability/metrics';
import { readImportUpload } from '../storage/uploads';
import { readSheet } from './read-sheet';
import { validateSheet, type ImportUnit } from './validate';

/**
 * An import, from the uploaded file to the table, as a job outside the request (functions/imports/
 * on-queued.ts and sweep-jobs.ts in AWS, local/jobs.ts locally): reading and checking a
 * county's register takes longer than an API call may.
 *
 * Whole file or nothing, kept like this: the file is read and every row checked (template, schema,
 * ID number checksum, duplicates in the file, region, duplicates against the table) before anything
 * is written; one bad row rejects the file, and the report lists every problem. A clean file is then
 * written, in transactions of whole families, to the end: a run that is interrupted (time, a crash,
 * a throttled table) leaves the job pending, and the next run checks the file again, finds what was
 * written unchanged and writes the rest. One job at a time writes into a county (its lock), so two
 * files cannot both pass their checks and then collide half-way. Only after MAX_ATTEMPTS failed runs
 * does a job stop as `failed`; then what it wrote is complete families, and importing the same file
 * again finishes it.
 */

/** A run holds its job and the county lock this long: more than a run may last (RUN_BUDGET_MS). */
export const IMPORT_LEASE_MS = 6 * 60_000;
/** How long one run writes before it lets the job go for the next run (the function has 5 minutes). */
export const IMPORT_RUN_BUDGET_MS = 4 * 60_000;
const MAX_ATTEMPTS = 5;
/** Progress is saved at most this often while writing (the page polls it). */
const PROGRESS_EVERY_MS = 1_500;

/** The townships the officer may import into: the county's (from its dashboard counters) or their own. */
async function regionOf(importer: ImportJobItem['importer']): Promise<ImportRegion | undefined> {
  if (!importer.regionId) return undefined;
  const countyId = importer.level === 'county' ? importer.regionId : await countyOfTownship(importer.regionId);
  if (!countyId) return undefined;
  const all = await countyTownshipStats(countyId);
  const mine = importer.level === 'county' ? all : all.filter((t) => t.townshipId === importer.regionId);
  return { countyId, countyWide: importer.level === 'county', townships: new Map(mine.map((t) => [t.townshipId, { townshipName: t.townshipName }])) };
}

const count = (units: ImportUnit[]) => ({
  families: units.filter((u) => u.kind === 'family').length,
  persons: units.reduce((n, u) => n + (u.kind === 'family' ? u.members.length : 1), 0),
});

function reportOf(job: ImportJobItem, today: string, rows: number, units: ImportUnit[], problems: ImportProblem[], plan = { created: 0, unchanged: 0 }): ImportReport {
  return {
    kind: job.kind,
    outcome: problems.length ? 'rejected' : 'applied',
    rows,
    ...count(units),
    created: problems.length ? 0 : plan.created,
    unchanged: problems.length ? 0 : plan.unchanged,
    problems: problems.slice(0, IMPORT_REPORTED_PROBLEMS),
    problemCount: problems.length,
    checkedOn: today,
  };
}

type RunOutcome = ImportStatus | 'busy' | 'waiting' | 'retry';

/** One run of the claimed job until it ends or `deadline` (epoch ms); what it did. */
async function work(job: ImportJobItem, deadline: number): Promise<RunOutcome> {
  const now = () => new Date();
  // Checked as of the day the officer sent the file, whenever the run happens.
  const today = beijingDate(new Date(job.createdAt));
  const reject = async (rows: number, units: ImportUnit[], problems: ImportProblem[]) => {
    await finishImportJob(job.importId, { status: 'rejected', report: reportOf(job, today, rows, units, problems) }, now());
    return 'rejected' as const;
  };
  if (job.status === 'queued') await saveImportProgress(job.importId, { status: 'checking' }, now());

  let sheet;
  try {
    const file = await readImportUpload(job.key, job.importer.personId);
    sheet = await readSheet(file.body, file.format);
  } catch (err) {
    // The file itself is the problem (gone, not a workbook, too many rows): the report says so.
    if (err instanceof ApiHttpError && err.statusCode < 500) return reject(0, [], [{ row: 0, reason: err.message }]);
    throw err;
  }
  const checked = validateSheet(job.kind, sheet, today);
  if (checked.problems.length) return reject(sheet.rows.length, checked.units, checked.problems);

  const region = await regionOf(job.importer);
  if (!region) return reject(sheet.rows.length, checked.units, [{ row: 0, reason: '您的账号没有配置管辖区域，请联系管理员' }]);
  if (!(await acquireImportLock(region.countyId, job.importId, Date.now(), IMPORT_LEASE_MS))) return 'waiting';
  try {
    const importer = await getPerson(job.importer.personId);
    const ctx = { ...region, today, importer: { organisation: importer?.organisation ?? '', workPhone: importer?.workPhone ?? '', name: importer?.name ?? '' } };
    const against = await checkAgainstTable(checked.units, ctx);
    if (against.problems.length) {
      if (!job.plan) return await reject(sheet.rows.length, checked.units, against.problems);
      // Under the lock nothing else imports; only a write outside imports can get here. Say what happened.
      await finishImportJob(job.importId, { status: 'failed', failure: `写入途中，${against.problems.length} 行与表中新出现的记录冲突（例如第 ${against.problems[0]!.row} 行：${against.problems[0]!.reason}）。已写入的家庭完整可用；请核对后重新导入这个文件。` }, now());
      return 'failed';
    }
    const plan = job.plan ?? { created: against.fresh.length, unchanged: against.unchanged };
    const before = plan.created - against.fresh.length;
    await saveImportProgress(job.importId, { status: 'writing', plan, progress: { written: before, total: plan.created } }, now());
    let saved = Date.now();
    let saving: Promise<void> = Promise.resolve();
    const written = await applyUnits(against.fresh, region.countyId, deadline, (n) => {
      if (Date.now() - saved < PROGRESS_EVERY_MS) return;
      saved = Date.now();
      saving = saving.then(() => saveImportProgress(job.importId, { progress: { written: before + n, total: plan.created } }, now()));
    });
    await saving;
    if (written < against.fresh.length) {
      await saveImportProgress(job.importId, { progress: { written: before + written, total: plan.created } }, now());
      return 'retry';
    }
    await finishImportJob(
      job.importId,
      { status: 'applied', report: reportOf(job, today, sheet.rows.length, checked.units, [], plan), progress: { written: plan.created, total: plan.created } },
      now(),
    );
    return 'applied';
  } finally {
    await releaseImportLock(region.countyId, job.importId);
  }
}

/**
 * Runs the job if nobody else is running it: to its end, or until `deadline`; a run that waited
 * for the county's lock, ran out of time or failed leaves the job for the next one (the sweep).
 */
export async function runImportJob(importId: string, deadline = Date.now() + IMPORT_RUN_BUDGET_MS): Promise<RunOutcome> {
  const started = performance.now();
  const { result, count: requests } = await withRequestCounting(async (): Promise<RunOutcome> => {
    const job = await claimImportJob(importId, Date.now(), IMPORT_LEASE_MS);
    if (!job) return 'busy';
    try {
      const outcome = await work(job, deadline);
      if (outcome === 'waiting') await releaseImportJob(importId, Date.now() + 2_000, { attempt: false });
      if (outcome === 'retry') await releaseImportJob(importId, Date.now(), { attempt: false });
      return outcome;
    } catch (err) {
      const message = (err as Error).message;
      logger.error('import job run failed', { importId, attempt: job.attempts, ...errorFields(err) });
      if (job.attempts >= MAX_ATTEMPTS) {
        await finishImportJob(
          importId,
          { status: 'failed', failure: `导入试了 ${MAX_ATTEMPTS} 次都没有完成（系统繁忙或出错）。${job.plan ? '已写入的家庭完整可用；请稍后再导入一次同一个文件以完成，已写入的不会重复。' : '没有写入任何内容，请稍后再导入。'}` },
          new Date(),
        );
        return 'failed';
      }
      // Back off 30 s, 1 min, 2 min, 4 min: a throttled table or S3 has time to recover.
      await releaseImportJob(importId, Date.now() + 30_000 * 2 ** (job.attempts - 1), { attempt: true, lastError: message.slice(0, 300) });
      return 'retry';
    }
  });
  if (result !== 'busy') await addImportWork(importId, requests.requests, performance.now() - started);
  if (result === 'failed') countMetric('ImportJobFailed');
  return result;
}

/** Runs every unfinished job whose lease has run out, one after another, until `deadline`. */
export async function sweepImportJobs(deadline: number): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  for (const job of await listClaimableImportJobs(Date.now())) {
    if (Date.now() > deadline - 30_000) break;
    const outcome = await runImportJob(job.importId, Math.min(deadline - 15_000, Date.now() + IMPORT_RUN_BUDGET_MS));
    tally[outcome] = (tally[outcome] ?? 0) + 1;
  }
  return tally;
}
