import { createHash } from 'node:crypto';
import { TeamRequest } from '../../domain';
import { getTeam, put, teamItems, transact, TransactionRefused } from '../lib/db/signing';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { countyForTeams, regionTeamView, teamFields, teamStaffOf, villageTaken } from './team-writes';

/**
 * Commission staff define a team: the team, its members (each in their staff index) and the
 * villages it serves, in one transaction, each village only if no other team serves it. With an
 * Idempotency-Key the team id is derived from it, so a retry returns the team it made.
 */
export const handler = routeHandler('signing.createTeam', { body: TeamRequest }, async ({ body, principal, now, headers }) => {
  const countyId = await countyForTeams(principal, body.townshipId);
  const key = headers['idempotency-key'];
  const teamId = `tm_${createHash('sha256')
    .update(key ? `${principal.personId}:${key}` : `${principal.personId}:${now.getTime()}:${Math.random()}`)
    .digest('hex')
    .slice(0, 20)}`;
  if (key) {
    const earlier = await getTeam(teamId);
    if (earlier) return { status: 200, body: regionTeamView(earlier) };
  }
  const staff = await teamStaffOf(body);
  const items = teamItems(teamFields(teamId, countyId, body, staff, 1));
  const villageIndexes = new Map<number, number>();
  items.forEach((item, i) => {
    if (item.entity === 'villageTeam') villageIndexes.set(i, body.villages.findIndex((v) => v.villageId === item.villageId));
  });
  try {
    await transact(items.map((item) => put(item, 'attribute_not_exists(pk)')));
  } catch (err) {
    if (!(err instanceof TransactionRefused)) throw err;
    const taken = villageTaken(err, villageIndexes);
    if (taken) throw badRequest('有的村已经由其他团队服务，请先从那个团队移出', taken);
    throw err;
  }
  return { status: 201, body: regionTeamView(items[0] as Parameters<typeof regionTeamView>[0]) };
});
