import { addDays, beijingDate, daysBetween, type ExpiringContractsResponse, RENEWAL_WINDOW_DAYS } from '../../domain';
import { getStaffTeamIds, listTeamContractsEnding } from '../lib/db/signing';
import { routeHandler } from '../lib/http/route-handler';

/**
 * Contracts of the caller's team ending within 30 days, or already lapsed without renewal: the
 * caller's team (one Query), then the team's active contracts by end date (one Query).
 */
export const handler = routeHandler('signing.listExpiring', {}, async ({ principal, now }) => {
  const today = beijingDate(now);
  const [teamId] = await getStaffTeamIds(principal.personId);
  if (!teamId) return { body: { teamName: '', items: [] } satisfies ExpiringContractsResponse };
  const contracts = await listTeamContractsEnding(teamId, '0000-01-01', addDays(today, RENEWAL_WINDOW_DAYS));
  const body: ExpiringContractsResponse = {
    teamName: contracts[0]?.teamName ?? '',
    items: contracts.map((c) => ({
      contractId: c.contractId,
      memberId: c.memberId,
      familyId: c.familyId,
      memberName: c.member.name,
      villageName: c.member.villageName,
      endDate: c.endDate,
      daysLeft: daysBetween(today, c.endDate),
    })),
  };
  return { body };
});
