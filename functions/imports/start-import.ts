import { ImportRequest } from '../../domain';
import { createImportJob } from '../lib/db/import-jobs';
import { conflict, forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { checkImportUpload } from '../lib/storage/uploads';
import { importJobView } from './views';

/**
 * Starts the import of an uploaded file: checks that the file is the caller's and is there, and
 * queues the job that reads, checks and writes it (functions/lib/imports/run-job.ts); the page
 * follows it with GET /commission/imports/{importId}. One job per upload: sending the start again
 * answers the same job (200) instead of a new one (202).
 */
export const handler = routeHandler('imports.start', { body: ImportRequest }, async ({ body, principal, now }) => {
  if (!principal.regionId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  await checkImportUpload(body.key, principal.personId);
  const { job, created } = await createImportJob({ kind: body.kind, key: body.key, importer: { personId: principal.personId, level: principal.level, regionId: principal.regionId } }, now);
  if (job.kind !== body.kind) throw conflict('这个文件已经按另一种类型导入过，请重新上传后再导入');
  return { status: created ? 202 : 200, body: importJobView(job) };
});
