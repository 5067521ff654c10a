import { doubleSigningFigures, type DoubleSigningSection, inPovertyProgramme, type ProgrammeMember, tierResponsibles } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { tierStates } from '../lib/db/double-signing';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import type { SigningStateItem, TeamItem } from '../lib/db/signing';

/**
 * The report's 双签约 section: every living member of a family in the health-poverty programme
 * (建档立卡 or 因病致贫) in the region, the responsible doctor of each tier from the member's signed
 * team, and the periods each tier served the member in, from the window's first day to its as-of
 * day. The profiles and signing states are the ones the report has read already; this adds the
 * members' teams and tier states, by key (BatchGets), so the figures never scan the follow-ups.
 */
export async function loadDoubleSigning(input: {
  profiles: readonly FamilyProfileItem[];
  states: ReadonlyMap<string, SigningStateItem>;
  townships: ReadonlyArray<{ townshipId: string; townshipName: string }>;
  fromDay: string;
  asOf: string;
}): Promise<DoubleSigningSection> {
  const programme = input.profiles.filter((p) => inPovertyProgramme(p)).flatMap((p) =>
    p.members.filter((m) => !m.deceasedOn || m.deceasedOn > input.asOf).map((m) => ({ profile: p, member: m, state: input.states.get(m.personId) })),
  );
  const teamIds = [...new Set(programme.flatMap((x) => (x.state?.state === 'signed' && x.state.teamId ? [x.state.teamId] : [])))];
  const [teams, served] = await Promise.all([
    teamIds.length ? batchGetAll<TeamItem>(teamIds.map((t) => keys.team(t))) : Promise.resolve([]),
    tierStates(programme.map((x) => x.member.personId)),
  ]);
  const teamById = new Map(teams.map((t) => [t.teamId, t]));
  const members: ProgrammeMember[] = programme.map(({ profile, member, state }) => ({
    ref: { familyId: profile.familyId, familyName: profile.familyName, villageName: profile.villageName, townshipName: profile.townshipName },
    townshipId: profile.townshipId,
    memberId: member.personId,
    memberName: member.name,
    responsibles: tierResponsibles(state?.state === 'signed' && state.teamId ? teamById.get(state.teamId) : undefined),
    served: served.get(member.personId) ?? { periods: {}, lastOn: {} },
  }));
  const figures = doubleSigningFigures(members, input.fromDay, input.asOf);
  return {
    fromDay: input.fromDay,
    asOf: input.asOf,
    townships: input.townships.map((t) => ({ townshipId: t.townshipId, townshipName: t.townshipName, tiers: figures.byTownship.get(t.townshipId) ?? doubleSigningFigures([], input.fromDay, input.asOf).total })),
    total: figures.total,
    gaps: figures.gaps,
  };
}
