import { AdmissionRequest, FamilyPath } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { routeHandler } from '../lib/http/route-handler';
import { admissionKeys, runAdmissionRequest } from './admission-core';

/**
 * A member asks a designated hospital for a bed (functions/booking/admission-core.ts): one
 * BatchGet, then the request with the Idempotency-Key marker in one transaction.
 */
export const handler = routeHandler('booking.requestAdmission', { path: FamilyPath, body: AdmissionRequest }, async ({ path, body, principal, now, idempotency }) => {
  const items = await batchGetAll<Record<string, unknown>>(admissionKeys(body));
  return runAdmissionRequest(items, { familyId: path.familyId, body, requestedBy: principal.personId, now, idempotency });
});
