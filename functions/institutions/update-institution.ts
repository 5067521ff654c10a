import { InstitutionPath, InstitutionUpdateRequest } from '../../domain';
import { getInstitution, institutionItemOf, updateInstitutionPart } from '../lib/db/institutions';
import { transact, TransactionRefused } from '../lib/db/transact';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { checkServedTownships, countyTownships, managingCounty, ownInstitution } from './access';
import { managedView } from './views';

/**
 * A county officer edits an institution at the version they read: if another editor saved first,
 * this one is refused (409) and told to reload, and the other's edit stands. Departments keep their
 * ids; sessions already generated keep the names they were made with.
 */
export const handler = routeHandler('institutions.update', { path: InstitutionPath, body: InstitutionUpdateRequest }, async ({ path, body, principal, now }) => {
  const countyId = await managingCounty(principal);
  const old = ownInstitution(await getInstitution(path.institutionId), countyId);
  if (old.retiredAt) throw conflict('这个机构已经停用，不能再修改');
  const stale = () => conflict('这个机构刚被其他人修改过，您的修改没有保存。请刷新后再改');
  if (body.version !== (old.version ?? 1)) throw stale();
  const kept = new Set(old.departments.map((d) => d.departmentId));
  const unknown = body.departments.flatMap((d, i) => (d.departmentId && !kept.has(d.departmentId) ? [[`body.departments.${i}.departmentId`, '没有这个科室'] as const] : []));
  if (unknown.length) throw badRequest('有的科室不属于这个机构', Object.fromEntries(unknown));
  await checkServedTownships(countyId, body);
  const { version, ...fields } = body;
  const item = institutionItemOf(countyId, old.institutionId, fields, version + 1, now);
  try {
    await transact([updateInstitutionPart(item, version)]);
  } catch (err) {
    if (err instanceof TransactionRefused) throw stale();
    throw err;
  }
  const names = new Map((await countyTownships(countyId)).map((t) => [t.townshipId, t.name]));
  return { body: managedView(item, names) };
});
