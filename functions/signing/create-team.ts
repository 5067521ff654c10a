import { type RegionTeam, TeamRequest } from '../../domain';
import { newTeamId, put, type TeamItem, teamItems } from '../lib/db/signing';
import { type Part, part, transact, TransactionRefused } from '../lib/db/transact';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { countyForTeams, regionTeamView, teamFields, teamStaffOf, villageLabel, villageTaken } from './team-writes';

/**
 * Commission staff define a team: the team, its members (each in their staff index) and the
 * villages it serves, in one transaction, each village only if no other team serves it. The route
 * and the demo seed both come through here; `teamId` is given only by the seed (the demo's fixed
 * ids), `alongside` adds parts to the same transaction (the Idempotency-Key's marker, made from
 * the answer so a retry gets the team it made).
 */
export async function createTeam(countyId: string, body: TeamRequest, options: { teamId?: string; alongside?: (team: RegionTeam) => Part[] } = {}): Promise<TeamItem> {
  const staff = await teamStaffOf(body);
  const [team, ...rest] = teamItems(teamFields(options.teamId ?? newTeamId(), countyId, body, staff, 1)) as [TeamItem, ...ReturnType<typeof teamItems>];
  const isNew = 'attribute_not_exists(pk)';
  try {
    await transact([
      part('team', put(team, isNew)),
      ...rest.map((item) => (item.entity === 'villageTeam' ? part(villageLabel(body, item.villageId), put(item, isNew)) : part('member', put(item, isNew)))),
      ...(options.alongside?.(regionTeamView(team)) ?? []),
    ]);
  } catch (err) {
    const taken = err instanceof TransactionRefused ? villageTaken(err) : undefined;
    if (taken) throw badRequest('有的村已经由其他团队服务，请先从那个团队移出', taken);
    throw err;
  }
  return team;
}

export const handler = routeHandler('signing.createTeam', { body: TeamRequest }, async ({ body, principal, idempotency }) => {
  const countyId = await countyForTeams(principal, body.townshipId);
  const team = await createTeam(countyId, body, { alongside: (view) => idempotency.marker(view, 201) });
  return { status: 201, body: regionTeamView(team) };
});
