import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, countsAsGreeting, countsAsVisit, monthOf, weekStart, type ContactType } from '../../../../domain';
import { batchGetAll } from '../batch';
import { db, tableName } from '../client';
import { getFamilyProfile } from '../families';
import type { FamilyProfileItem, PersonItem } from '../items';
import { keys } from '../keys';
import { part, type Part, parts, type TransactItem } from '../transact';
import type { OnlineContactLogItem } from './contacts';
import { queryAll } from './query';

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
    greeting: countsAsGreeting(type, date),
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
