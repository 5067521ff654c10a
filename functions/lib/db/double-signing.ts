import { type DoubleSigningTier, TIERS, type TierServed, tierPeriodOf } from '../../../domain';
import { batchGetAll } from './batch';
import { tableName } from './client';
import { keys } from './keys';
import type { TransactItem } from './transact';

/**
 * The double-signing programme's per-member tier state (domain/double-signing.ts): one item
 * HEALTH#<memberId>/TIERS holding, per tier, the SET of periods (week's Monday, month, quarter) a
 * doctor of that tier served the member in, and the last day served. A visit adds its period with
 * ADD, so recording twice in a period, or a retried request, counts the period once; the officer's
 * figures and the doctor's due list read these items by key (BatchGet), never the follow-ups.
 *
 * A set grows by 52 + 12 + 4 short strings a year: decades fit well inside an item.
 */

export interface TierStateItem {
  pk: string;
  sk: 'TIERS';
  entity: 'tierState';
  memberId: string;
  familyId: string;
  villagePeriods?: Set<string>;
  townshipPeriods?: Set<string>;
  countyPeriods?: Set<string>;
  villageLastOn?: string;
  townshipLastOn?: string;
  countyLastOn?: string;
}

const periodsField = (tier: DoubleSigningTier) => `${tier}Periods` as const;
const lastOnField = (tier: DoubleSigningTier) => `${tier}LastOn` as const;

/** The transaction part that marks the tier served in the period holding `day` (a Beijing date). */
export function tierServedUpdate(member: { memberId: string; familyId: string }, tier: DoubleSigningTier, day: string): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.tierState(member.memberId),
      UpdateExpression: 'SET entity = :entity, memberId = :m, familyId = :f, #last = :on ADD #periods :p',
      ExpressionAttributeNames: { '#last': lastOnField(tier), '#periods': periodsField(tier) },
      ExpressionAttributeValues: { ':entity': 'tierState', ':m': member.memberId, ':f': member.familyId, ':on': day, ':p': new Set([tierPeriodOf(tier, day)]) },
    },
  };
}

export function tierServedOf(item: TierStateItem | undefined): TierServed {
  const served: TierServed = { periods: {}, lastOn: {} };
  if (!item) return served;
  for (const tier of TIERS) {
    const set = item[periodsField(tier)];
    if (set) served.periods[tier] = [...set].sort();
    const last = item[lastOnField(tier)];
    if (last) served.lastOn[tier] = last;
  }
  return served;
}

/** The tier state of each member, by key (BatchGet, 100 a request); members never served have none. */
export async function tierStates(memberIds: readonly string[]): Promise<Map<string, TierServed>> {
  const items = memberIds.length ? await batchGetAll<TierStateItem>(memberIds.map((m) => keys.tierState(m))) : [];
  const byMember = new Map(items.map((i) => [i.memberId, i]));
  return new Map(memberIds.map((m) => [m, tierServedOf(byMember.get(m))]));
}
