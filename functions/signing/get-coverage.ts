import { beijingDate, type SigningCoverageFigures, CoverageQuery, type CoverageResponse, isApplicationOverdue, isInRenewalWindow, wantsSigning } from '../../domain';
import { listCoverageStates, type SigningStateItem } from '../lib/db/signing';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

function figures(states: SigningStateItem[], today: string): SigningCoverageFigures {
  return {
    wanting: states.filter((s) => wantsSigning(s.state)).length,
    signed: states.filter((s) => s.state === 'signed').length,
    expiringSoon: states.filter((s) => s.state === 'signed' && s.endDate && isInRenewalWindow(s.endDate, today)).length,
    overdueApplications: states.filter((s) => s.state === 'applied' && s.deadline && isApplicationOverdue(s.deadline, today)).length,
  };
}

/**
 * Coverage for the commission: members signed among those who want it (applied, signed, or
 * declined and still waiting for a team), contracts expiring within 30 days, applications past
 * their 3 working days (escalated here, with names). One Query of the region's signing states:
 * each member's STATE item sits in its township's GSI1 and its county's GSI2 partition.
 */
export const handler = routeHandler('signing.coverage', { query: CoverageQuery }, async ({ query, principal, now }) => {
  if (!principal.regionId) throw forbidden('您的账号没有管辖区域');
  if (principal.level === 'township' && query.townshipId && query.townshipId !== principal.regionId) throw forbidden('只能查看本乡镇');
  const states = await listCoverageStates(
    principal.level === 'county' ? { countyId: principal.regionId, townshipId: query.townshipId } : { townshipId: principal.regionId },
  );
  const today = beijingDate(now);
  const townships = new Map<string, { name: string; states: SigningStateItem[] }>();
  for (const s of states) {
    const t = townships.get(s.townshipId) ?? { name: s.townshipName, states: [] };
    t.states.push(s);
    townships.set(s.townshipId, t);
  }
  const body: CoverageResponse = {
    asOf: today,
    totals: figures(states, today),
    townships: [...townships.entries()].map(([townshipId, t]) => ({ townshipId, townshipName: t.name, ...figures(t.states, today) })),
    overdue: states
      .filter((s) => s.state === 'applied' && s.deadline && isApplicationOverdue(s.deadline, today))
      .map((s) => ({ memberName: s.memberName, villageName: s.villageName, teamName: s.teamName ?? '', deadline: s.deadline! })),
  };
  return { body };
});
