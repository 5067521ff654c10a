import { FamilyPath, nextDueOn, type PolicyFollowUpDatesResponse } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import type { PlanItem } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { getLedger } from '../lib/db/policy';
import { forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * The policy cadre sees when the family doctor last followed each member up and when the next
 * follow-up is due (seed 004: the two teams exchange this). Dates and cadence only: no readings.
 */
export const handler = routeHandler('policy.getFollowUpDates', { path: FamilyPath }, async ({ path, principal }) => {
  const { contract } = await getLedger(path.familyId);
  if (!contract) throw notFound('这户家庭没有政策帮扶签约');
  if (contract.cadreId !== principal.personId) throw forbidden('只有签约帮扶干部可以查看随访日期');
  const plans = await batchGetAll<PlanItem>(contract.members.map((m) => keys.followUpPlan(m.personId)));
  const body: PolicyFollowUpDatesResponse = {
    familyId: contract.familyId,
    members: contract.members.map((m) => {
      const plan = plans.find((p) => p.memberId === m.personId);
      return plan ? { personId: m.personId, name: m.name, cadence: plan.cadence, lastCompletedOn: plan.lastCompletedOn, nextDueOn: nextDueOn(plan) } : { personId: m.personId, name: m.name };
    }),
  };
  return { body };
});
