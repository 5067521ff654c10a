import { FamilyPath, type AdmissionListResponse } from '../../domain';
import { listAdmissions } from '../lib/db/booking/admissions';
import { keys } from '../lib/db/keys';
import { routeHandler } from '../lib/http/route-handler';
import { admissionView } from './views';

/** The family's bed requests, newest first: one Query. */
export const handler = routeHandler('booking.listFamilyAdmissions', { path: FamilyPath }, async ({ path }) => {
  const items = await listAdmissions('gsi2', keys.familyAdmissionsPk(path.familyId));
  const body: AdmissionListResponse = { items: items.map(admissionView) };
  return { body };
});
