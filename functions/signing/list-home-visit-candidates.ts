import { ageOn, beijingDate, type HomeVisitCandidatesResponse } from '../../domain';
import { tableName } from '../lib/db/client';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { queryAll } from '../lib/db/query-all';
import { getSigningStates, getStaffTeamIds, getTeam } from '../lib/db/signing';
import { routeHandler } from '../lib/http/route-handler';

/**
 * Who a doctor may sign on a home visit: the members of the families in the caller's team's
 * villages who have no active contract and no application waiting (those go through the
 * applications list). The caller's team (one Query), the team (one GetItem), the township's
 * families (one Query on GSI1, kept to the team's villages), the members' signing states (one
 * BatchGet per 100 members).
 */
export const handler = routeHandler('signing.listHomeVisitCandidates', {}, async ({ principal, now }) => {
  const [teamId] = await getStaffTeamIds(principal.personId);
  const team = teamId ? await getTeam(teamId) : undefined;
  if (!team) return { body: { teamName: '', items: [] } satisfies HomeVisitCandidatesResponse };
  const villages = new Set(team.villageIds);
  const families = (
    await queryAll<FamilyProfileItem>({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.townshipPk(team.townshipId), ':p': 'FAMILY#' },
    })
  ).filter((f) => f.entity === 'family' && villages.has(f.villageId));
  const members = families.flatMap((f) => f.members.map((m) => ({ f, m })));
  const busy = new Set(
    (await getSigningStates(members.map(({ m }) => m.personId))).filter((s) => s.state === 'signed' || s.state === 'applied').map((s) => s.memberId),
  );
  const today = beijingDate(now);
  const body: HomeVisitCandidatesResponse = {
    teamName: team.name,
    items: members
      .filter(({ m }) => !busy.has(m.personId))
      .map(({ f, m }) => ({
        familyId: f.familyId,
        familyName: f.familyName,
        villageName: f.villageName,
        memberId: m.personId,
        name: m.name,
        relation: m.relation,
        age: ageOn(m.birthDate, today),
      })),
  };
  return { body };
});
