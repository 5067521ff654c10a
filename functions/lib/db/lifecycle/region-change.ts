import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '../batch';
import { db, tableName } from '../client';
import { familyFigures, type FamilyFigures, type TownshipStatsItem } from '../coverage';
import type { FamilyContactItem, FamilyProfileItem, SigningItem } from '../items';
import { keys } from '../keys';
import type { LedgerSummaryItem } from '../ledger';
import { queryAll } from '../query-all';
import type { SigningStateItem } from '../signing';
import type { TransactItem } from '../transact';

/**
 * What a family moving out of its township (to another one, or out of the county) takes out of
 * the township's standing figures, and the ledger summary that indexes it on the stale list.
 */
export async function readRegionChange(profile: FamilyProfileItem): Promise<{ signings: SigningItem[]; states: SigningStateItem[]; summary?: LedgerSummaryItem }> {
  const [signings, states, summary] = await Promise.all([
    queryAll<SigningItem>({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.familyPk(profile.familyId), ':p': 'FAMILY#SIGN#' },
    }),
    batchGetAll<SigningStateItem>(profile.members.map((m) => keys.signingState(m.personId))),
    db().send(new GetCommand({ TableName: tableName(), Key: keys.ledgerSummary(profile.familyId) })),
  ]);
  return { signings, states, summary: summary.Item as LedgerSummaryItem | undefined };
}

export function figuresOf(profile: FamilyProfileItem, contacts: Pick<FamilyContactItem, 'kind'>[], reads: { signings: SigningItem[]; states: SigningStateItem[] }): FamilyFigures {
  return familyFigures(profile, contacts, reads.signings, reads.states.filter((s) => profile.members.some((m) => m.personId === s.memberId && !m.deceasedOn)));
}

export const negate = (f: FamilyFigures): FamilyFigures => Object.fromEntries(Object.entries(f).map(([k, n]) => [k, -n])) as unknown as FamilyFigures;

export async function getTownshipStats(countyId: string, townshipId: string): Promise<TownshipStatsItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.statsTownship(countyId, townshipId) }));
  return out.Item as TownshipStatsItem | undefined;
}

/** The ledger summary re-indexed (or, with `region` undefined, taken off the stale lists). */
export function summaryRegionUpdate(summary: LedgerSummaryItem, region: { townshipId: string; townshipName: string; villageName: string } | undefined): TransactItem {
  const base = { TableName: tableName(), Key: keys.ledgerSummary(summary.familyId), ConditionExpression: 'version = :v' };
  if (!region) {
    return { Update: { ...base, UpdateExpression: 'SET version = :next REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk', ExpressionAttributeValues: { ':v': summary.version, ':next': summary.version + 1 } } };
  }
  return {
    Update: {
      ...base,
      UpdateExpression: 'SET version = :next, townshipId = :t, townshipName = :tn, villageName = :vn, gsi1pk = :g1, gsi1sk = :g1s, gsi2sk = :g2s',
      ExpressionAttributeValues: {
        ':v': summary.version,
        ':next': summary.version + 1,
        ':t': region.townshipId,
        ':tn': region.townshipName,
        ':vn': region.villageName,
        ':g1': keys.ledgerTownshipPk(region.townshipId),
        ':g1s': keys.ledgerTownshipSk(summary.lastContactOn, summary.familyId),
        ':g2s': keys.ledgerCountySk(summary.lastContactOn, region.townshipId, summary.familyId),
      },
    },
  };
}
