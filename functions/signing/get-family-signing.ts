import { beijingDate, FamilyPath, type FamilySigningResponse, PackageId } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { getFamilyProfile } from '../lib/db/families';
import { keys } from '../lib/db/keys';
import { type ApplicationItem, getSigningStates, getVillageTeam } from '../lib/db/signing';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { applicationView, packageViews, teamView } from './views';

/**
 * What the 签约家庭医生 page shows a family: the team serving its village and who is on it, the
 * packages, and where each member stands (not signed, applied, signed, declined).
 */
export const handler = routeHandler('signing.getFamily', { path: FamilyPath }, async ({ path, now }) => {
  const profile = await getFamilyProfile(path.familyId);
  if (!profile) throw notFound('没有找到这户家庭');
  const [team, states] = await Promise.all([getVillageTeam(profile.villageId), getSigningStates(profile.members.map((m) => m.personId))]);
  const byMember = new Map(states.map((s) => [s.memberId, s]));
  const appKeys = states.filter((s) => s.applicationId && (s.state === 'applied' || s.state === 'declined')).map((s) => keys.signingApplication(s.memberId, s.applicationId!));
  const apps = appKeys.length ? await batchGetAll<ApplicationItem>(appKeys) : [];
  const appByMember = new Map(apps.map((a) => [a.memberId, a]));
  const today = beijingDate(now);
  const body: FamilySigningResponse = {
    familyId: profile.familyId,
    villageName: profile.villageName,
    team: team ? teamView(team) : undefined,
    packages: packageViews(PackageId.options),
    members: profile.members.map((m) => {
      const s = byMember.get(m.personId);
      const app = appByMember.get(m.personId);
      return {
        personId: m.personId,
        name: m.name,
        relation: m.relation,
        state: s?.state ?? 'none',
        application: app && app.applicationId === s?.applicationId ? applicationView(app, today) : undefined,
        contractId: s?.state === 'signed' ? s.contractId : undefined,
        endDate: s?.state === 'signed' ? s.endDate : undefined,
      };
    }),
  };
  return { body };
});
