import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { monthOf, toBeijingIso, type ContactRecordRequest, type ContactType } from '../../../../domain';
import { db, tableName } from '../client';
import { keys } from '../keys';
import { part, type Part, transact } from '../transact';
import { queryAll } from './query';
import { contactLedgerParts, type LedgerSummaryItem } from './summary';

/**
 * The contact log of the ledger (台账): contacts entered by hand, with their earlier versions, and
 * the day's online slots messaging writes. Stored items only; functions/ledger/views.ts shows them.
 */
/** A contact entered in the ledger by a contact person. Never deleted; edits keep versions. */
export interface ContactLogItem {
  pk: string;
  sk: string;
  entity: 'contactLog';
  contactId: string;
  familyId: string;
  staffId: string;
  staffName: string;
  type: ContactType;
  date: string;
  health?: string;
  mood?: string;
  needs?: string;
  followUp: boolean;
  photoKeys: string[];
  recordedAt: string;
  version: number;
  edits: number;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

/**
 * The day's 网络沟通 slot of one staff member with one family (FAMILY#<f> / CONTACTLOG#ONLINE#<date>#
 * <staff>): written by messaging with a staff reply, the first reply of the day applying the
 * ledger effects of one contact in the same transaction. A 网络沟通 entered by hand claims the
 * same slot (`handContactId`, no index keys), so the day's online contact counts once whichever
 * comes first. Only the key attributes are relied on: the date and the staff id are in the sort key.
 */
export interface OnlineContactLogItem {
  pk: string;
  sk: string;
  entity?: 'onlineContact';
  familyId?: string;
  staffId?: string;
  staffName?: string;
  date?: string;
  at?: string;
  replies?: number;
  /** Set when a hand-entered 网络沟通 claimed the day: that entry stands for the day in the log. */
  handContactId?: string;
  gsi1pk?: string;
  gsi1sk?: string;
}

/** A slot messaging counted as the day's contact (not one claimed by a hand entry). */
export const countedByMessaging = (raw: Record<string, unknown>) => raw.entity !== 'onlineContact' || !raw.handContactId;

export interface ContactVersionItem {
  pk: string;
  sk: string;
  entity: 'contactVersion';
  contactId: string;
  version: number;
  editedAt: string;
  editedBy: string;
  reason?: string;
  health?: string;
  mood?: string;
  needs?: string;
  followUp: boolean;
}

export const newContactId = () => `ct_${randomUUID().replace(/-/g, '')}`;

export type ContactRecordingLabel = 'contact' | 'summary' | 'counter' | 'onlineSlot';

/**
 * A new contact and the parts of the one transaction that records it: the contact, the family's
 * summary and the township's week and month counters (`contactLedgerParts`). A 网络沟通 also claims
 * the day's online slot, conditioned on it not existing: a staff reply in messaging the same day
 * then counts nothing more, and a reply that got there first refuses `onlineSlot`.
 */
export function contactRecording(
  /** `contactId`: given only by the demo county's seed, whose contacts tests name; otherwise drawn. */
  input: { familyId: string; staffId: string; staffName: string; body: ContactRecordRequest; contactId?: string },
  summary: LedgerSummaryItem,
  now: Date,
): { item: ContactLogItem; parts: Part<ContactRecordingLabel>[] } {
  const { body } = input;
  const contactId = input.contactId ?? newContactId();
  const item: ContactLogItem = {
    ...keys.contactLog(input.familyId, contactId),
    entity: 'contactLog',
    contactId,
    familyId: input.familyId,
    staffId: input.staffId,
    staffName: input.staffName,
    type: body.type,
    date: body.date,
    health: body.health || undefined,
    mood: body.mood || undefined,
    needs: body.needs || undefined,
    followUp: body.followUp ?? false,
    photoKeys: body.photoKeys ?? [],
    recordedAt: toBeijingIso(now),
    version: 1,
    edits: 0,
    gsi1pk: keys.staffPk(input.staffId),
    gsi1sk: keys.contactLogStaffSk(body.date, input.familyId, contactId),
    gsi2pk: keys.contactLogMonthPk(summary.townshipId, monthOf(body.date)),
    gsi2sk: keys.contactLogMonthSk(body.date, input.familyId, contactId),
  };
  const writes: Part<ContactRecordingLabel>[] = [
    part('contact', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }),
    ...contactLedgerParts(summary, body.type, body.date),
  ];
  if (body.type === 'online') {
    const claim: OnlineContactLogItem = {
      ...keys.onlineContactLog(input.familyId, body.date, input.staffId),
      entity: 'onlineContact',
      familyId: input.familyId,
      staffId: input.staffId,
      staffName: input.staffName,
      date: body.date,
      handContactId: contactId,
      replies: 0,
    };
    writes.push(part('onlineSlot', { Put: { TableName: tableName(), Item: claim, ConditionExpression: 'attribute_not_exists(pk)' } }));
  }
  return { item, parts: writes };
}

export async function getContact(familyId: string, contactId: string): Promise<ContactLogItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.contactLog(familyId, contactId), ConsistentRead: true }));
  return out.Item?.entity === 'contactLog' ? (out.Item as ContactLogItem) : undefined;
}


/** The family's whole log, ledger entries and messaging's online contacts, in one Query. */
export async function listFamilyContactLog(familyId: string): Promise<Record<string, unknown>[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': keys.familyPk(familyId), ':p': keys.contactLogPrefix },
    ScanIndexForward: false,
  });
  return items.filter(countedByMessaging);
}

/**
 * A staff member's contacts (ledger and online) from `fromDate` on, over all their families, in
 * one Query of their GSI1 partition.
 */
export async function listStaffContactsSince(staffId: string, fromDate: string): Promise<Record<string, unknown>[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.staffPk(staffId), ':from': `${keys.contactLogPrefix}${fromDate}`, ':to': `${keys.contactLogPrefix}\uffff` },
  });
  return items.filter(countedByMessaging);
}

export class StaleEditError extends Error {}
const staleEdit = () => new StaleEditError();

/**
 * Corrects the notes of a contact. The version being replaced is copied into its own item first
 * (in the same transaction), conditioned on not existing and on the contact still being at that
 * version and by this author: history is never overwritten and a stale edit is refused.
 */
export async function editContact(
  current: ContactLogItem,
  edit: { health?: string; mood?: string; needs?: string; followUp?: boolean; reason: string; version: number },
  editorId: string,
  now: Date,
): Promise<ContactLogItem> {
  const snapshot: ContactVersionItem = {
    ...keys.contactVersion(current.familyId, current.contactId, current.version),
    entity: 'contactVersion',
    contactId: current.contactId,
    version: current.version,
    editedAt: toBeijingIso(now),
    editedBy: editorId,
    reason: edit.reason,
    health: current.health,
    mood: current.mood,
    needs: current.needs,
    followUp: current.followUp,
  };
  const next: ContactLogItem = {
    ...current,
    health: edit.health ?? current.health,
    mood: edit.mood ?? current.mood,
    needs: edit.needs ?? current.needs,
    followUp: edit.followUp ?? current.followUp,
    version: current.version + 1,
    edits: current.edits + 1,
  };
  await transact(
    [
      part('snapshot', { Put: { TableName: tableName(), Item: snapshot, ConditionExpression: 'attribute_not_exists(pk)' } }),
      part('contact', {
        Put: {
          TableName: tableName(),
          Item: next,
          ConditionExpression: '#v = :v AND staffId = :me',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':v': edit.version, ':me': editorId },
        },
      }),
    ],
    { refusals: { contact: staleEdit, snapshot: staleEdit } },
  );
  return next;
}

export async function listContactVersions(familyId: string, contactId: string): Promise<ContactVersionItem[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': keys.familyPk(familyId), ':p': keys.contactVersionPrefix(contactId) },
  });
  return items as unknown as ContactVersionItem[];
}
