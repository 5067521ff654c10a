import { ContactEditRequest, ContactPath } from '../../domain';
import { editContact, getContact, StaleEditError } from '../lib/db/ledger';
import { conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { contactEntry } from './views';

/** The author corrects the notes of a contact; the replaced version is kept (see editContact). */
export const handler = routeHandler('ledger.editContact', { path: ContactPath, body: ContactEditRequest }, async ({ path, body, principal, now }) => {
  const current = await getContact(path.familyId, path.contactId);
  if (!current) throw notFound('没有找到这条联系记录');
  if (current.staffId !== principal.personId) throw forbidden('只有记录人本人可以修改这条记录');
  try {
    const next = await editContact(current, body, principal.personId, now);
    return { body: contactEntry(next as unknown as Record<string, unknown>) };
  } catch (err) {
    if (err instanceof StaleEditError) throw conflict('这条记录刚被修改过，请刷新后再改');
    throw err;
  }
});
