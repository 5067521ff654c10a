import { ConsultationPath, MessageListQuery, type MessagePage } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { consultationFor } from '../lib/messaging/consultation-access';
import { messagePage } from '../lib/messaging/pages';

export const handler = routeHandler('messaging.listConsultationMessages', { path: ConsultationPath, query: MessageListQuery }, async ({ path, query, principal, now }) => {
  await consultationFor(principal, path, now);
  const body: MessagePage = await messagePage(path.consultationId, query, principal.role === 'member' ? 'family' : 'staff');
  return { body };
});
