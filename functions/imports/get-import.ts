import { ImportPath } from '../../domain';
import { getImportJob } from '../lib/db/import-jobs';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { importJobView } from './views';

/** Where an import stands, and its report once checked: only for the officer who started it. */
export const handler = routeHandler('imports.get', { path: ImportPath }, async ({ path, principal }) => {
  const job = await getImportJob(path.importId);
  if (!job || job.importer.personId !== principal.personId) throw notFound('没有找到这次导入');
  return { body: importJobView(job) };
});
