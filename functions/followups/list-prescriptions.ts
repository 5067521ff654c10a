import { FamilyMemberPath, type PrescriptionListResponse } from '../../domain';
import { prescriptionsOf } from '../lib/db/followups';
import { routeHandler } from '../lib/http/route-handler';
import { auditHealthRead, memberWithAccess, prescriptionView } from './access';

/** A member's long prescriptions with every refill request and its status, newest first. */
export const handler = routeHandler('prescriptions.list', { path: FamilyMemberPath }, async ({ path, principal, now }) => {
  const ctx = await memberWithAccess(principal, path);
  const { prescriptions, refills } = await prescriptionsOf(path.memberId);
  await auditHealthRead(ctx, principal, 'prescriptions.list', now);
  const body: PrescriptionListResponse = { items: prescriptions.map((rx) => prescriptionView(rx, refills, now)) };
  return { body };
});
