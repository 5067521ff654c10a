import { CardRevokeRequest, cardRevokeReasonLabels, FamilyPath, SERVICE_CARD } from '../../domain';
import { changePut } from '../lib/db/lifecycle/changes';
import { profileUpdate } from '../lib/db/lifecycle/profile';
import { part, transact } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { familyForChange, staleRefusal } from './family-change';
import { cardHoldersMove } from '../lib/db/lifecycle/card';
import { familyDetailsView } from './views';

/** A lost or damaged card stops working at once; the family keeps its record and gets a new card by reissue. */
export const handler = routeHandler('lifecycle.revokeCard', { path: FamilyPath, body: CardRevokeRequest }, async ({ path, body, principal, now }) => {
  const { profile, actor } = await familyForChange(path.familyId, body.version, principal);
  if (profile.card.status !== 'active') throw conflict(`这张${SERVICE_CARD}已经挂失`);
  const card = { ...profile.card, status: 'revoked' as const, version: profile.card.version + 1 };
  await transact(
    [
      part('profile', profileUpdate(path.familyId, body.version, { card })),
      ...cardHoldersMove(profile.card, card, profile),
      part('change', changePut({ familyId: path.familyId, townshipId: profile.townshipId, kind: 'card_revoke', by: actor, summary: `${SERVICE_CARD}${card.cardNo}挂失（${cardRevokeReasonLabels[body.reason]}），旧卡二维码立即失效`, before: { 卡号: card.cardNo, 状态: '有效' }, after: { 卡号: card.cardNo, 状态: '已挂失' } }, now)),
    ],
    { refusals: staleRefusal },
  );
  return { body: familyDetailsView({ ...profile, card, version: body.version + 1 }) };
});
