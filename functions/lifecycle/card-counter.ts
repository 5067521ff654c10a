import { holdsCard, townshipStatsAdd } from '../lib/db/coverage';
import type { FamilyProfileItem } from '../lib/db/items';
import { part } from '../lib/db/transact';

/**
 * The service card's life after it is issued. The dashboard's 持卡 figure counts a family once an
 * active card is in its hands (coverage.ts holdsCard), so each change here moves the township's
 * counter in the same transaction as the card. Revoking or reissuing bumps the card's version:
 * every QR code signed for the old version is refused at the hospital at once
 * (hospital/green-channel.ts assertCardCurrent), with no list of revoked codes to keep.
 */
export function cardHoldersMove(before: FamilyProfileItem['card'], after: FamilyProfileItem['card'], profile: FamilyProfileItem) {
  const delta = (holdsCard(after) ? 1 : 0) - (holdsCard(before) ? 1 : 0);
  return delta ? [part('counter', townshipStatsAdd(profile, { cardHolders: delta }))] : [];
}
