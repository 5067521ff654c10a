import type { SigningItem } from './items';
import type { TransactItem } from './ledger';
import { townshipStatsAdd } from './coverage';

/**
 * Signing figures for the coverage dashboard, in one place so the signing feature (issue 7) can
 * take them over: today a member counts as signed when the foundation's SigningItem exists
 * (FAMILY#<fid>/FAMILY#SIGN#<memberId>). Whoever creates or ends a signing must add
 * `signingCounterAdd(region, +1 | -1)` to the same transaction, or the dashboard drifts from the
 * records (the recount test in test/api/ledger-dashboard.test.ts would catch it).
 */
export function signedMembersOf(signings: Pick<SigningItem, 'memberId'>[]): number {
  return new Set(signings.map((s) => s.memberId)).size;
}

export function signingCounterAdd(region: { countyId: string; townshipId: string }, delta: 1 | -1): TransactItem {
  return townshipStatsAdd(region, { signedMembers: delta });
}
