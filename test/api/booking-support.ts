import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { beijingInstant, weekdayOf, type Period } from '../../domain';
import { issueCardQr } from '../../functions/lib/auth/card-code';
import { buildSessions, type SessionItem } from '../../functions/lib/db/booking/sessions';
import { db, tableName } from '../../functions/lib/db/client';
import { call, tokenFor } from '../support/api';
import { queryPartition } from './support-table';

/**
 * Sessions for the booking suites, written straight into the table on days far from the seeded
 * ones (2030 and later) and in departments of their own, so suites never share a quota. Every
 * request carries `x-test-now`, the injectable clock, so cut-offs and releases are exact.
 */
export const HOSPITAL = 'org_xyy';

export async function makeSession(o: { institutionId?: string; date: string; departmentId?: string; period?: Period; quota: number; start?: string; releaseHoursBefore?: number }): Promise<SessionItem> {
  const institutionId = o.institutionId ?? HOSPITAL;
  const departmentId = o.departmentId ?? `t${randomBytes(4).toString('hex').replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)])}`;
  const period = o.period ?? 'am';
  const [session] = buildSessions(
    { institutionId, name: '清河县人民医院', departments: [{ departmentId, name: '测试科' }], greenChannelPlace: '门诊一楼绿色通道窗口', meetBy: '绿色通道专员吴静' },
    [
      {
        pk: '',
        sk: '',
        entity: 'schedule',
        institutionId,
        departmentId,
        weekday: weekdayOf(o.date),
        period,
        startTime: o.start ?? (period === 'am' ? '08:00' : '14:00'),
        endTime: period === 'am' ? '11:30' : '17:00',
        doctorId: 'dr_test',
        doctorName: '测试医生',
        capacity: Math.max(30, o.quota),
        priorityQuota: o.quota,
        releaseHoursBefore: o.releaseHoursBefore ?? 24,
      },
    ],
    [],
    o.date,
    1,
  );
  await db().send(new PutCommand({ TableName: tableName(), Item: session }));
  return session;
}

/** Beijing wall-clock time on a date, as an ISO instant for x-test-now. */
export const at = (date: string, hhmm: string) => beijingInstant(date, hhmm).toISOString();

export async function asMember(personId: string, method: string, path: string, now: string, body?: unknown, headers: Record<string, string> = {}) {
  return call(method, path, { token: await tokenFor(personId), body, headers: { 'x-test-now': now, ...headers } });
}

export const book = (personId: string, familyId: string, s: SessionItem, now: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  asMember(personId, 'POST', `/families/${familyId}/bookings`, now, { institutionId: s.institutionId, sessionId: s.sessionId, memberId: personId, ...extra }, headers);

export async function sessionLeft(s: SessionItem): Promise<number> {
  const items = await queryPartition(s.pk);
  return items.find((i) => i.sk === s.sk)!.priorityLeft;
}

/** The family's card token, as the card page would show it at `now`. */
export async function cardToken(familyId: string, now: Date, version = 1): Promise<string> {
  return (await issueCardQr({ familyId, version }, now)).content;
}

export const outboxItem = async (id: string) => (await queryPartition(`OUTBOX#${id}`))[0];
