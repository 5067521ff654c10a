import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CoverageFigures, TownshipCoverage } from '../../../domain';
import { batchGetAll } from './batch';
import { db, tableName } from './client';
import type { TownshipStatsItem } from './coverage';
import { keys } from './keys';
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

/** The county a township belongs to, from any of its ledger summaries (one item read). */
export async function countyOfTownship(townshipId: string): Promise<string | undefined> {
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
  const zero: CoverageFigures = { families: 0, familiesWithAllContacts: 0, members: 0, signedMembers: 0, cardHolders: 0, contactedThisWeek: 0, visitedThisMonth: 0, contactsThisMonth: 0, visitsThisMonth: 0, greetingsThisMonth: 0 };
  return list.reduce((acc, t) => {
    const out = { ...acc };
    for (const k of Object.keys(zero) as Array<keyof CoverageFigures>) out[k] = acc[k] + t[k];
    return out;
  }, zero);
}
