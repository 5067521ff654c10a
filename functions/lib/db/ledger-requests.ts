import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Awareness, RequestStatus, Satisfaction, SurveyFigures } from '../../../domain';
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
}

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

/** A request raised: one more opened and active in its township. */
export const requestOpenedCounter = (region: Region) => addCounters(keys.requestStats(region.countyId, region.townshipId), region, { opened: 1, active: 1 });

/** `n` requests (one by default) closed with this outcome: as many fewer active. */
export const requestClosedCounter = (region: Region, outcome: Exclude<RequestStatus, 'open' | 'in_progress'>, n = 1) =>
  addCounters(keys.requestStats(region.countyId, region.townshipId), region, { active: -n, [outcome]: n });

/** Active requests of a family moving to another township: their figures go with them. */
export const requestsMovedCounters = (from: Region, to: Region, n: number): TransactItem[] => [
  addCounters(keys.requestStats(from.countyId, from.townshipId), from, { opened: -n, active: -n }),
  addCounters(keys.requestStats(to.countyId, to.townshipId), to, { opened: n, active: n }),
];

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
