import { addDays, beijingDate, ContactRecordRequest } from '../../domain';
import { contactRecording, readContactState } from '../../functions/lib/db/ledger';
import { transact } from '../../functions/lib/db/transact';
import { staff } from './demo-county';
import { onDay } from './families';
import { ledgerPlan, seedContactId } from './ledger';

/**
 * The demo contact history (ledger.ts ledgerPlan) recorded as the record-contact route records a
 * contact: the request checked by its schema, then one transaction of the contact, the family's
 * summary and the township's week and month counters (contactRecording), oldest first, each in
 * the afternoon of its day. The counters are therefore the product's own, never derived by hand.
 */
export async function recordDemoContacts(now: Date): Promise<void> {
  const today = beijingDate(now);
  const ordered = [...ledgerPlan].sort((a, b) => b[3] - a[3]);
  // One family's contacts one after another (each reads the summary the last one wrote); families side by side.
  const familyIds = [...new Set(ordered.map(([familyId]) => familyId))];
  await Promise.all(
    familyIds.map(async (id) => {
      for (const [familyId, staffId, type, daysAgo, notes] of ordered.filter(([f]) => f === id)) {
        const date = addDays(today, -daysAgo);
        const body = ContactRecordRequest.parse({ type, date, ...(notes ? { health: notes } : {}) });
        const { summary } = (await readContactState(familyId, {}))!;
        const staffName = staff.find((s) => s.personId === staffId)!.name;
        const { parts } = contactRecording({ familyId, staffId, staffName, body, contactId: seedContactId(familyId, staffId, daysAgo) }, summary, onDay(date, '16:00'));
        await transact(parts);
      }
    }),
  );
}
