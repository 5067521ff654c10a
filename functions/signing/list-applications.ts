import { beijingDate, type TeamApplicationsResponse } from '../../domain';
import { listLeadApplications } from '../lib/db/signing';
import { routeHandler } from '../lib/http/route-handler';
import { applicationView } from './views';

/**
 * Applications waiting for the calling team lead, oldest deadline first (overdue on top): one
 * Query of the lead's GSI1 partition, where an application stays only while pending.
 */
export const handler = routeHandler('signing.listApplications', {}, async ({ principal, now }) => {
  const today = beijingDate(now);
  const apps = await listLeadApplications(principal.personId, 100);
  const body: TeamApplicationsResponse = { items: apps.map((a) => applicationView(a, today)) };
  return { body };
});
