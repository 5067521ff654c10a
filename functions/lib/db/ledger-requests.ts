import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { monthOf, requestOpenMonthEnds, type Awareness, type RequestStatus, type Satisfaction, type SurveyFigures } from '../../../domain';
import { Awareness as AwarenessEnum, Satisfaction as SatisfactionEnum } from '../../../domain';
import { db, tableName } from './client';
import { keys } from './keys';
import type { TransactItem } from './transact';

/**
 * Running counters of requests (诉求) and of the quarterly survey (满意度, 知晓率) for the coverage
 * dashboard, one item per township (`REQSTATS#<county>` / `TOWNSHIP#<t>`) and per township and
 * quarter (`SURVEY#<quarter>#<t>`), changed only inside the transactions that change the records.
 * Overdue requests depend on the day, so they are counted from the township's due-date index
 * (one COUNT Query per township), not kept as a counter.
 */
export interface RequestStatsItem {
  pk: string;
  sk: string;
  countyId: string;
  townshipId: string;
  /** Raised ever / still open or in progress / closed by outcome. */
  opened?: number;
  active?: number;
  resolved?: number;
  referred?: number;
  declined?: number;
  /** Per month, named by `requestMonthCounter`. */
  [monthCounter: `${string}@${string}`]: number | undefined;
}

/** A township's month counter, 0 when never moved. */
export const monthCount = (stats: RequestStatsItem | undefined, field: Parameters<typeof requestMonthCounter>[0], month: string) => stats?.[requestMonthCounter(field, month) as `${string}@${string}`] ?? 0;

type Region = { countyId: string; townshipId: string };

function addCounters(key: { pk: string; sk: string }, region: Region, delta: Record<string, number>): TransactItem {
  const entries = Object.entries(delta).filter(([, n]) => n);
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET countyId = :county, townshipId = :township ADD ${entries.map((_, i) => `#f${i} :d${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([f], i) => [`#f${i}`, f])),
      ExpressionAttributeValues: { ':county': region.countyId, ':township': region.townshipId, ...Object.fromEntries(entries.map(([, n], i) => [`:d${i}`, n])) },
    },
  };
}

/**
 * A counter of one month on the township's item (`opened@2026-11`): the report counts requests per
 * period from the same item the dashboard reads, so no request more.
 */
export const requestMonthCounter = (field: 'opened' | Exclude<RequestStatus, 'open' | 'in_progress'> | 'openAtEnd' | 'overdueAtEnd', month: string) => `${field}@${month}`;

/** A request raised on `raisedOn`: one more opened and active in its township, and opened that month. */
export const requestOpenedCounter = (region: Region, raisedOn: string) =>
  addCounters(keys.requestStats(region.countyId, region.townshipId), region, { opened: 1, active: 1, [requestMonthCounter('opened', monthOf(raisedOn))]: 1 });

/**
 * Requests of one township closed on `closedOn` with this outcome (one, or several at once when a
 * family leaves the county): as many fewer active, as many more closed that month, and each counted
 * at every month end it stayed open over (and was overdue at), which the report of a past period
 * needs once the request has left the township's active index.
 */
export const requestClosedCounter = (region: Region, outcome: Exclude<RequestStatus, 'open' | 'in_progress'>, closedOn: string, closing: ReadonlyArray<{ raisedAt: string; dueDate: string }>) => {
  const n = closing.length;
  const delta: Record<string, number> = { active: -n, [outcome]: n, [requestMonthCounter(outcome, monthOf(closedOn))]: n };
  const add = (field: string) => (delta[field] = (delta[field] ?? 0) + 1);
  for (const r of closing) {
    for (const end of requestOpenMonthEnds({ raisedOn: r.raisedAt.slice(0, 10), dueDate: r.dueDate }, closedOn)) {
      add(requestMonthCounter('openAtEnd', end.month));
      if (end.overdue) add(requestMonthCounter('overdueAtEnd', end.month));
    }
  }
  return addCounters(keys.requestStats(region.countyId, region.townshipId), region, delta);
};

/**
 * Active requests of a family moving to another township: their figures go with them, the month
 * each was raised in included, so both townships' per-period counts agree with their records.
 */
export const requestsMovedCounters = (from: Region, to: Region, moving: ReadonlyArray<{ raisedAt: string }>): TransactItem[] => {
  const delta: Record<string, number> = { opened: moving.length, active: moving.length };
  for (const r of moving) {
    const field = requestMonthCounter('opened', monthOf(r.raisedAt.slice(0, 10)));
    delta[field] = (delta[field] ?? 0) + 1;
  }
  const negated = Object.fromEntries(Object.entries(delta).map(([k, v]) => [k, -v]));
  return [addCounters(keys.requestStats(from.countyId, from.townshipId), from, negated), addCounters(keys.requestStats(to.countyId, to.townshipId), to, delta)];
};

/**
 * One family's answer of the quarter, counted by answer. A face-to-face survey recorded by staff
 * (入户调查) is counted apart (`f2f_` counters), so the in-app figures stay the families' own answers.
 * `by` -1 takes the answer out of its township again (the family moved to another one).
 */
export const surveyCounter = (region: Region, quarter: string, answer: { awareness: Awareness; satisfaction: Satisfaction }, channel: 'app' | 'face_to_face' = 'app', by: 1 | -1 = 1) => {
  const p = channel === 'face_to_face' ? 'f2f_' : '';
  return addCounters(keys.surveyStats(region.countyId, quarter, region.townshipId), region, { [`${p}answered`]: by, [`${p}aw_${answer.awareness}`]: by, [`${p}sat_${answer.satisfaction}`]: by });
};

/** Every township of a county that has ever had a request (the only ones that can have open ones). */
export async function requestStatsOf(countyId: string): Promise<RequestStatsItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.requestStatsPk(countyId), ':p': 'TOWNSHIP#' },
    }),
  );
  return (out.Items ?? []) as RequestStatsItem[];
}

/** Active requests of a township due before `today` (overdue), counted on the due-date index. */
export async function overdueRequestCount(townshipId: string, today: string): Promise<number> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :today',
      ExpressionAttributeValues: { ':pk': keys.requestTownshipPk(townshipId), ':today': today },
      Select: 'COUNT',
    }),
  );
  return out.Count ?? 0;
}

/**
 * What the dashboard shows of requests, per township of the county: open (active) from the counter,
 * overdue from the index. 1 + one COUNT Query per township that ever had a request.
 */
export async function requestFigures(countyId: string, today: string): Promise<Array<{ townshipId: string; open: number; overdue: number; resolved: number; referred: number; declined: number }>> {
  const stats = await requestStatsOf(countyId);
  return Promise.all(
    stats.map(async (s) => ({
      townshipId: s.townshipId,
      open: s.active ?? 0,
      overdue: await overdueRequestCount(s.townshipId, today),
      resolved: s.resolved ?? 0,
      referred: s.referred ?? 0,
      declined: s.declined ?? 0,
    })),
  );
}

/** The survey counts of one quarter per township of the county (one Query). */
export async function surveyFigures(countyId: string, quarter: string): Promise<Array<{ townshipId: string } & SurveyFigures>> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.requestStatsPk(countyId), ':p': `SURVEY#${quarter}#` },
    }),
  );
  return (out.Items ?? []).map((i) => ({
    townshipId: i.townshipId as string,
    answered: (i.answered as number) ?? 0,
    awareness: Object.fromEntries(AwarenessEnum.options.map((a) => [a, (i[`aw_${a}`] as number) ?? 0])) as Record<Awareness, number>,
    satisfaction: Object.fromEntries(SatisfactionEnum.options.map((s) => [s, (i[`sat_${s}`] as number) ?? 0])) as Record<Satisfaction, number>,
  }));
}
