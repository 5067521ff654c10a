import { beijingDate, type DoctorRefillsResponse, followUpRecentEnough } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { openRefillsOf, type PlanItem } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { routeHandler } from '../lib/http/route-handler';
import { refillView } from './access';

/**
 * Refill requests waiting for the calling doctor (submitted, or approved and not yet ready): one
 * Query, then the members' plans in one BatchGet to say whether a recent follow-up allows approval.
 */
export const handler = routeHandler('prescriptions.listDoctorRefills', {}, async ({ principal, now }) => {
  const refills = await openRefillsOf(principal.personId);
  const plans = await batchGetAll<PlanItem>([...new Set(refills.map((r) => r.memberId))].map((id) => keys.followUpPlan(id)));
  const lastDone = new Map(plans.map((p) => [p.memberId, p.lastCompletedOn]));
  const today = beijingDate(now);
  const body: DoctorRefillsResponse = {
    items: refills.map((r) => ({
      familyId: r.familyId,
      memberId: r.memberId,
      memberName: r.memberName,
      medicines: r.medicines,
      refill: refillView(r),
      followUpRecent: followUpRecentEnough(lastDone.get(r.memberId), today),
    })),
  };
  return { body };
});
