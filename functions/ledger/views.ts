import { beijingIso, type ContactEntry, type HandoverRecord } from '../../domain';
import type { HandoverItem } from '../lib/db/handover';
import type { ContactLogItem, OnlineContactLogItem } from '../lib/db/ledger';

/** A stored hand-over as the API shows it. */
export const handoverView = ({ pk: _pk, sk: _sk, entity: _e, gsi2pk: _g, gsi2sk: _s, ...record }: HandoverItem): HandoverRecord => record;

/** Newest first: by the contact's date, then by when it was entered. */
export const newestFirst = (a: ContactEntry, b: ContactEntry) => b.date.localeCompare(a.date) || b.recordedAt.localeCompare(a.recordedAt);

const ONLINE_SK = /^CONTACTLOG#ONLINE#(\d{4}-\d{2}-\d{2})#(.+)$/;

/** A stored log item as the API shows it; messaging's items become 网络沟通 contacts. */
export function contactEntry(raw: Record<string, unknown>): ContactEntry {
  if (raw.entity === 'contactLog') {
    const c = raw as unknown as ContactLogItem;
    return {
      contactId: c.contactId,
      familyId: c.familyId,
      staffId: c.staffId,
      staffName: c.staffName,
      type: c.type,
      date: c.date,
      health: c.health,
      mood: c.mood,
      needs: c.needs,
      followUp: c.followUp,
      photoKeys: c.photoKeys,
      source: 'ledger',
      recordedAt: c.recordedAt,
      version: c.version,
      edits: c.edits,
    };
  }
  const o = raw as unknown as OnlineContactLogItem;
  const match = ONLINE_SK.exec(o.sk);
  const date = match?.[1] ?? '';
  const staffId = o.staffId ?? match?.[2] ?? '';
  const familyId = o.familyId ?? o.pk.replace(/^FAMILY#/, '');
  return {
    contactId: `online_${date}_${staffId}`,
    familyId,
    staffId,
    staffName: o.staffName ?? '',
    type: 'online',
    date,
    followUp: false,
    photoKeys: [],
    source: 'messaging',
    recordedAt: o.at ?? beijingIso(date),
    version: 1,
    edits: 0,
  };
}
