import { missingContactKinds, type ContactKind } from '../../../domain';
import type { FamilyContactItem, FamilyProfileItem, SigningItem } from './items';
import { keys } from './keys';
import type { TransactItem } from './transact';
import { tableName } from './client';
import type { SigningStateItem } from './signing';
import { signedMembersOf, wantingMembersOf } from './signing-figures';

/**
 * The township's standing figures for the "三个全覆盖" dashboard: families, families with every
 * required contact, members, members who want a family doctor and those signed with one,
 * service-card holders. Kept
 * as running counters on one item per township (STATS#<county> / TOWNSHIP#<township>), set by the
 * seed and the import and changed by the transactions that change the records (hand-over).
 */
export interface TownshipStatsItem {
  pk: string;
  sk: string;
  entity: 'townshipStats';
  countyId: string;
  townshipId: string;
  townshipName: string;
  families: number;
  familiesWithAllContacts: number;
  members: number;
  /** Members who want a family doctor (domain `wantsSigning` of their signing state). */
  wantingMembers: number;
  signedMembers: number;
  cardHolders: number;
}

export interface FamilyFigures {
  families: number;
  familiesWithAllContacts: number;
  members: number;
  /** Members who want a family doctor (domain `wantsSigning` of their signing state). */
  wantingMembers: number;
  signedMembers: number;
  cardHolders: number;
}

export const hasAllContacts = (kinds: ContactKind[]) => missingContactKinds(kinds).length === 0;

/**
 * Figures of one family from its records: signed members from the foundation's SigningItem
 * (FAMILY#<fid>/FAMILY#SIGN#<memberId>), members who want signing from their STATE items
 * (SIGNING#<memberId>/STATE; a member with none has never asked): see signing-figures.ts.
 */
export function familyFigures(
  profile: FamilyProfileItem,
  contacts: Pick<FamilyContactItem, 'kind'>[],
  signings: Pick<SigningItem, 'memberId'>[],
  states: Pick<SigningStateItem, 'state'>[] = [],
): FamilyFigures {
  return {
    families: 1,
    familiesWithAllContacts: hasAllContacts(contacts.map((c) => c.kind)) ? 1 : 0,
    members: profile.members.length,
    wantingMembers: wantingMembersOf(states),
    signedMembers: signedMembersOf(signings),
    cardHolders: profile.card.status === 'active' ? 1 : 0,
  };
}

export function emptyFigures(): FamilyFigures {
  return { families: 0, familiesWithAllContacts: 0, members: 0, wantingMembers: 0, signedMembers: 0, cardHolders: 0 };
}

export function addFigures(a: FamilyFigures, b: FamilyFigures): FamilyFigures {
  return {
    families: a.families + b.families,
    familiesWithAllContacts: a.familiesWithAllContacts + b.familiesWithAllContacts,
    members: a.members + b.members,
    wantingMembers: a.wantingMembers + b.wantingMembers,
    signedMembers: a.signedMembers + b.signedMembers,
    cardHolders: a.cardHolders + b.cardHolders,
  };
}

export function townshipStatsItem(region: { countyId: string; townshipId: string; townshipName: string }, figures: FamilyFigures): TownshipStatsItem {
  return { ...keys.statsTownship(region.countyId, region.townshipId), entity: 'townshipStats', ...region, ...figures };
}

/** One transaction element adding `delta` to a township's standing figures. */
export function townshipStatsAdd(region: { countyId: string; townshipId: string }, delta: Partial<FamilyFigures>): TransactItem {
  const entries = Object.entries(delta).filter(([, n]) => n);
  return {
    Update: {
      TableName: tableName(),
      Key: keys.statsTownship(region.countyId, region.townshipId),
      UpdateExpression: `ADD ${entries.map((_, i) => `#f${i} :d${i}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(entries.map(([f], i) => [`#f${i}`, f])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], i) => [`:d${i}`, n])),
    },
  };
}
