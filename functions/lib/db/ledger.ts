import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  addDays,
  countsAsVisit,
  monthOf,
  toBeijingIso,
  weekStart,
  type ContactEntry,
  type ContactRecordRequest,
  type ContactType,
} from '../../../domain';
import { batchGetAll } from './batch';
import { db, tableName } from './client';
import { getFamilyProfile } from './families';
import type { FamilyProfileItem, PersonItem } from './items';
import { keys } from './keys';
import { part, type Part, parts, transact, type TransactItem } from './transact';

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

/**
 * One per family: when it was last contacted and visited, and which weeks and months have been
 * counted already, so the running counters count each family once per period. Indexed by the
 * last contact day per township (GSI1) and county (GSI2) for the "not contacted in 14+ days" list.
 */
export interface LedgerSummaryItem {
  pk: string;
  sk: 'LEDGER';
  entity: 'ledgerSummary';
  familyId: string;
  familyName: string;
  villageName: string;
  countyId: string;
  townshipId: string;
  townshipName: string;
  lastContactOn: string;
  lastVisitOn?: string;
  weeksContacted: string[];
  monthsContacted: string[];
  monthsVisited: string[];
  version: number;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

/** Sorts before any date: a family never contacted is the stalest. */
export const NEVER = '0000-00-00';

export function ledgerSummaryItem(profile: FamilyProfileItem, last: { contactOn?: string; visitOn?: string } = {}): LedgerSummaryItem {
  const lastContactOn = last.contactOn ?? NEVER;
  return {
    ...keys.ledgerSummary(profile.familyId),
    entity: 'ledgerSummary',
    familyId: profile.familyId,
    familyName: profile.familyName,
    villageName: profile.villageName,
    countyId: profile.countyId,
    townshipId: profile.townshipId,
    townshipName: profile.townshipName,
    lastContactOn,
    lastVisitOn: last.visitOn,
    weeksContacted: [],
    monthsContacted: [],
    monthsVisited: [],
    version: 1,
    ...summaryIndexKeys(profile, lastContactOn),
  };
}

function summaryIndexKeys(s: Pick<LedgerSummaryItem, 'familyId' | 'countyId' | 'townshipId'>, lastContactOn: string) {
  return {
    gsi1pk: keys.ledgerTownshipPk(s.townshipId),
    gsi1sk: keys.ledgerTownshipSk(lastContactOn, s.familyId),
    gsi2pk: keys.ledgerCountyPk(s.countyId),
    gsi2sk: keys.ledgerCountySk(lastContactOn, s.townshipId, s.familyId),
  };
}

/** Running counters per township and period (see dashboard.ts for how they are read). */
export interface StatsPeriodFields {
  contacts?: number;
  visits?: number;
  greetings?: number;
  familiesContacted?: number;
  familiesVisited?: number;
}

/**
 * The counter updates one contact causes, given what the family's summary had counted already.
 * Pure, so the seed, the import and the route count the same way.
 */
export function contactEffects(summary: Pick<LedgerSummaryItem, 'weeksContacted' | 'monthsContacted' | 'monthsVisited'>, type: ContactType, date: string) {
  const week = weekStart(date);
  const month = monthOf(date);
  const visit = countsAsVisit(type);
  return {
    week,
    month,
    newWeek: !summary.weeksContacted.includes(week),
    newMonth: !summary.monthsContacted.includes(month),
    newVisitMonth: visit && !summary.monthsVisited.includes(month),
    visit,
    greeting: type === 'festival' || type === 'birthday',
  };
}

function addUpdate(key: { pk: string; sk: string }, counts: Record<string, number>, extra: Record<string, string>): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, number | string> = {};
  const adds = Object.entries(counts).filter(([, n]) => n !== 0).map(([field, n], i) => {
    names[`#c${i}`] = field;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  const sets = Object.entries(extra).map(([field, v], i) => {
    names[`#s${i}`] = field;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', adds.length ? `ADD ${adds.join(', ')}` : ''].join(' ').trim(),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The week and month counter updates for one contact (empty of zero adds). */
export function counterUpdates(summary: Pick<LedgerSummaryItem, 'countyId' | 'townshipId'>, effects: ReturnType<typeof contactEffects>): TransactItem[] {
  const region = { countyId: summary.countyId, townshipId: summary.townshipId, entity: 'periodStats' };
  return [
    addUpdate(keys.statsWeek(summary.countyId, effects.week, summary.townshipId), { contacts: 1, familiesContacted: effects.newWeek ? 1 : 0 }, { ...region, period: effects.week }),
    addUpdate(
      keys.statsMonth(summary.countyId, effects.month, summary.townshipId),
      {
        contacts: 1,
        visits: effects.visit ? 1 : 0,
        greetings: effects.greeting ? 1 : 0,
        familiesContacted: effects.newMonth ? 1 : 0,
        familiesVisited: effects.newVisitMonth ? 1 : 0,
      },
      { ...region, period: effects.month },
    ),
  ];
}

/**
 * The ledger effects of one contact, as parts of the caller's transaction: the family's summary,
 * conditioned on the version read (so two contacts at once cannot both count the family as "first
 * this week": the loser, refused on `summary`, reads again and retries), and the township's week
 * and month counters. Recording a contact by hand and messaging's first staff reply of a day both
 * write exactly these.
 */
export function contactLedgerParts(summary: LedgerSummaryItem, type: ContactType, date: string): Part<'summary' | 'counter'>[] {
  const next = applyContact(summary, type, date);
  const fresh = summary.version === 0; // the summary did not exist when read (a family from before the ledger)
  return [
    part('summary', {
      Put: {
        TableName: tableName(),
        Item: { ...next, version: summary.version + 1 },
        ConditionExpression: fresh ? 'attribute_not_exists(pk)' : '#v = :v',
        ...(fresh ? {} : { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': summary.version } }),
      },
    }),
    ...parts('counter', counterUpdates(summary, contactEffects(summary, type, date))),
  ];
}

/** Index of the summary Put in `contactLedgerWrites`, for callers not yet on labelled parts (messaging). */
export const SUMMARY_WRITE = 0;

/** `contactLedgerParts` without labels, for callers not yet on labelled parts (messaging). */
export const contactLedgerWrites = (summary: LedgerSummaryItem, type: ContactType, date: string): TransactItem[] => contactLedgerParts(summary, type, date).map((p) => p.item);

/** What recording a contact reads first: the family's summary, and optionally the caller and the day's online slot. */
export interface ContactState {
  summary: LedgerSummaryItem;
  person?: PersonItem;
  onlineSlot?: OnlineContactLogItem;
}

/**
 * One BatchGet of the family's summary (plus the caller's person item and the day's online slot
 * when asked). A family added before the ledger existed gets a summary that starts now, with
 * nothing counted (version 0: written with attribute_not_exists). Undefined: no such family.
 */
export async function readContactState(familyId: string, want: { personId?: string; onlineSlot?: { date: string; staffId: string } }): Promise<ContactState | undefined> {
  const slotKey = want.onlineSlot ? keys.onlineContactLog(familyId, want.onlineSlot.date, want.onlineSlot.staffId) : undefined;
  const found = await batchGetAll<Record<string, unknown> & { pk: string; sk: string }>([
    keys.ledgerSummary(familyId),
    ...(want.personId ? [keys.person(want.personId)] : []),
    ...(slotKey ? [slotKey] : []),
  ]);
  let summary = found.find((i) => i.entity === 'ledgerSummary') as LedgerSummaryItem | undefined;
  if (!summary) {
    const profile = await getFamilyProfile(familyId);
    if (!profile) return undefined;
    summary = { ...ledgerSummaryItem(profile), version: 0 };
  }
  return {
    summary,
    person: found.find((i) => i.entity === 'person') as PersonItem | undefined,
    onlineSlot: slotKey ? (found.find((i) => i.sk === slotKey.sk) as OnlineContactLogItem | undefined) : undefined,
  };
}

/** The summary after a contact, for the seed and the import (the route uses a conditional update). */
export function applyContact(summary: LedgerSummaryItem, type: ContactType, date: string): LedgerSummaryItem {
  const e = contactEffects(summary, type, date);
  const lastContactOn = date > summary.lastContactOn ? date : summary.lastContactOn;
  return {
    ...summary,
    lastContactOn,
    lastVisitOn: e.visit && (!summary.lastVisitOn || date > summary.lastVisitOn) ? date : summary.lastVisitOn,
    weeksContacted: e.newWeek ? [...summary.weeksContacted, e.week] : summary.weeksContacted,
    monthsContacted: e.newMonth ? [...summary.monthsContacted, e.month] : summary.monthsContacted,
    monthsVisited: e.newVisitMonth ? [...summary.monthsVisited, e.month] : summary.monthsVisited,
    ...summaryIndexKeys(summary, lastContactOn),
  };
}

export async function getLedgerSummary(familyId: string): Promise<LedgerSummaryItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.ledgerSummary(familyId), ConsistentRead: true }));
  return out.Item as LedgerSummaryItem | undefined;
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
  input: { familyId: string; staffId: string; staffName: string; body: ContactRecordRequest },
  summary: LedgerSummaryItem,
  now: Date,
): { item: ContactLogItem; parts: Part<ContactRecordingLabel>[] } {
  const { body } = input;
  const contactId = newContactId();
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

async function queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>, max = 1000): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    start = out.LastEvaluatedKey;
  } while (start && items.length < max);
  return items;
}

/** The family's whole log, ledger entries and messaging's online contacts, in one Query. */
export async function listFamilyContactLog(familyId: string): Promise<ContactEntry[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': keys.familyPk(familyId), ':p': keys.contactLogPrefix },
    ScanIndexForward: false,
  });
  return items.filter(countedByMessaging).map(toEntry).sort((a, b) => b.date.localeCompare(a.date) || b.recordedAt.localeCompare(a.recordedAt));
}

/**
 * A staff member's contacts (ledger and online) from `fromDate` on, over all their families, in
 * one Query of their GSI1 partition.
 */
export async function listStaffContactsSince(staffId: string, fromDate: string): Promise<ContactEntry[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.staffPk(staffId), ':from': `${keys.contactLogPrefix}${fromDate}`, ':to': `${keys.contactLogPrefix}\uffff` },
  });
  return items.filter(countedByMessaging).map(toEntry);
}

const ONLINE_SK = /^CONTACTLOG#ONLINE#(\d{4}-\d{2}-\d{2})#(.+)$/;

/** A stored log item as the API shows it; messaging's items become 网络沟通 contacts. */
export function toEntry(raw: Record<string, unknown>): ContactEntry {
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
    recordedAt: o.at ?? `${date}T00:00:00+08:00`,
    version: 1,
    edits: 0,
  };
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

/** Families of a township or county not contacted since before `cutoff` (stalest first). */
export async function listStaleFamilies(region: { countyId: string; townshipId?: string }, cutoff: string): Promise<LedgerSummaryItem[]> {
  const byTownship = Boolean(region.townshipId);
  const index = byTownship ? 'gsi1' : 'gsi2';
  const pk = byTownship ? keys.ledgerTownshipPk(region.townshipId!) : keys.ledgerCountyPk(region.countyId);
  const items = await queryAll({
    IndexName: index,
    KeyConditionExpression: `${index}pk = :pk AND ${index}sk < :cutoff`,
    ExpressionAttributeValues: { ':pk': pk, ':cutoff': cutoff },
  });
  return items as unknown as LedgerSummaryItem[];
}

export const staleCutoff = (today: string, days: number) => addDays(today, -days + 1);
