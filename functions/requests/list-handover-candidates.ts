import { HandoverCandidatesQuery, kindOfContactLevel, type HandoverCandidatesResponse } from '../../domain';
import { listTownshipStaff } from '../lib/db/staff-directory';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * Who can take over a place in a township's families, for the hand-over page: one Query of the
 * township's staff directory. A township officer sees their township, a county officer any
 * township of the county (the entries carry their county).
 */
export const handler = routeHandler('requests.handoverCandidates', { query: HandoverCandidatesQuery }, async ({ query, principal }) => {
  const townshipId = query.townshipId ?? (principal.level === 'county' ? undefined : principal.regionId);
  if (principal.level !== 'county' && townshipId !== principal.regionId) throw forbidden('您只能查看本乡镇的人员');
  const staff = townshipId ? await listTownshipStaff(townshipId) : [];
  const body: HandoverCandidatesResponse = {
    items: staff
      .filter((s) => principal.level !== 'county' || s.countyId === principal.regionId)
      .map((s) => ({ staffId: s.personId, name: s.name, title: s.title, organisation: s.organisation, kind: kindOfContactLevel[s.contactLevel] })),
  };
  return { body };
});
