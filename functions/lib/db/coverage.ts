import { missingCoverageContacts, type ContactKind, wantsSigning } from '../../../domain';
import type { FamilyContactItem, FamilyProfileItem, SigningItem } from './items';
import { keys } from './keys';
import { tableName } from './client';
import type { SigningStateItem } from './signing';
import type { TransactItem } from './transact';

/**
 * The township's standing figures for the "三个全覆盖" dashboard: families, families with every
 * required contact, members, members who want a family doctor and those signed with one,
 * service-card holders. Kept
 * as running counters on one item per township (STATS#<county> / TOWNSHIP#<township>), set by the
 * seed and the import and changed by the transactions that change the records (hand-over).
 */
export interface TownshipStatsItem extends FamilyFigures {
  pk: string;
  sk: string;
  entity: 'townshipStats';
  countyId: string;
  townshipId: string;
  townshipName: string;
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

export const hasAllContacts = (kinds: ContactKind[]) => missingCoverageContacts(kinds).length === 0;

/** A family holds its card once an active card was handed over to it (issuing alone is not enough). */
export const holdsCard = (card: FamilyProfileItem['card']) => card.status === 'active' && Boolean(card.handedOver);

/** Members still living: a deceased member stays on the record but is no longer counted. */
export const livingMembers = (profile: Pick<FamilyProfileItem, 'members'>) => profile.members.filter((m) => !m.deceasedOn);

/**
 * Figures of one family from its records: a member counts as signed when the foundation's
 * SigningItem exists (FAMILY#<fid>/FAMILY#SIGN#<memberId>), and as wanting a family doctor when
 * their STATE item says so (SIGNING#<memberId>/STATE, domain `wantsSigning`; a member with none
 * has never asked). Signing transactions move the same figures by signing-figures.ts.
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
    members: livingMembers(profile).length,
    wantingMembers: states.filter((s) => wantsSigning(s.state)).length,
    signedMembers: new Set(signings.map((s) => s.memberId)).size,
    cardHolders: holdsCard(profile.card) ? 1 : 0,
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
