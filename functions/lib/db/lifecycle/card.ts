import { SERVICE_CARD } from '../../../../domain';
import { holdsCard, townshipStatsAdd } from '../coverage';
import type { FamilyProfileItem, HandedOver } from '../items';
import { part, type Part } from '../transact';
import { changePut } from './changes';
import { profileUpdate } from './profile';

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

/**
 * The card hand-over's writes (lifecycle handOverCard, and the demo county's seed): who put the
 * card and/or the 联系知情卡 into the family's hands on which day, on the profile read at `version`,
 * the 持卡 counter when the card reaches the family, and the family's change record. The caller
 * checks the card may be handed over and runs the transaction.
 */
export function cardHandOverParts(
  profile: FamilyProfileItem,
  version: number,
  h: { card: boolean; infoCard: boolean; giver: { personId: string; name: string }; on: string; by: { personId: string; name: string } },
  now: Date,
): { card: FamilyProfileItem['card']; parts: Part[] } {
  const handed: HandedOver = { on: h.on, byId: h.giver.personId, byName: h.giver.name };
  const card = { ...profile.card, ...(h.card ? { handedOver: handed } : {}), ...(h.infoCard ? { infoCardHandedOver: handed } : {}) };
  const what = [h.card ? `${SERVICE_CARD}（${card.cardNo}）` : '', h.infoCard ? '联系知情卡' : ''].filter(Boolean).join('和');
  return {
    card,
    parts: [
      part('profile', profileUpdate(profile.familyId, version, { card })),
      ...cardHoldersMove(profile.card, card, profile),
      part('change', changePut({ familyId: profile.familyId, townshipId: profile.townshipId, kind: 'card_handover', by: h.by, summary: `${h.giver.name}于${h.on}送达${what}`, after: { 送达: what, 送达人: h.giver.name, 送达日期: h.on } }, now)),
    ],
  };
}
