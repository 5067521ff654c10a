import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Principal, type RegionTeam, type TeamRequest, teamRoleLabels } from '../../domain';
import { db, tableName } from '../lib/db/client';
import { countyOfTownship } from '../lib/db/dashboard';
import { keys } from '../lib/db/keys';
import { getPersons } from '../lib/db/persons';
import type { TeamItem, TeamStaff } from '../lib/db/signing';
import type { TransactionRefused } from '../lib/db/transact';
import { badRequest, forbidden } from '../lib/http/errors';
import { teamView } from './views';

/**
 * What creating and editing a team share: the region check, the staff check and the team item
 * built from the request. A village is served by one team at most; that rule is the conditional
 * put of its VILLAGE#<id>/TEAM item in the same transaction, so two officers assigning the same
 * village at once cannot both succeed.
 */

/** The county of the township, if the caller may define teams there. */
export async function countyForTeams(principal: Principal, townshipId: string): Promise<string> {
  if (!principal.regionId) throw forbidden('您的账号没有管辖区域');
  if (principal.level === 'township') {
    if (townshipId !== principal.regionId) throw forbidden('只能管理本乡镇的家庭医生团队');
    // A township officer's token names the township only; the claim on its id names the county.
    const countyId = await countyOfTownship(townshipId);
    if (!countyId) throw badRequest('本乡镇还没有登记到县里，请联系县卫健委', { 'body.townshipId': '本乡镇还没有登记到县里' });
    return countyId;
  }
  const stats = await db().send(new GetCommand({ TableName: tableName(), Key: keys.statsTownship(principal.regionId, townshipId), ProjectionExpression: 'pk' }));
  if (!stats.Item) throw badRequest('这个乡镇不在您的管辖区域', { 'body.townshipId': '不在本县' });
  return principal.regionId;
}

/** The staff named by the request, as the team shows them; unknown or non-medical staff: 400. */
export async function teamStaffOf(body: TeamRequest): Promise<TeamStaff[]> {
  const persons = new Map((await getPersons(body.members.map((m) => m.personId))).map((p) => [p.personId, p]));
  const unknown: Record<string, string> = {};
  body.members.forEach((m, i) => {
    if (persons.get(m.personId)?.role !== 'doctor') unknown[`body.members.${i}.personId`] = '没有这位医务人员';
  });
  if (Object.keys(unknown).length) throw badRequest('团队里有不认识的医务人员，请重新选择', unknown);
  return body.members.map((m) => {
    const p = persons.get(m.personId)!;
    return { personId: p.personId, name: p.name, role: m.role, title: p.title ?? teamRoleLabels[m.role], organisation: p.organisation ?? '', phone: p.workPhone ?? '' };
  });
}

/**
 * The team item's fields from a request. A village's responsible doctor is the one the request
 * names for it, else the team's village doctor if it has one; a village with neither is left out
 * (a contract there names the lead).
 */
export function teamFields(teamId: string, countyId: string, body: TeamRequest, staff: TeamStaff[], version: number): Omit<TeamItem, 'pk' | 'sk' | 'entity'> {
  const villageDoctor = staff.find((s) => s.role === 'village_doctor')?.personId;
  const responsible = body.villages.flatMap((v) => {
    const doctorId = v.responsibleId ?? villageDoctor;
    return doctorId ? [[v.villageId, doctorId] as const] : [];
  });
  return {
    teamId,
    name: body.name,
    countyId,
    townshipId: body.townshipId,
    povertyForm: body.povertyForm,
    villageIds: body.villages.map((v) => v.villageId),
    villageNames: body.villages.map((v) => v.name),
    leadId: body.leadId,
    responsibleByVillage: Object.fromEntries(responsible),
    members: staff,
    version,
  };
}

/** The transaction label of a village's VILLAGE#<id>/TEAM put: it names the village's place in the request. */
export const villageLabel = (body: TeamRequest, villageId: string) => `village.${body.villages.findIndex((v) => v.villageId === villageId)}`;

/**
 * A refused team transaction as the caller should see it: each village already served is named
 * (400); undefined when no village was the reason.
 */
export function villageTaken(err: TransactionRefused): Record<string, string> | undefined {
  const taken = err.failed.filter((label) => label.startsWith('village.'));
  return taken.length ? Object.fromEntries(taken.map((label) => [`body.villages.${label.slice('village.'.length)}.villageId`, '这个村已由其他团队服务'])) : undefined;
}

export function regionTeamView(team: TeamItem): RegionTeam {
  return {
    ...teamView(team),
    townshipId: team.townshipId,
    villages: team.villageIds.map((villageId, i) => ({ villageId, name: team.villageNames[i], responsibleId: team.responsibleByVillage[villageId] ?? team.leadId })),
    leadId: team.leadId,
    version: team.version ?? 1,
  };
}
