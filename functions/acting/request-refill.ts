import { RefillRequestBody, RxPath } from '../../domain';
import type { PrescriptionItem } from '../lib/db/followups';
import type { SigningItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { actFor } from '../lib/http/acting';
import { routeHandler } from '../lib/http/route-handler';
import type { InstitutionItem } from '../lib/db/booking/sessions';
import { pickupKeys, pickupPlace, runRefillRequest } from '../followups/refill-core';

/**
 * Staff request a long-prescription refill for a member, on the family's behalf: one BatchGet (the
 * acting checks, the prescription and the pick-up place), then the member's own refill transaction (every rule a
 * condition, the Idempotency-Key marker) with the acting parts. The refill request carries no
 * readings: a contact person learns only that the prescription exists.
 */
export const handler = routeHandler('acting.requestRefill', { path: RxPath, body: RefillRequestBody }, async ({ path, body, principal, now, idempotency }) => {
  const rxKey = keys.prescription(path.memberId, path.prescriptionId);
  const placeKeys = pickupKeys(body);
  const acting = await actFor(principal, { familyId: path.familyId, memberId: path.memberId }, [rxKey, ...placeKeys]);
  // actFor has refused a member who is not in the family.
  const member = acting.family.members.find((m) => m.personId === path.memberId)!;
  const place = pickupPlace(body, acting.family.countyId, placeKeys[0] ? acting.get<InstitutionItem>(placeKeys[0]) : undefined);
  const extra = acting.parts({ action: 'refill', subject: member, page: 'packages/health/prescriptions/index', now });
  return runRefillRequest(acting.get<PrescriptionItem>(rxKey), { path, memberName: member.name, body, place, now, idempotency, actedBy: acting.actedBy, extra, signedDoctorId: acting.get<SigningItem>(keys.familySigning(path.familyId, path.memberId))?.doctorId });
});
