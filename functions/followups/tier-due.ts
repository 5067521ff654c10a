import { type DoubleSigningTier, inPovertyProgramme, TIERS, type TierDueEntry, tierPeriodOf, tierResponsibles } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { tierStates } from '../lib/db/double-signing';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { getStaffTeamIds, getTeam, listCoverageStates, type TeamItem } from '../lib/db/signing';

/**
 * The calling doctor's double-signing list: members in the programme signed to a team on which
 * the doctor is responsible for a tier (domain/double-signing.ts), who have not had that tier's
 * visit or call in the current week, month or quarter. Reads: the doctor's teams (one Query of
 * GSI1), each team (GetItem), the signed members of each team's township (one Query of the
 * coverage index), their families' profiles for the programme flag and their tier states
 * (BatchGets). A doctor responsible for no tier pays one Query.
 */
export async function tierDueOf(doctorId: string, today: string): Promise<TierDueEntry[]> {
  const teamIds = await getStaffTeamIds(doctorId);
  if (teamIds.length === 0) return [];
  const teams = (await Promise.all(teamIds.map(getTeam))).filter((t): t is TeamItem => t !== undefined);
  const tiersOf = new Map<string, DoubleSigningTier[]>();
  for (const team of teams) {
    const responsible = tierResponsibles(team);
    const mine = TIERS.filter((tier) => responsible[tier]?.personId === doctorId);
    if (mine.length) tiersOf.set(team.teamId, mine);
  }
  if (tiersOf.size === 0) return [];
  const regions = [...new Map(teams.filter((t) => tiersOf.has(t.teamId)).map((t) => [t.townshipId, t.countyId])).entries()];
  const states = (await Promise.all(regions.map(([townshipId, countyId]) => listCoverageStates({ countyId, townshipId })))).flat()
    .filter((s) => s.state === 'signed' && s.teamId !== undefined && tiersOf.has(s.teamId));
  if (states.length === 0) return [];
  const profiles = await batchGetAll<FamilyProfileItem>([...new Set(states.map((s) => s.familyId))].map((f) => keys.familyProfile(f)));
  const inProgramme = new Set(profiles.filter((p) => inPovertyProgramme(p)).map((p) => p.familyId));
  const members = states.filter((s) => inProgramme.has(s.familyId));
  const served = await tierStates(members.map((m) => m.memberId));
  const out: TierDueEntry[] = [];
  for (const m of members) {
    const state = served.get(m.memberId);
    for (const tier of tiersOf.get(m.teamId!) ?? []) {
      const period = tierPeriodOf(tier, today);
      if (state?.periods[tier]?.includes(period)) continue;
      out.push({ familyId: m.familyId, memberId: m.memberId, memberName: m.memberName, villageName: m.villageName, tier, period, lastServedOn: state?.lastOn[tier] });
    }
  }
  return out.sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) || (a.lastServedOn ?? '').localeCompare(b.lastServedOn ?? '') || a.memberName.localeCompare(b.memberName, 'zh'));
}
