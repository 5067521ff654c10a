import { beijingDate, ImportRequest, type ImportProblem, type ImportReport, type Principal } from '../../domain';
import { countyOfTownship, countyTownshipStats } from '../lib/db/dashboard';
import { applyUnits, checkAgainstTable, ImportRaceError, type ImportRegion } from '../lib/db/imports';
import { getPerson } from '../lib/db/persons';
import { conflict, forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { readSheet } from '../lib/imports/read-sheet';
import { validateSheet, type ImportUnit } from '../lib/imports/validate';
import { readImportUpload } from '../lib/storage/uploads';

/** The townships the officer may import into: the county's (from its dashboard counters) or their own. */
async function regionOf(principal: Principal): Promise<ImportRegion> {
  if (!principal.regionId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  const countyId = principal.level === 'county' ? principal.regionId : await countyOfTownship(principal.regionId);
  const all = countyId ? await countyTownshipStats(countyId) : [];
  const mine = principal.level === 'county' ? all : all.filter((t) => t.townshipId === principal.regionId);
  return { countyId: countyId ?? '', townships: new Map(mine.map((t) => [t.townshipId, { townshipName: t.townshipName }])) };
}

/**
 * A function has 10 s (cdk/constructs/functions.ts): stop starting transactions after this much of
 * it, leaving room for the one in flight and the answer. The caller sends the request again.
 */
const WRITE_BUDGET_MS = 5_000;

/**
 * Whole file or nothing. The file is read and every row checked (template, schema, ID number
 * checksum, duplicates in the file, region, duplicates against the table) before anything is
 * written; one bad row rejects the file and the report lists every problem. A clean file is then
 * written in transactions of whole families (functions/lib/db/imports.ts); units already in the
 * table exactly as in the file are left alone, so importing the same file again writes nothing,
 * and a large file that needs more than one call's time is finished by calling again (`partial`).
 * Problems in the rows are a 200 with outcome `rejected` (the page shows the report); a file that
 * cannot be read at all is a 400.
 */
export const handler = routeHandler('imports.run', { body: ImportRequest }, async ({ body, principal, now }) => {
  const startedAt = performance.now();
  const today = beijingDate(now);
  const file = await readImportUpload(body.key, principal.personId);
  const sheet = await readSheet(file.body, file.format);
  const checked = validateSheet(body.kind, sheet, today);
  const count = (units: ImportUnit[]) => ({
    families: units.filter((u) => u.kind === 'family').length,
    persons: units.reduce((n, u) => n + (u.kind === 'family' ? u.members.length : 1), 0),
  });
  const report = (problems: ImportProblem[], created = 0, unchanged = 0, remaining = 0): ImportReport => ({
    kind: body.kind,
    outcome: problems.length ? 'rejected' : remaining ? 'partial' : 'applied',
    rows: sheet.rows.length,
    ...count(checked.units),
    created,
    unchanged,
    remaining,
    problems,
    checkedOn: today,
  });
  if (checked.problems.length) return { body: report(checked.problems) };

  const [region, importer] = await Promise.all([regionOf(principal), getPerson(principal.personId)]);
  const ctx = { ...region, today, importer: { organisation: importer?.organisation ?? '', workPhone: importer?.workPhone ?? '' } };
  const against = await checkAgainstTable(checked.units, ctx);
  if (against.problems.length) return { body: report(against.problems) };
  let created: number;
  try {
    created = await applyUnits(against.fresh, region.countyId, startedAt + WRITE_BUDGET_MS);
  } catch (err) {
    if (err instanceof ImportRaceError) throw conflict('导入途中有人同时写入了相同的家庭或人员。已写入的不会重复，请再导入一次这个文件以完成');
    throw err;
  }
  return { body: report([], created, against.unchanged, against.fresh.length - created) };
});
