import { BulkAssignPath, BulkAssignRequest, type BulkAssignResponse } from '../../domain';
import { packTransactions, personsById, planHandovers } from '../lib/db/handover-batch';
import { handoverView } from '../ledger/views';
import { getPerson } from '../lib/db/persons';
import { countyOfTownship } from '../lib/db/dashboard';
import { transact, TransactionRefused } from '../lib/db/transact';
import { badRequest, conflict, forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * Assigns a township's families to its contact persons in bulk (the county commission, or the
 * township's own health office). Each family's place changes hands exactly as in a single
 * hand-over: the old holder out and the new one in atomically, open requests moved, the family
 * told. Families are packed into as few transactions as the 100-item limit allows; none spans two.
 * Every assignment is checked before anything is written; a batch refused because something
 * changed meanwhile stops the rest, and the answer says how many were done.
 */
export const handler = routeHandler('people.bulkAssign', { path: BulkAssignPath, body: BulkAssignRequest }, async ({ path, body, principal, now }) => {
  const inReach = principal.level === 'township' ? principal.regionId === path.townshipId : principal.regionId !== undefined && (await countyOfTownship(path.townshipId)) === principal.regionId;
  if (!inReach) throw forbidden('您只能安排本辖区乡镇的家庭');
  const persons = await personsById(body.assignments.map((a) => a.toStaffId));
  const fields: Record<string, string> = {};
  body.assignments.forEach((a, i) => {
    if (!persons.has(a.toStaffId)) fields[`body.assignments.${i}.toStaffId`] = '没有找到这位人员';
  });
  if (Object.keys(fields).length) throw badRequest('有的人员没有找到，请核对后再安排', fields);
  const by = await getPerson(principal.personId);
  const plan = await planHandovers(
    body.assignments.map((a) => ({ ...a, to: persons.get(a.toStaffId)! })),
    { staffId: principal.personId, name: by?.name ?? '卫健委' },
    body.reason,
    now,
    (profile) => (profile.townshipId === path.townshipId ? undefined : '这户家庭不在这个乡镇'),
  );
  if (plan.problems.size) {
    const problemFields = Object.fromEntries([...plan.problems].map(([i, reason]) => [`body.assignments.${i}.familyId`, reason]));
    throw badRequest(`有 ${plan.problems.size} 户不能这样安排，什么也没有改变：${[...plan.problems.values()][0]}`, problemFields);
  }
  let transactions = 0;
  let done = 0;
  for (const chunk of packTransactions(plan.groups)) {
    try {
      await transact(chunk.parts);
    } catch (err) {
      if (!(err instanceof TransactionRefused)) throw err;
      throw conflict(`已安排 ${done} 户；其余 ${plan.records.length - done} 户中有家庭的信息刚被修改过，没有改变。请刷新后重新安排未完成的家庭`);
    }
    transactions += 1;
    done += chunk.families;
  }
  return { status: 201, body: { assigned: plan.records.length, transactions, handovers: plan.records.map(handoverView) } satisfies BulkAssignResponse };
});
