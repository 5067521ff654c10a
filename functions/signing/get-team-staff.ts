import { TeamsQuery, type TeamStaffLookup, TeamStaffPath } from '../../domain';
import { getCountyDoctor } from '../lib/db/staff-directory';
import { forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { countyForTeams } from './team-writes';

/**
 * The doctor or nurse with this staff number, if they work in the caller's county: one GetItem of
 * the county's doctor directory (a township officer's county is read first, as for team writes).
 * Another county's staff and unknown numbers answer the same 404, so the lookup tells nothing
 * about staff outside the caller's region.
 */
export const handler = routeHandler('signing.lookupTeamStaff', { path: TeamStaffPath, query: TeamsQuery }, async ({ path, principal }) => {
  if (!principal.regionId) throw forbidden('您的账号没有管辖区域');
  const countyId = principal.level === 'county' ? principal.regionId : await countyForTeams(principal, principal.regionId);
  const doctor = await getCountyDoctor(countyId, path.staffId);
  if (!doctor) throw notFound('本县没有这个编号的医务人员，请核对人员编号');
  const body: TeamStaffLookup = { personId: doctor.personId, name: doctor.name, title: doctor.title, organisation: doctor.organisation };
  return { body };
});
