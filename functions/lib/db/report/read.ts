import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactKind, ContactLevel } from '../../../../domain';
import { db, tableName } from '../client';
import { batchGetAll } from '../batch';
import type { DoctorFollowUpItem, PlanItem } from '../followups';
import type { GreenChannelStatsItem } from '../green-channel';
import type { FamilyContactItem, FamilyProfileItem, PersonItem } from '../items';
import { keys } from '../keys';
import { countedByMessaging } from '../ledger';
import { queryAll } from '../query-all';
import type { RequestItem } from '../requests';
import type { StatsPeriodFields } from '../ledger';
import { listTownshipStaff } from '../staff-directory';

/**
 * What the self-inspection report reads beyond the dashboard's counters, every read a Query of a
 * region's partition or index (never a Scan): the region's family profiles, its members' signing
 * states, the monthly counters of a range of months, the contact log of each township and month,
 * the contact persons' assignments and the overdue requests. The request count grows with
 * townships, months and contact persons, never with families beyond 1 MB pages.
 */

type Region = { countyId: string; townshipId?: string };

/** Every family profile of a county (GSI2), optionally one township of it by sort-key prefix. */
export function regionProfiles(region: Region): Promise<FamilyProfileItem[]> {
  const prefix = region.townshipId ? `FAMILY#${region.townshipId}#` : 'FAMILY#';
  return queryAll<FamilyProfileItem>({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :p)',
    ExpressionAttributeValues: { ':pk': keys.countyPk(region.countyId), ':p': prefix },
  }).then((items) => items.filter((i) => i.entity === 'family'));
}

export interface MonthStatsItem extends StatsPeriodFields {
  sk: string;
  townshipId: string;
  period: string;
}

/** The county's monthly counters from `from` through `to` (one Query of its STATS partition). */
export async function monthStats(countyId: string, from: string, to: string): Promise<MonthStatsItem[]> {
  const items = await queryAll<MonthStatsItem>({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.statsPk(countyId), ':from': `MONTH#${from}`, ':to': `MONTH#${to}#\uffff` },
  });
  return items.map((i) => ({ ...i, period: i.period ?? i.sk.split('#')[1] }));
}

export interface LoggedContact {
  familyId: string;
  staffId: string;
  staffName: string;
  type: 'home_visit' | 'phone' | 'online' | 'festival' | 'birthday';
  date: string;
}

/** A township's contacts of one month (the export's GSI2 partition), hand entries and messaging's online days. */
export async function townshipMonthContacts(townshipId: string, month: string): Promise<LoggedContact[]> {
  const items = await queryAll<Record<string, unknown>>({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.contactLogMonthPk(townshipId, month) },
    ProjectionExpression: 'pk, sk, entity, familyId, staffId, staffName, #type, #date, handContactId',
    ExpressionAttributeNames: { '#type': 'type', '#date': 'date' },
  });
  return items.filter(countedByMessaging).map((raw) => {
    const online = /^CONTACTLOG#ONLINE#(\d{4}-\d{2}-\d{2})#(.+)$/.exec(String(raw.sk));
    return {
      familyId: (raw.familyId as string | undefined) ?? String(raw.pk).replace(/^FAMILY#/, ''),
      staffId: (raw.staffId as string | undefined) ?? online?.[2] ?? '',
      staffName: (raw.staffName as string | undefined) ?? '',
      type: raw.entity === 'contactLog' ? (raw.type as LoggedContact['type']) : 'online',
      date: (raw.date as string | undefined) ?? online?.[1] ?? '',
    };
  });
}

export interface Assignment {
  familyId: string;
  kind: ContactKind;
  staffId: string;
  name: string;
}

const COVERAGE_LEVELS: ContactLevel[] = ['township', 'village'];

/**
 * The township and village contacts of a township's families: its contact persons from the staff
 * directory (one Query), then each one's assignments (one Query of their GSI1 partition each).
 * Bounded by the number of contact persons, so the report can name who is missing and who did
 * not reach whom without reading every family's partition.
 */
export async function townshipAssignments(townshipId: string): Promise<Assignment[]> {
  const staff = (await listTownshipStaff(townshipId)).filter((s) => COVERAGE_LEVELS.includes(s.contactLevel));
  const lists = await Promise.all(
    staff.map((s) =>
      queryAll<FamilyContactItem>({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.staffPk(s.personId), ':p': 'FAMILY#' },
      }),
    ),
  );
  return lists.flat().filter((c) => c.entity === 'familyContact').map((c) => ({ familyId: c.familyId, kind: c.kind, staffId: c.staffId, name: c.name }));
}

/**
 * A township's active requests (its due-date index, which the dashboard counts overdue ones from):
 * those open and overdue at the period's end are counted from these and the closing counters.
 */
export function activeRequests(townshipId: string): Promise<RequestItem[]> {
  return queryAll<RequestItem>({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.requestTownshipPk(townshipId) },
  });
}

/** A county's follow-up plans, optionally one township's (one Query of the plan index). */
export function regionPlans(region: Region): Promise<PlanItem[]> {
  return queryAll<PlanItem>({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: region.townshipId ? 'gsi2pk = :pk AND begins_with(gsi2sk, :p)' : 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.followUpPlanRegionPk(region.countyId), ...(region.townshipId ? { ':p': `${region.townshipId}#` } : {}) },
  }).then((items) => items.filter((i) => i.entity === 'followUpPlan'));
}

/** The doctors' visits and calls of a county's month, optionally one township's (one Query). */
export function regionDoctorFollowUps(region: Region, month: string): Promise<DoctorFollowUpItem[]> {
  return queryAll<DoctorFollowUpItem>({
    TableName: tableName(),
    KeyConditionExpression: region.townshipId ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.doctorFollowUpMonthPk(region.countyId, month), ...(region.townshipId ? { ':p': `${region.townshipId}#` } : {}) },
  });
}

/**
 * The green-channel counters of the months `from` through `to` of a county (one Query of the
 * counters the dashboard reads a month of; read here so the report's bundle does not take in the
 * window's lookup code).
 */
export function greenChannelMonths(countyId: string, from: string, to: string): Promise<GreenChannelStatsItem[]> {
  return queryAll<GreenChannelStatsItem>({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.greenChannelStatsPk(countyId), ':from': keys.greenChannelMonthPrefix(from), ':to': `${keys.greenChannelMonthPrefix(to)}\uffff` },
  });
}

/** Names of persons (the doctors behind follow-up gaps), one BatchGet per 100. */
export async function personNames(personIds: readonly string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const items = await batchGetAll<PersonItem>([...new Set(personIds)].map((id) => keys.person(id)));
  return new Map(items.map((p) => [p.personId, p.name]));
}

/** The caller's organisation, for the report's heading (one item read). */
export async function organisationOf(personId: string): Promise<string | undefined> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': keys.person(personId).pk, ':sk': 'PROFILE' },
      ProjectionExpression: 'organisation',
    }),
  );
  return out.Items?.[0]?.organisation as string | undefined;
}
