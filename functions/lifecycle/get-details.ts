import { FamilyPath } from '../../domain';
import { getFamilyProfile } from '../lib/db/families';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { familyDetailsView } from './views';

/** The family's record as the commission keeps it, with the version an edit must name. */
export const handler = routeHandler('lifecycle.getDetails', { path: FamilyPath }, async ({ path }) => {
  const profile = await getFamilyProfile(path.familyId);
  if (!profile) throw notFound('没有找到这户家庭');
  return { body: familyDetailsView(profile) };
});
