import { beijingDate, dueState, FamilyPath, type FollowUpStatusResponse } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { getFamilyProfile } from '../lib/db/families';
import type { PlanItem } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * Whether each member's follow-up is overdue, for the family and its contact persons: the state and
 * the due date only, never readings, conditions or medicines (those need the health-access rule).
 */
export const handler = routeHandler('followups.getStatus', { path: FamilyPath }, async ({ path, now }) => {
  const profile = await getFamilyProfile(path.familyId);
  if (!profile) throw notFound('没有找到这户家庭');
  const plans = await batchGetAll<PlanItem>(profile.members.map((m) => keys.followUpPlan(m.personId)));
  const byMember = new Map(plans.map((p) => [p.memberId, p]));
  const today = beijingDate(now);
  const body: FollowUpStatusResponse = {
    items: profile.members.map((m) => {
      const plan = byMember.get(m.personId);
      if (!plan) return { memberId: m.personId, name: m.name, state: null, dueOn: null };
      const { state, dueOn } = dueState(plan, today);
      return { memberId: m.personId, name: m.name, state, dueOn };
    }),
  };
  return { body };
});
