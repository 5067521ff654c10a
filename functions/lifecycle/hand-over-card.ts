import { beijingDate, CardHandOverRequest, FamilyPath, SERVICE_CARD } from '../../domain';
import { cardHandOverParts } from '../lib/db/lifecycle/card';
import { getPerson } from '../lib/db/persons';
import { transact } from '../lib/db/transact';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { familyForChange, staleRefusal } from './family-change';
import { familyDetailsView } from './views';

/** Records who put the card and the 联系知情卡 into the family's hands, and on which day. */
export const handler = routeHandler('lifecycle.handOverCard', { path: FamilyPath, body: CardHandOverRequest }, async ({ path, body, principal, now }) => {
  if (body.on > beijingDate(now)) throw badRequest('送达日期不能晚于今天', { 'body.on': '送达日期不能晚于今天' });
  const { profile, contacts, actor } = await familyForChange(path.familyId, body.version, principal);
  const giverId = body.byStaffId ?? principal.personId;
  const giver = giverId === principal.personId ? actor : await getPerson(giverId);
  const isStaff = giverId === principal.personId || contacts.some((c) => c.staffId === giverId);
  if (!giver || !isStaff) throw badRequest('送达人应为这户家庭的联系人或本人', { 'body.byStaffId': '不是这户家庭的联系人' });
  if (body.card && profile.card.status !== 'active') throw conflict(`这张${SERVICE_CARD}已挂失，请先补办新卡`);
  if (body.card && profile.card.handedOver) throw conflict(`这张${SERVICE_CARD}已经登记送达`);
  const { card, parts } = cardHandOverParts(profile, body.version, { card: body.card, infoCard: body.infoCard, giver: { personId: giverId, name: giver.name }, on: body.on, by: actor }, now);
  await transact(parts, { refusals: staleRefusal });
  return { body: familyDetailsView({ ...profile, card, version: body.version + 1 }) };
});
