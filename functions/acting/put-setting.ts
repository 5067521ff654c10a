import { ActingSettingBody, type ActingSetting, FamilyPath } from '../../domain';
import { putActingSetting } from '../lib/db/acting-setting';
import { getPerson } from '../lib/db/persons';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * A member allows or refuses that staff act for the family: one GetItem (the member's name, shown
 * as who changed it) and one PutItem (none when allowing what was never refused). Acting handlers check the setting inside their own
 * transaction, so a refusal saved here stops an action already under way.
 */
export const handler = routeHandler('acting.putSetting', { path: FamilyPath, body: ActingSettingBody }, async ({ path, body, principal, now }) => {
  const person = await getPerson(principal.personId);
  if (!person) throw notFound('没有找到您的信息，请重新登录');
  const item = await putActingSetting(path.familyId, body.refused, { personId: person.personId, name: person.name }, now);
  const response: ActingSetting = item ? { refused: item.refused, changedAt: item.changedAt, changedByName: item.changedByName } : { refused: false };
  return { body: response };
});
