import { beijingDate, CardReissueRequest, FamilyPath, SERVICE_CARD } from '../../domain';
import type { FamilyProfileItem } from '../lib/db/items';
import { changePut } from '../lib/db/lifecycle/changes';
import { profileUpdate } from '../lib/db/lifecycle/profile';
import { part, transact } from '../lib/db/transact';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { familyForChange, staleRefusal } from './family-change';
import { cardHoldersMove } from '../lib/db/lifecycle/card';
import { familyDetailsView } from './views';

/** A new card with a new number; the old one, revoked or not, is refused from now on. */
export const handler = routeHandler('lifecycle.reissueCard', { path: FamilyPath, body: CardReissueRequest }, async ({ path, body, principal, now }) => {
  const { profile, actor } = await familyForChange(path.familyId, body.version, principal);
  if (body.cardNo === profile.card.cardNo) throw badRequest('新卡号不能与旧卡号相同', { 'body.cardNo': '新卡号不能与旧卡号相同' });
  // The new card is not in the family's hands until someone hands it over.
  const card: FamilyProfileItem['card'] = { cardNo: body.cardNo, issuedOn: beijingDate(now), issuer: actor.organisation || profile.card.issuer, version: profile.card.version + 1, status: 'active' };
  await transact(
    [
      part('profile', profileUpdate(path.familyId, body.version, { card })),
      ...cardHoldersMove(profile.card, card, profile),
      part('change', changePut({ familyId: path.familyId, townshipId: profile.townshipId, kind: 'card_reissue', by: actor, summary: `补办${SERVICE_CARD}：${profile.card.cardNo} → ${card.cardNo}，旧卡二维码立即失效`, before: { 卡号: profile.card.cardNo }, after: { 卡号: card.cardNo } }, now)),
    ],
    { refusals: staleRefusal },
  );
  return { body: familyDetailsView({ ...profile, card, version: body.version + 1 }) };
});
