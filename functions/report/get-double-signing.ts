import { beijingDate, type DoubleSigningSection, DoubleSigningQuery, monthOf } from '../../domain';
import { regionProfiles } from '../lib/db/report/read';
import { listCoverageStates } from '../lib/db/signing';
import { routeHandler } from '../lib/http/route-handler';
import { loadDoubleSigning } from './double-signing';
import { scopeOf } from './report-data';

/**
 * The dashboard's 双签约 section: the same figures and names as the report's section
 * (double-signing.ts), for this month up to today, in the caller's county or one of its townships.
 * Reads: the region's profiles and signing states (one Query each), then the members' teams and
 * tier states by key. Never a Scan, never the follow-ups.
 */
export const handler = routeHandler('report.getDoubleSigning', { query: DoubleSigningQuery }, async ({ query, principal, now }) => {
  const today = beijingDate(now);
  const scope = await scopeOf(principal, query.townshipId);
  const townshipIds = new Set(scope.townships.map((t) => t.townshipId));
  const onlyTownship = scope.level === 'township' ? scope.townships[0]?.townshipId : undefined;
  const [profiles, states] = scope.countyId && townshipIds.size
    ? await Promise.all([regionProfiles({ countyId: scope.countyId, townshipId: onlyTownship }), listCoverageStates({ countyId: scope.countyId, townshipId: onlyTownship })])
    : [[], []];
  const body: DoubleSigningSection = await loadDoubleSigning({
    profiles: profiles.filter((p) => townshipIds.has(p.townshipId)),
    states: new Map(states.map((s) => [s.memberId, s])),
    townships: scope.townships,
    fromDay: `${monthOf(today)}-01`,
    asOf: today,
  });
  return { body };
});
