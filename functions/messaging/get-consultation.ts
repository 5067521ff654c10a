import { ConsultationPath, type ConsultationResponse } from '../../domain';
import { familyGreenChannel } from '../lib/db/designated-channel';
import { routeHandler } from '../lib/http/route-handler';
import { consultationFor } from '../lib/messaging/consultation-access';
import { consultationView } from '../lib/messaging/views';

export const handler = routeHandler('messaging.getConsultation', { path: ConsultationPath }, async ({ path, principal, now }) => {
  const meta = await consultationFor(principal, path, now);
  const body: ConsultationResponse = { consultation: consultationView(meta, now, meta.urgent ? await familyGreenChannel(meta.familyId) : undefined) };
  return { body };
});
