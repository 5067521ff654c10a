import { FamilyPath, greenChannelPriorities, type ServiceCardResponse } from '../../domain';
import { issueCardQr } from '../lib/auth/card-code';
import { getFamilyProfile } from '../lib/db/families';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/** The card with a freshly signed QR code; a revoked card shows its state and no QR. */
export const handler = routeHandler('families.getCard', { path: FamilyPath }, async ({ path, now }) => {
  const profile = await getFamilyProfile(path.familyId);
  if (!profile) throw notFound('没有找到这户家庭');
  const { card } = profile;
  const body: ServiceCardResponse = {
    familyId: profile.familyId,
    cardNo: card.cardNo,
    holders: profile.members.map((m) => ({ name: m.name, relation: m.relation })),
    issuedOn: card.issuedOn,
    issuer: card.issuer,
    status: card.status,
    qr: card.status === 'active' ? await issueCardQr({ familyId: profile.familyId, version: card.version }, now) : undefined,
    priorities: [...greenChannelPriorities],
    handedOver: card.handedOver ? { on: card.handedOver.on, byName: card.handedOver.byName } : undefined,
  };
  return { body };
});
