import { signingFiguresDelta, type SigningState } from '../../../domain';
import { townshipStatsAdd } from './coverage';
import type { TransactItem } from './transact';

/**
 * Signing figures for the coverage dashboard, kept as running counters (coverage.ts counts them
 * from the records the same way). Whoever moves a member's signing state must add
 * `signingCounterMove(region, from, to)` to the same transaction, with `from` the state the
 * transaction's condition holds the STATE item to, or the dashboard drifts from the records (the
 * recount tests in test/api/ledger-dashboard.test.ts and signing.test.ts would catch it).
 */

/**
 * The township counter update for one member's move between signing states: none when neither
 * figure changes (decline, renewal, change of team), so those transactions do not touch the
 * township's shared counter item at all.
 */
export function signingCounterMove(region: { countyId: string; townshipId: string }, from: SigningState | undefined, to: SigningState): TransactItem[] {
  const delta = signingFiguresDelta(from, to);
  return delta.wantingMembers || delta.signedMembers ? [townshipStatsAdd(region, delta)] : [];
}
