import { ContactPath, type ContactHistoryResponse } from '../../domain';
import { getContact, listContactVersions } from '../lib/db/ledger';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { contactEntry } from './views';

/** A contact as it is now and every earlier version, oldest first. */
export const handler = routeHandler('ledger.getContactHistory', { path: ContactPath }, async ({ path }) => {
  const [current, versions] = await Promise.all([getContact(path.familyId, path.contactId), listContactVersions(path.familyId, path.contactId)]);
  if (!current) throw notFound('没有找到这条联系记录');
  const body: ContactHistoryResponse = {
    current: contactEntry(current as unknown as Record<string, unknown>),
    versions: versions.map((v) => ({
      version: v.version,
      editedAt: v.editedAt,
      editedBy: v.editedBy,
      reason: v.reason,
      health: v.health,
      mood: v.mood,
      needs: v.needs,
      followUp: v.followUp,
    })),
  };
  return { body };
});
