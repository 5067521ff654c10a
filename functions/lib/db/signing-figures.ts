import { signingFiguresDelta, type SigningState, wantsSigning } from '../../../domain';
import type { SigningItem } from './items';
import type { TransactItem } from './transact';
import { townshipStatsAdd } from './coverage';
import type { SigningStateItem } from './signing';

/**
 * Signing figures for the coverage dashboard. A member counts as signed when the foundation's
 * SigningItem exists (FAMILY#<fid>/FAMILY#SIGN#<memberId>), and as wanting a family doctor when
 * their STATE item says so (domain `wantsSigning`). Whoever moves a member's signing state must add
 * `signingCounterMove(region, from, to)` to the same transaction, with `from` the state the
 * transaction's condition holds the STATE item to, or the dashboard drifts from the records (the
 * recount tests in test/api/ledger-dashboard.test.ts and signing.test.ts would catch it).
 */
export function signedMembersOf(signings: Pick<SigningItem, 'memberId'>[]): number {
  return new Set(signings.map((s) => s.memberId)).size;
}

export function wantingMembersOf(states: Pick<SigningStateItem, 'state'>[]): number {
  return states.filter((s) => wantsSigning(s.state)).length;
}

/**
 * The township counter update for one member's move between signing states: none when neither
 * figure changes (decline, renewal, change of team), so those transactions do not touch the
 * township's shared counter item at all.
 */
export function signingCounterMove(region: { countyId: string; townshipId: string }, from: SigningState | undefined, to: SigningState): TransactItem[] {
  const delta = signingFiguresDelta(from, to);
  return delta.wantingMembers || delta.signedMembers ? [townshipStatsAdd(region, delta)] : [];
}
