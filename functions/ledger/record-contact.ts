import { addDays, beijingDate, ContactRecordRequest, FamilyPath, type ContactEntry } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { getFamilyProfile } from '../lib/db/families';
import type { PersonItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import {
  contactIdFor,
  DuplicateContactError,
  getContact,
  ledgerSummaryItem,
  StaleSummaryError,
  toEntry,
  writeContact,
  type LedgerSummaryItem,
} from '../lib/db/ledger';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/** How far back a contact may be entered: a week's paper notes, not last year's. */
const MAX_BACKDATE_DAYS = 60;
const MAX_ATTEMPTS = 3;

/**
 * A contact person records a contact with a family they serve. The contact, the family's ledger
 * summary and the township's counters are written in one transaction (functions/lib/db/ledger.ts).
 * With an Idempotency-Key a retry answers the first result and writes nothing new.
 */
export const handler = routeHandler('ledger.recordContact', { path: FamilyPath, body: ContactRecordRequest }, async ({ path, body, principal, now, headers }) => {
  const today = beijingDate(now);
  if (body.date > today) throw badRequest('联系日期不能晚于今天', { 'body.date': '不能填写未来的日期' });
  if (body.date < addDays(today, -MAX_BACKDATE_DAYS)) throw badRequest(`只能补记 ${MAX_BACKDATE_DAYS} 天内的联系`, { 'body.date': '日期太早' });

  const contactId = contactIdFor(principal.personId, headers['idempotency-key']);
  for (let attempt = 1; ; attempt++) {
    const found = await batchGetAll<PersonItem | LedgerSummaryItem>([keys.person(principal.personId), keys.ledgerSummary(path.familyId)]);
    const staff = found.find((i): i is PersonItem => (i as PersonItem).entity === 'person');
    let summary = found.find((i): i is LedgerSummaryItem => (i as LedgerSummaryItem).entity === 'ledgerSummary');
    if (!staff) throw notFound('没有找到您的工作人员信息，请联系管理员');
    if (!summary) {
      // A family added before the ledger existed: its summary starts now, with nothing counted.
      const profile = await getFamilyProfile(path.familyId);
      if (!profile) throw notFound('没有找到这户家庭');
      summary = { ...ledgerSummaryItem(profile), version: 0 };
    }
    try {
      const item = await writeContact({ familyId: path.familyId, staffId: principal.personId, staffName: staff.name, contactId, body }, summary, now);
      const entry: ContactEntry = toEntry(item as unknown as Record<string, unknown>);
      return { status: 201, body: entry };
    } catch (err) {
      if (err instanceof DuplicateContactError) {
        const existing = await getContact(path.familyId, contactId);
        if (existing) return { status: 200, body: toEntry(existing as unknown as Record<string, unknown>) };
        throw conflict('这次提交与之前使用的是同一个请求编号，但内容不同，请刷新后重试');
      }
      if (err instanceof StaleSummaryError && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
});
