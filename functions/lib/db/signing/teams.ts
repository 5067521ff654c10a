import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TeamMember, TeamRole } from '../../../../domain';
import { db, tableName } from '../client';
import { keys } from '../keys';

/**
 * Family-doctor teams: `TEAM#<id>`/`TEAM` (in its township's and county's GSI partitions), one
 * `TEAM#<id>`/`MEMBER#<staff>` item per member (in the staff member's GSI1 partition, so "my teams"
 * is one Query), and `VILLAGE#<id>`/`TEAM` naming the one team serving a village.
 */

export interface TeamStaff {
  personId: string;
  name: string;
  role: TeamRole;
  title: string;
  organisation: string;
  phone: string;
}

export interface TeamItem {
  pk: string;
  sk: 'TEAM';
  entity: 'team';
  teamId: string;
  name: string;
  countyId: string;
  townshipId: string;
  povertyForm: boolean;
  villageIds: string[];
  villageNames: string[];
  /** First responsible GP: answers applications. */
  leadId: string;
  /** The doctor a new contract names as responsible, per village served. */
  responsibleByVillage: Record<string, string>;
  members: TeamStaff[];
  /** Bumped by every edit; an edit names the version it read (optimistic lock). */
  version?: number;
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
}

export interface TeamMemberItem {
  pk: string;
  sk: string;
  entity: 'teamMember';
  teamId: string;
  staffId: string;
  role: TeamRole;
  gsi1pk: string;
  gsi1sk: string;
}

export interface VillageTeamItem {
  pk: string;
  sk: 'TEAM';
  entity: 'villageTeam';
  villageId: string;
  teamId: string;
}

export const newTeamId = () => `tm_${randomBytes(10).toString('hex')}`;

export function teamItems(team: Omit<TeamItem, 'pk' | 'sk' | 'entity'>): Array<TeamItem | TeamMemberItem | VillageTeamItem> {
  return [
    {
      ...keys.team(team.teamId),
      entity: 'team',
      ...team,
      version: team.version ?? 1,
      gsi1pk: keys.teamsTownshipPk(team.townshipId),
      gsi1sk: keys.teamRegionSk(team.townshipId, team.teamId),
      gsi2pk: keys.teamsCountyPk(team.countyId),
      gsi2sk: keys.teamRegionSk(team.townshipId, team.teamId),
    },
    ...team.members.map((m): TeamMemberItem => ({
      ...keys.teamMember(team.teamId, m.personId),
      entity: 'teamMember',
      teamId: team.teamId,
      staffId: m.personId,
      role: m.role,
      gsi1pk: keys.staffPk(m.personId),
      gsi1sk: keys.staffTeamSk(team.teamId),
    })),
    ...team.villageIds.map((villageId): VillageTeamItem => ({ ...keys.villageTeam(villageId), entity: 'villageTeam', villageId, teamId: team.teamId })),
  ];
}

export function teamContactOf(team: TeamItem): { name: string; members: TeamMember[] } {
  return { name: team.name, members: team.members.map((m) => ({ name: m.name, role: m.role, phone: m.phone })) };
}

export async function getTeam(teamId: string): Promise<TeamItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.team(teamId) }));
  return out.Item as TeamItem | undefined;
}

export async function getVillageTeam(villageId: string): Promise<TeamItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.villageTeam(villageId) }));
  const link = out.Item as VillageTeamItem | undefined;
  return link ? getTeam(link.teamId) : undefined;
}

/** The teams a staff member belongs to (GSI1, one Query). */
export async function getStaffTeamIds(staffId: string): Promise<string[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.staffPk(staffId), ':p': 'TEAM#' },
    }),
  );
  return ((out.Items ?? []) as TeamMemberItem[]).map((i) => i.teamId);
}
