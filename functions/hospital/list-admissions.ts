import { type AdmissionListResponse } from '../../domain';
import { admissionView } from '../booking/views';
import { listAdmissions } from '../lib/db/booking/admissions';
import { keys } from '../lib/db/keys';
import { routeHandler } from '../lib/http/route-handler';
import { callerInstitution } from './green-channel';

/** Bed requests to the caller's institution, newest first: one Query. */
export const handler = routeHandler('hospital.listAdmissions', {}, async ({ principal }) => {
  const items = await listAdmissions('gsi1', keys.hospitalAdmissionsPk(callerInstitution(principal)));
  const body: AdmissionListResponse = { items: items.map(admissionView) };
  return { body };
});
