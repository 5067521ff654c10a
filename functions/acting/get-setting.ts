import { type ActingSetting, FamilyPath } from '../../domain';
import { getActingSetting } from '../lib/db/acting-setting';
import { routeHandler } from '../lib/http/route-handler';

/** Whether the family lets its contacts and doctor act for it: one GetItem (absent: it does). */
export const handler = routeHandler('acting.getSetting', { path: FamilyPath }, async ({ path }) => {
  const item = await getActingSetting(path.familyId);
  const body: ActingSetting = { refused: item?.refused === true, changedAt: item?.changedAt, changedByName: item?.changedByName };
  return { body };
});
