import { AdmissionRequest, FamilyPath } from '../../domain';
import { actFor } from '../lib/http/acting';
import { routeHandler } from '../lib/http/route-handler';
import { admissionKeys, runAdmissionRequest } from '../booking/admission-core';

/**
 * Staff ask a designated hospital for a bed for a member, on the family's behalf: one BatchGet
 * (the acting checks, the hospital and the member), then the member's own bed request with the
 * Idempotency-Key marker and the acting parts in one transaction.
 */
export const handler = routeHandler('acting.requestAdmission', { path: FamilyPath, body: AdmissionRequest }, async ({ path, body, principal, now, idempotency }) => {
  const acting = await actFor(principal, { familyId: path.familyId, memberId: body.memberId }, admissionKeys(body));
  const member = acting.family.members.find((m) => m.personId === body.memberId);
  const extra = acting.parts({ action: 'admission', subject: member, page: 'packages/booking/admission/index', now });
  return runAdmissionRequest(acting.items, { familyId: path.familyId, body, requestedBy: principal.personId, now, idempotency, actedBy: acting.actedBy, extra });
});
