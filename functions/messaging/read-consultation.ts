import { ConsultationPath, EmptyBody } from '../../domain';
import { markRead } from '../lib/db/messaging/threads';
import { routeHandler } from '../lib/http/route-handler';
import { consultationFor } from '../lib/messaging/consultation-access';

export const handler = routeHandler('messaging.readConsultation', { path: ConsultationPath, body: EmptyBody }, async ({ path, principal, now }) => {
  await consultationFor(principal, path, now);
  await markRead(path.consultationId, principal.role === 'member' ? 'family' : 'staff');
  return { body: {} };
});
