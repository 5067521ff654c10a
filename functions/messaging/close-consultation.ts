import { ConsultationPath, EmptyBody, type ConsultationResponse } from '../../domain';
import { closeConsultation } from '../lib/db/messaging/consultations';
import { familyGreenChannel } from '../lib/db/designated-channel';
import { routeHandler } from '../lib/http/route-handler';
import { consultationFor } from '../lib/messaging/consultation-access';
import { consultationView } from '../lib/messaging/views';

/** The member ends the consultation (it also ends by itself 7 days after the doctor's last reply). */
export const handler = routeHandler('messaging.closeConsultation', { path: ConsultationPath, body: EmptyBody }, async ({ path, principal, now }) => {
  const meta = await consultationFor(principal, path, now);
  await closeConsultation(meta, now);
  const body: ConsultationResponse = { consultation: consultationView({ ...meta, closedAt: meta.closedAt ?? now.toISOString() }, now, meta.urgent ? await familyGreenChannel(meta.familyId) : undefined) };
  return { body };
});
