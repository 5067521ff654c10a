import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  addDays,
  beijingInstant,
  beijingWhen,
  parseSessionId,
  periodLabels,
  sessionIdOf,
  toBeijingIso,
  weekdayOf,
  type Institution,
  type InstitutionLevel,
  type Period,
} from '../../../../domain';
import { batchGetAll } from '../batch';
import { db, tableName } from '../client';
import { keys } from '../keys';
import { queryAll } from '../query-all';

/** Institutions, their weekly schedules and overrides, and the sessions generated from them. */

/** A designated institution and its departments (one item: the departments are few). */
export interface InstitutionItem extends Institution {
  pk: string;
  sk: 'PROFILE';
  entity: 'institution';
  countyId: string;
  /** Who meets priority patients, printed on the confirmation. */
  meetBy: string;
  /** Set by the commission's institution pages (functions/lib/db/institutions.ts). */
  level?: InstitutionLevel;
  greenChannelHours?: string;
  /** Townships this institution serves as their designated (定点) institution. */
  servesTownships?: string[];
  version?: number;
  updatedAt?: string;
  retiredAt?: string;
  gsi1pk: string;
  gsi1sk: string;
}

/** Recurring weekly availability of one department in one half-day. */
export interface ScheduleItem {
  pk: string;
  sk: string;
  entity: 'schedule';
  institutionId: string;
  departmentId: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  period: Period;
  startTime: string;
  endTime: string;
  doctorId: string;
  doctorName: string;
  /** All places of the session; the priority quota is part of it. */
  capacity: number;
  priorityQuota: number;
  releaseHoursBefore: number;
}

/** A one-off change: the department (or `ALL`) is closed that day, or another doctor sits. */
export interface ScheduleOverrideItem {
  pk: string;
  sk: string;
  entity: 'scheduleOverride';
  institutionId: string;
  date: string;
  departmentId: string;
  closed: boolean;
  /** Set when the override is about one doctor (away): it applies to that doctor's sessions only. */
  doctorId?: string;
  /** The substitute who sits instead (not closed). */
  doctorName?: string;
  reason: string;
}

export interface SessionItem {
  pk: string;
  sk: string;
  entity: 'session';
  institutionId: string;
  institutionName: string;
  sessionId: string;
  date: string;
  departmentId: string;
  departmentName: string;
  period: Period;
  startsAt: string;
  endsAt: string;
  startsAtMs: number;
  releaseAt: string;
  releaseAtMs: number;
  doctorName: string;
  capacity: number;
  priorityQuota: number;
  priorityLeft: number;
  place: string;
  meetBy: string;
  /** How many times a member joined the waiting list (never decreases): a removal that closes the list is conditioned on it. */
  waitJoins?: number;
}

const T = () => tableName();

export async function listInstitutions(countyId: string): Promise<InstitutionItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: T(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.institutionsPk(countyId) } }),
  );
  return (out.Items ?? []) as InstitutionItem[];
}

/** Every county with an institution (one Query of one small partition). */
export async function listInstitutionCounties(): Promise<string[]> {
  const items = await queryAll<{ countyId: string }>({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.institutionCounty('').pk } });
  return items.map((i) => i.countyId);
}

/** Every session of one institution on one day, optionally one department: one Query. */
export async function listSessionsOfDay(institutionId: string, date: string, departmentId?: string): Promise<SessionItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: T(),
      KeyConditionExpression: departmentId ? 'pk = :pk AND begins_with(sk, :dept)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.sessionDayPk(institutionId, date), ...(departmentId ? { ':dept': `${departmentId}#` } : {}) },
    }),
  );
  return (out.Items ?? []) as SessionItem[];
}

export function sessionKey(institutionId: string, sessionId: string) {
  const { date, departmentId, period } = parseSessionId(sessionId);
  return keys.session(institutionId, date, departmentId, period);
}

/** A session as it is now (consistent read). */
export async function getSession(institutionId: string, sessionId: string): Promise<SessionItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: T(), Key: sessionKey(institutionId, sessionId), ConsistentRead: true }));
  return out.Item as SessionItem | undefined;
}

/** Session and the person booked for, in one BatchGetItem. */
export async function getSessionAndPerson(institutionId: string, sessionId: string, personId: string) {
  const items = await batchGetAll<Record<string, unknown>>([sessionKey(institutionId, sessionId), keys.person(personId)]);
  return {
    session: items.find((i) => i.entity === 'session') as SessionItem | undefined,
    person: items.find((i) => i.entity === 'person') as { personId: string; name: string; familyId?: string; role: string } | undefined,
  };
}

/** "3月5日 08:00上午": how messages name a session. */
export const sessionTime = (s: { date: string; period: Period; startsAt: string }) => `${beijingWhen(s.startsAt)}${periodLabels[s.period]}`;

/**
 * Sessions of the next `days` days from the schedules, with overrides applied. Pure: the seed and
 * the daily job (functions/booking/generate-sessions.ts) write them with `attribute_not_exists`, so
 * running it again never resets a quota that bookings have already used.
 */
export function buildSessions(
  institution: Pick<InstitutionItem, 'institutionId' | 'name' | 'departments' | 'greenChannelPlace' | 'meetBy'>,
  schedules: ScheduleItem[],
  overrides: ScheduleOverrideItem[],
  fromDate: string,
  days: number,
): SessionItem[] {
  const out: SessionItem[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(fromDate, i);
    const weekday = weekdayOf(date);
    for (const s of schedules.filter((x) => x.weekday === weekday)) {
      const override = overrides.find((o) => o.date === date && (o.departmentId === 'ALL' || (o.doctorId ? o.doctorId === s.doctorId : o.departmentId === s.departmentId)));
      if (override?.closed) continue;
      const dept = institution.departments.find((d) => d.departmentId === s.departmentId);
      if (!dept) continue;
      const starts = beijingInstant(date, s.startTime);
      const release = new Date(starts.getTime() - s.releaseHoursBefore * 3_600_000);
      out.push({
        ...keys.session(institution.institutionId, date, s.departmentId, s.period),
        entity: 'session',
        institutionId: institution.institutionId,
        institutionName: institution.name,
        sessionId: sessionIdOf(date, s.departmentId, s.period),
        date,
        departmentId: s.departmentId,
        departmentName: dept.name,
        period: s.period,
        startsAt: toBeijingIso(starts),
        endsAt: toBeijingIso(beijingInstant(date, s.endTime)),
        startsAtMs: starts.getTime(),
        releaseAt: toBeijingIso(release),
        releaseAtMs: release.getTime(),
        doctorName: override?.doctorName ?? s.doctorName,
        capacity: s.capacity,
        priorityQuota: s.priorityQuota,
        priorityLeft: s.priorityQuota,
        place: `${institution.name}${dept.name}，${institution.greenChannelPlace}`,
        meetBy: institution.meetBy,
      });
    }
  }
  return out;
}

/** Writes sessions not yet there; existing ones (with bookings) are left alone. Returns how many were new. */
export async function putSessionsIfAbsent(sessions: SessionItem[]): Promise<number> {
  let created = 0;
  for (const s of sessions) {
    try {
      await db().send(new PutCommand({ TableName: T(), Item: s, ConditionExpression: 'attribute_not_exists(pk)' }));
      created++;
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
  }
  return created;
}
