import { PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { beijingDate, beijingDayStart, type Principal, type SensitiveField, toBeijingIso } from '../../../domain';
import { notFound } from '../http/errors';
import { batchGetAll, batchPutAll } from './batch';
import { db, tableName } from './client';
import type { AuditItem, PersonItem } from './items';
import { keys } from './keys';
import { decodeCursor, encodeCursor, type Page, tableKeyAttributes } from './pagination';

export type AuditEvent = Omit<AuditItem, 'pk' | 'sk' | 'entity'>;

/** Sort keys start with the epoch in milliseconds, zero-padded, so the partition reads newest first. */
const instantSk = (at: Date) => String(at.getTime()).padStart(15, '0');
const instantOfSk = (sk: string) => Number(sk.slice(0, 15));

/**
 * Written before the sensitive value is returned: no audit, no data. Each read of one person's
 * data is its own event (the family's log groups them for display, the trail keeps every one);
 * the random suffix keeps reads in the same millisecond apart.
 */
export async function writeAuditEvent(event: AuditEvent, now: Date): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: auditItem(event, now) }));
}

/** The stored event, for a caller that writes it together with other items (one BatchWrite). */
export function auditItem(event: AuditEvent, now: Date): AuditItem {
  return { pk: keys.auditPk(event.familyId), sk: `${instantSk(now)}#${randomUUID()}`, entity: 'audit', ...event };
}

/** What a list showed of one subject: a family's type, or a member's chronic conditions. */
export interface ListReadSubject {
  familyId: string;
  subjectId: string;
  subjectName: string;
  field: SensitiveField;
}

/**
 * A list that shows sensitive data of many families (a family's 失独/伤残 type, members' chronic
 * conditions) is read over and over in a working day; one event per viewer, subject, field and
 * Beijing day says all the family needs, without burying single reads under list views. The
 * event's key is that tuple (its time part is the day's start, so it sorts into the right day), so
 * writing it twice is writing the same item: concurrent list reads cannot duplicate it.
 *
 * Cost, whatever the list's length up to 99 subjects: one BatchGet (the day's events and the
 * viewer's record together) and, only for subjects not yet audited today, one BatchWrite per 25.
 * Written before the list is returned, like every audit.
 */
export async function auditListRead(principal: Principal, subjects: readonly ListReadSubject[], routeId: string, now: Date): Promise<void> {
  if (subjects.length === 0) return;
  const day = beijingDate(now);
  const dayKey = (s: ListReadSubject) => ({ pk: keys.auditPk(s.familyId), sk: `${instantSk(beijingDayStart(day))}#day#${principal.personId}#${s.field}#${s.subjectId}` });
  const unique = [...new Map(subjects.map((s) => [JSON.stringify(dayKey(s)), s])).values()];
  const found = await batchGetAll<AuditItem | PersonItem>([keys.person(principal.personId), ...unique.map(dayKey)]);
  const done = new Set(found.filter((i) => i.entity === 'audit').map((i) => `${i.pk} ${i.sk}`));
  const missing = unique.filter((s) => {
    const k = dayKey(s);
    return !done.has(`${k.pk} ${k.sk}`);
  });
  if (missing.length === 0) return;
  const viewer = found.find((i): i is PersonItem => i.entity === 'person');
  // The viewer's own record names them in the family's log; without it, refuse rather than leave
  // an anonymous entry.
  if (!viewer) throw notFound('没有找到您的工作人员信息，请联系管理员');
  const at = toBeijingIso(now);
  await batchPutAll(
    missing.map((s): AuditItem => ({
      ...dayKey(s),
      entity: 'audit',
      familyId: s.familyId,
      at,
      viewerId: principal.personId,
      viewerName: viewer.name,
      viewerRole: principal.role,
      organisation: viewer.organisation ?? '',
      subjectId: s.subjectId,
      subjectName: s.subjectName,
      field: s.field,
      routeId,
    })) as unknown as Record<string, unknown>[],
  );
}

/** Repeated reads of one kind of data about one person by one viewer on one Beijing day. */
export interface AccessGroup {
  day: string;
  /** The latest and the earliest read of the group. */
  at: string;
  firstAt: string;
  count: number;
  event: AuditItem;
}

const RAW_PER_QUERY = 200;
const MAX_QUERIES = 5;

/**
 * The family's log, grouped: events of the same viewer, field, subject and day are one entry with
 * a count. A page holds whole days (so a group is never split between pages), at least `limit`
 * entries unless the log ends; the cursor is the start of the oldest day shown, and the next page
 * reads what lies before it. Usually one Query; a day with more than 200 reads takes more, and a
 * day beyond 1,000 is cut where the reading stopped (its remainder comes as the next page).
 */
export async function listAccessGroups(familyId: string, page: { cursor?: string; limit: number }): Promise<Page<AccessGroup>> {
  const pk = keys.auditPk(familyId);
  let start: Record<string, unknown> | undefined = decodeCursor(page.cursor, { attributes: tableKeyAttributes, equals: { pk } });
  const raw: AuditItem[] = [];
  let exhausted = false;
  for (let queries = 0; queries < MAX_QUERIES; queries++) {
    const out: QueryCommandOutput = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false, Limit: RAW_PER_QUERY, ExclusiveStartKey: start }),
    );
    raw.push(...((out.Items ?? []) as AuditItem[]));
    start = out.LastEvaluatedKey;
    if (!start) {
      exhausted = true;
      break;
    }
    if (groupsOf(raw, completeDays(raw, false)).length >= page.limit) break;
  }

  let days = completeDays(raw, exhausted);
  let cursorSk: string | undefined;
  if (days.length === 0 && raw.length > 0) {
    // One day longer than everything read: show what was read, continue after the last event.
    days = [dayOf(raw[0])];
    cursorSk = raw[raw.length - 1].sk;
  } else {
    // Whole days, oldest last, until the page is full.
    const chosen: string[] = [];
    for (const day of days) {
      chosen.push(day);
      if (groupsOf(raw, chosen).length >= page.limit) break;
    }
    const oldest = chosen[chosen.length - 1];
    if (oldest && (!exhausted || chosen.length < days.length)) cursorSk = instantSk(beijingDayStart(oldest));
    days = chosen;
  }
  return { items: groupsOf(raw, days), nextCursor: cursorSk ? encodeCursor({ pk, sk: cursorSk }) : undefined };
}

const dayOf = (e: AuditItem) => beijingDate(instantOfSk(e.sk));

/** Days present in `raw` (newest first) whose every event has been read. */
function completeDays(raw: AuditItem[], exhausted: boolean): string[] {
  const days = [...new Set(raw.map(dayOf))];
  return exhausted ? days : days.slice(0, -1);
}

function groupsOf(raw: AuditItem[], days: readonly string[]): AccessGroup[] {
  const groups = new Map<string, AccessGroup>();
  for (const e of raw) {
    const day = dayOf(e);
    if (!days.includes(day)) continue;
    // An action taken for the family is never folded into another line: each one is shown.
    const key = e.action ? e.sk : `${day}|${e.viewerId}|${e.field}|${e.subjectId}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { day, at: e.at, firstAt: e.at, count: 1, event: e });
    else {
      g.count += 1;
      if (e.at > g.at) g.at = e.at;
      if (e.at < g.firstAt) g.firstAt = e.at;
    }
  }
  return [...groups.values()];
}
