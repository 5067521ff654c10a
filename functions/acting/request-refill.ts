import { RefillRequestBody, RxPath } from '../../domain';
import type { PrescriptionItem } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { actFor } from '../lib/http/acting';
import { routeHandler } from '../lib/http/route-handler';
import { runRefillRequest } from '../followups/refill-core';

/**
 * Staff request a long-prescription refill for a member, on the family's behalf: one BatchGet (the
 * acting checks and the prescription), then the member's own refill transaction (every rule a
 * condition, the Idempotency-Key marker) with the acting parts. The refill request carries no
 * readings: a contact person learns only that the prescription exists.
 */
export const handler = routeHandler('acting.requestRefill', { path: RxPath, body: RefillRequestBody }, async ({ path, body, principal, now, idempotency }) => {
  const rxKey = keys.prescription(path.memberId, path.prescriptionId);
  const acting = await actFor(principal, { familyId: path.familyId, memberId: path.memberId }, [rxKey]);
  // actFor has refused a member who is not in the family.
  const member = acting.family.members.find((m) => m.personId === path.memberId)!;
  const extra = acting.parts({ action: 'refill', subject: member, page: 'packages/health/prescriptions/index', now });
  return runRefillRequest(acting.get<PrescriptionItem>(rxKey), { path, memberName: member.name, body, now, idempotency, actedBy: acting.actedBy, extra });
});
