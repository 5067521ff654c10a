import { TeamPath, TeamUpdateRequest } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { getTeam, put, teamItems, type TeamItem } from '../lib/db/signing';
import { type Part, part, transact, TransactionRefused } from '../lib/db/transact';
import { badRequest, conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { countyForTeams, regionTeamView, teamFields, teamStaffOf, villageLabel, villageTaken } from './team-writes';

/**
 * Commission staff edit a team in one transaction: the team item only if still at the version the
 * editor read, members put (and removed ones deleted from the staff index), villages newly served
 * only if no other team serves them, villages let go only if still this team's. Contracts keep the
 * team they were made with (their snapshot of the team is what the member signed); the pending
 * applications of a lead who is replaced stay with that lead (documented limitation).
 */
export const handler = routeHandler('signing.updateTeam', { path: TeamPath, body: TeamUpdateRequest }, async ({ path, body, principal }) => {
  const old = await getTeam(path.teamId);
  if (!old) throw notFound('没有找到这个团队');
  if (body.townshipId !== old.townshipId) throw badRequest('团队不能改到另一个乡镇，请新建团队', { 'body.townshipId': '不能更换乡镇' });
  const countyId = await countyForTeams(principal, old.townshipId);
  if (countyId !== old.countyId) throw forbidden('只能管理本辖区的家庭医生团队');
  if (body.version !== (old.version ?? 1)) throw conflict('团队刚被其他人修改过，请刷新后再改');
  const staff = await teamStaffOf(body);
  const [team, ...rest] = teamItems(teamFields(old.teamId, countyId, body, staff, body.version + 1)) as [TeamItem, ...ReturnType<typeof teamItems>];

  const items: Part[] = [
    part('team', put(team, old.version === undefined ? 'attribute_exists(pk) AND attribute_not_exists(version)' : 'version = :v', undefined, old.version === undefined ? undefined : { ':v': old.version })),
  ];
  for (const item of rest) {
    if (item.entity === 'teamMember') items.push(part('member', put(item)));
    else if (item.entity === 'villageTeam' && !old.villageIds.includes(item.villageId)) items.push(part(villageLabel(body, item.villageId), put(item, 'attribute_not_exists(pk)')));
  }
  for (const m of old.members) {
    if (!staff.some((s) => s.personId === m.personId)) items.push(part('memberRemoved', { Delete: { TableName: tableName(), Key: keys.teamMember(old.teamId, m.personId) } }));
  }
  for (const villageId of old.villageIds) {
    if (!team.villageIds.includes(villageId)) {
      items.push(part('villageReleased', { Delete: { TableName: tableName(), Key: keys.villageTeam(villageId), ConditionExpression: 'teamId = :me', ExpressionAttributeValues: { ':me': old.teamId } } }));
    }
  }
  try {
    await transact(items);
  } catch (err) {
    if (!(err instanceof TransactionRefused)) throw err;
    const taken = villageTaken(err);
    if (taken) throw badRequest('有的村已经由其他团队服务，请先从那个团队移出', taken);
    throw conflict('团队刚被其他人修改过，请刷新后再改');
  }
  return { body: regionTeamView(team) };
});
