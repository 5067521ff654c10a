import { TeamRequest } from '../../domain';
import { newTeamId, put, type TeamItem, teamItems } from '../lib/db/signing';
import { part, transact, TransactionRefused } from '../lib/db/transact';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { countyForTeams, regionTeamView, teamFields, teamStaffOf, villageLabel, villageTaken } from './team-writes';

/**
 * Commission staff define a team: the team, its members (each in their staff index) and the
 * villages it serves, in one transaction, each village only if no other team serves it. The
 * Idempotency-Key's marker rides in the same transaction: a retry gets the team it made.
 */
export const handler = routeHandler('signing.createTeam', { body: TeamRequest }, async ({ body, principal, idempotency }) => {
  const countyId = await countyForTeams(principal, body.townshipId);
  const staff = await teamStaffOf(body);
  const [team, ...rest] = teamItems(teamFields(newTeamId(), countyId, body, staff, 1)) as [TeamItem, ...ReturnType<typeof teamItems>];
  const response = regionTeamView(team);
  const isNew = 'attribute_not_exists(pk)';
  try {
    await transact([
      part('team', put(team, isNew)),
      ...rest.map((item) => (item.entity === 'villageTeam' ? part(villageLabel(body, item.villageId), put(item, isNew)) : part('member', put(item, isNew)))),
      ...idempotency.marker(response, 201),
    ]);
  } catch (err) {
    const taken = err instanceof TransactionRefused ? villageTaken(err) : undefined;
    if (taken) throw badRequest('有的村已经由其他团队服务，请先从那个团队移出', taken);
    throw err;
  }
  return { status: 201, body: response };
});
