import { FamilyPath, type AdmissionListResponse } from '../../domain';
import { admissionView, listAdmissions } from '../lib/db/booking';
import { keys } from '../lib/db/keys';
import { routeHandler } from '../lib/http/route-handler';

/** The family's bed requests, newest first: one Query. */
export const handler = routeHandler('booking.listFamilyAdmissions', { path: FamilyPath }, async ({ path }) => {
  const items = await listAdmissions('gsi2', keys.familyAdmissionsPk(path.familyId));
  const body: AdmissionListResponse = { items: items.map(admissionView) };
  return { body };
});
