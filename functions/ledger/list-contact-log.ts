import { FamilyPath, type ContactLogResponse } from '../../domain';
import { listFamilyContactLog } from '../lib/db/ledger';
import { routeHandler } from '../lib/http/route-handler';
import { contactEntry, newestFirst } from './views';

/**
 * A family's whole contact history, including contacts counted from messaging. Readable by any
 * current contact of the family (so a new contact after a hand-over sees what came before) and
 * by commission staff of its region; the scope check has already run.
 */
export const handler = routeHandler('ledger.listContactLog', { path: FamilyPath }, async ({ path }) => {
  const body: ContactLogResponse = { items: (await listFamilyContactLog(path.familyId)).map(contactEntry).sort(newestFirst) };
  return { body };
});
