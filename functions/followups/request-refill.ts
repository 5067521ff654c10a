import { RefillRequestBody, RxPath } from '../../domain';
import type { InstitutionItem } from '../lib/db/booking/sessions';
import { itemAt, type PrescriptionItem } from '../lib/db/followups';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { routeHandler } from '../lib/http/route-handler';
import { memberWithAccess } from './access';
import { pickupKeys, pickupPlace, runRefillRequest } from './refill-core';

const ROUTE = 'prescriptions.requestRefill';

/**
 * The member asks for a refill (申请续方): the prescription, the family (its county) and the
 * pick-up place come with the member's context in one BatchGet; the rules and the one transaction,
 * with the Idempotency-Key's answer, are in functions/followups/refill-core.ts.
 */
export const handler = routeHandler(ROUTE, { path: RxPath, body: RefillRequestBody }, async ({ path, body, principal, now, idempotency }) => {
  const rxKey = keys.prescription(path.memberId, path.prescriptionId);
  const familyKey = keys.familyProfile(path.familyId);
  const placeKeys = pickupKeys(body);
  const ctx = await memberWithAccess(principal, path, [rxKey, familyKey, ...placeKeys]);
  const family = itemAt<FamilyProfileItem>(ctx.extra, familyKey);
  const place = pickupPlace(body, family?.countyId ?? '', placeKeys[0] ? itemAt<InstitutionItem>(ctx.extra, placeKeys[0]) : undefined);
  return runRefillRequest(itemAt<PrescriptionItem>(ctx.extra, rxKey), { path, memberName: ctx.member.name, body, place, now, idempotency, signedDoctorId: ctx.signing?.doctorId });
});
