import { ConsultationPath, EmptyBody, type ConsultationResponse } from '../../domain';
import { closeConsultation, consultationView } from '../lib/db/consultations';
import { routeHandler } from '../lib/http/route-handler';
import { consultationFor } from '../lib/messaging/consultation-access';

/** The member ends the consultation (it also ends by itself 7 days after the doctor's last reply). */
export const handler = routeHandler('messaging.closeConsultation', { path: ConsultationPath, body: EmptyBody }, async ({ path, principal, now }) => {
  const meta = await consultationFor(principal, path);
  await closeConsultation(meta, now);
  const body: ConsultationResponse = { consultation: consultationView({ ...meta, closedAt: meta.closedAt ?? now.toISOString() }, now) };
  return { body };
});
