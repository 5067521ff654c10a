import { beijingDate, formatChineseDate, InstitutionPath, InstitutionRetireRequest, periodLabels } from '../../domain';
import { futureBookings, getInstitution, retiredItemOf, updateInstitutionPart } from '../lib/db/institutions';
import { transact, TransactionRefused } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { countyTownships, managingCounty, ownInstitution } from './access';
import { managedView } from './views';

/**
 * A county officer retires an institution. Refused while families hold bookings there still to
 * come: the answer says how many and where (day, half-day, department), so they can be moved
 * first. A booking made between the check and the write is not seen (documented limitation: the
 * sessions remain and are not offered once the institution is no longer listed).
 */
export const handler = routeHandler('institutions.retire', { path: InstitutionPath, body: InstitutionRetireRequest }, async ({ path, body, principal, now }) => {
  const countyId = await managingCounty(principal);
  const old = ownInstitution(await getInstitution(path.institutionId), countyId);
  if (old.retiredAt) throw conflict('这个机构已经停用');
  const stale = () => conflict('这个机构刚被其他人修改过，请刷新后再操作');
  if (body.version !== (old.version ?? 1)) throw stale();
  const today = beijingDate(now);
  const pending = await futureBookings(old.institutionId, today, now);
  if (pending.length) {
    const where = new Map<string, number>();
    for (const b of pending.sort((a, c) => a.startsAtMs - c.startsAtMs)) {
      const at = `${formatChineseDate(b.date, today)}${periodLabels[b.period]}${b.departmentName}`;
      where.set(at, (where.get(at) ?? 0) + 1);
    }
    const list = [...where].map(([at, n]) => `${at} ${n} 个`).join('，');
    throw conflict(`${old.name}还有 ${pending.length} 个预约未就诊（${list}），请先为这些家庭改约或取消后再停用`);
  }
  const retired = retiredItemOf(old, body.version, now);
  try {
    await transact([updateInstitutionPart(retired, body.version)]);
  } catch (err) {
    if (err instanceof TransactionRefused) throw stale();
    throw err;
  }
  const names = new Map((await countyTownships(countyId)).map((t) => [t.townshipId, t.name]));
  return { body: managedView(retired, names) };
});
