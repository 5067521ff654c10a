import { type RegionTeamsResponse, TeamsQuery } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { queryAll } from '../lib/db/query-all';
import type { TeamItem } from '../lib/db/signing';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { regionTeamView } from './team-writes';

/** The teams of the caller's region: one Query (GSI2 for a county, GSI1 for a township). */
export const handler = routeHandler('signing.listTeams', { query: TeamsQuery }, async ({ principal }) => {
  if (!principal.regionId) throw forbidden('您的账号没有管辖区域');
  const byCounty = principal.level === 'county';
  const index = byCounty ? 'gsi2' : 'gsi1';
  const teams = await queryAll<TeamItem>({
    TableName: tableName(),
    IndexName: index,
    KeyConditionExpression: `${index}pk = :pk AND begins_with(${index}sk, :p)`,
    ExpressionAttributeValues: { ':pk': byCounty ? keys.teamsCountyPk(principal.regionId) : keys.teamsTownshipPk(principal.regionId), ':p': 'TEAM#' },
  });
  const body: RegionTeamsResponse = { items: teams.map(regionTeamView) };
  return { body };
});
