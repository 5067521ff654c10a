import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CoverageFigures, DashboardFigures, DashboardTownship, RequestSurveyFigures, TownshipCoverage } from '../../../domain';
import { batchGetAll } from './batch';
import { db, tableName } from './client';
import type { TownshipStatsItem } from './coverage';
import { keys } from './keys';
import { overdueRequestCount, requestStatsOf, surveyFigures } from './ledger-requests';
import type { LedgerSummaryItem, StatsPeriodFields } from './ledger';

/**
 * Reading the dashboard's running counters: never a Scan, and a fixed number of requests however
 * many families there are (one Query for a county's township items, one BatchGet for their
 * current week and month).
 */
export async function countyTownshipStats(countyId: string): Promise<TownshipStatsItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.statsPk(countyId), ':p': 'TOWNSHIP#' },
    }),
  );
  return (out.Items ?? []) as TownshipStatsItem[];
}

/**
 * The county a township belongs to: from the claim on its id, which every township has from the
 * moment it is added (so a township officer can work before the first family is imported), else
 * (a table from before the claims) from any of its ledger summaries. One item read either way.
 */
export async function countyOfTownship(townshipId: string): Promise<string | undefined> {
  const claim = await db().send(new GetCommand({ TableName: tableName(), Key: keys.townshipClaim(townshipId) }));
  const claimed = (claim.Item as { countyId?: string } | undefined)?.countyId;
  if (claimed) return claimed;
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.ledgerTownshipPk(townshipId) },
      Limit: 1,
    }),
  );
  return (out.Items?.[0] as LedgerSummaryItem | undefined)?.countyId;
}

export async function coverageOf(
  countyId: string,
  townships: Array<Pick<TownshipStatsItem, 'townshipId'> & Partial<TownshipStatsItem>>,
  week: string,
  month: string,
): Promise<TownshipCoverage[]> {
  const wanted = townships.flatMap((t) => [
    ...(t.entity ? [] : [keys.statsTownship(countyId, t.townshipId)]),
    keys.statsWeek(countyId, week, t.townshipId),
    keys.statsMonth(countyId, month, t.townshipId),
  ]);
  const found = await batchGetAll<Record<string, unknown> & { pk: string; sk: string }>(wanted);
  const bySk = new Map(found.map((i) => [i.sk, i]));
  return townships.flatMap((t) => {
    const base = (t.entity ? t : bySk.get(keys.statsTownship(countyId, t.townshipId).sk)) as TownshipStatsItem | undefined;
    if (!base) return [];
    const w = (bySk.get(keys.statsWeek(countyId, week, t.townshipId).sk) ?? {}) as StatsPeriodFields;
    const m = (bySk.get(keys.statsMonth(countyId, month, t.townshipId).sk) ?? {}) as StatsPeriodFields;
    return [
      {
        townshipId: base.townshipId,
        townshipName: base.townshipName,
        families: base.families,
        familiesWithAllContacts: base.familiesWithAllContacts,
        members: base.members,
        // A township item written before this counter existed has no field (ADD starts it from
        // zero); a deployed table backfills it once from the STATE items (README, signing).
        wantingMembers: base.wantingMembers ?? 0,
        signedMembers: base.signedMembers,
        cardHolders: base.cardHolders,
        contactedThisWeek: w.familiesContacted ?? 0,
        visitedThisMonth: m.familiesVisited ?? 0,
        contactsThisMonth: m.contacts ?? 0,
        visitsThisMonth: m.visits ?? 0,
        greetingsThisMonth: m.greetings ?? 0,
      },
    ];
  });
}

export function sumCoverage(list: CoverageFigures[]): CoverageFigures {
  const zero: CoverageFigures = { families: 0, familiesWithAllContacts: 0, members: 0, wantingMembers: 0, signedMembers: 0, cardHolders: 0, contactedThisWeek: 0, visitedThisMonth: 0, contactsThisMonth: 0, visitsThisMonth: 0, greetingsThisMonth: 0 };
  return list.reduce((acc, t) => {
    const out = { ...acc };
    for (const k of Object.keys(zero) as Array<keyof CoverageFigures>) out[k] = acc[k] + t[k];
    return out;
  }, zero);
}

const noRequestSurvey = (): RequestSurveyFigures => ({ requestsOpen: 0, requestsOverdue: 0, surveyAnswered: 0, surveyAware: 0, surveySatisfied: 0 });

/**
 * Requests and this quarter's survey per township, from the requests feature's counters: one
 * Query for the request counters, one for the survey's, and one COUNT Query of the due-date index
 * per wanted township that has active requests (no active request, nothing can be overdue).
 */
export async function requestSurveyOf(countyId: string, townshipIds: string[] | undefined, today: string, quarter: string): Promise<Map<string, RequestSurveyFigures>> {
  const wanted = (id: string) => !townshipIds || townshipIds.includes(id);
  const [requests, survey] = await Promise.all([requestStatsOf(countyId), surveyFigures(countyId, quarter)]);
  const out = new Map<string, RequestSurveyFigures>();
  const of = (id: string) => out.get(id) ?? out.set(id, noRequestSurvey()).get(id)!;
  await Promise.all(
    requests
      .filter((r) => wanted(r.townshipId))
      .map(async (r) => {
        const f = of(r.townshipId);
        f.requestsOpen = r.active ?? 0;
        f.requestsOverdue = f.requestsOpen > 0 ? await overdueRequestCount(r.townshipId, today) : 0;
      }),
  );
  for (const s of survey.filter((x) => wanted(x.townshipId))) {
    const f = of(s.townshipId);
    f.surveyAnswered = s.answered;
    f.surveyAware = s.awareness.know_all;
    f.surveySatisfied = s.satisfaction.very_satisfied + s.satisfaction.satisfied;
  }
  return out;
}

/** A township's coverage joined with its request and survey figures (zero when it has none). */
export function withRequestSurvey(townships: TownshipCoverage[], figures: Map<string, RequestSurveyFigures>): DashboardTownship[] {
  return townships.map((t) => ({ ...t, ...(figures.get(t.townshipId) ?? noRequestSurvey()) }));
}

export function sumDashboard(list: DashboardTownship[]): DashboardFigures {
  const extra = noRequestSurvey();
  for (const t of list) for (const k of Object.keys(extra) as Array<keyof RequestSurveyFigures>) extra[k] += t[k];
  return { ...sumCoverage(list), ...extra };
}
