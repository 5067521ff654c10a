import * as z from './zod';
import { FamilyId, PersonId, TownshipId, VillageId } from './common';
import { TeamRole } from './roles';
import { PackageId, TeamId, TeamView } from './signing';

/**
 * Family-doctor teams as commission staff define them (county officers for the county, a
 * township's health office for its township): a lead GP (the first responsible person, who answers
 * applications), the other staff with their role, the villages served (a village by at most one
 * team), and whether the team is the poverty programme's 1+1+1 form (a village doctor, a township
 * GP and a county specialist). Each village may name its responsible doctor (a member who is not
 * a nurse): in a town's urban community the GP is, in a 1+1+1 village team the village doctor.
 */
export const povertyFormRoles = ['village_doctor', 'gp', 'specialist'] as const satisfies readonly TeamRole[];

const TeamFields = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(2, '请填写团队名称'), z.maxLength(30, '团队名称不能超过 30 个字')),
  townshipId: TownshipId,
  villages: z
    .array(
      z.strictObject({
        villageId: VillageId,
        name: z.string().check(z.trim(), z.minLength(2, '请填写村（社区）名称'), z.maxLength(20, '村名不能超过 20 个字')),
        // Who a new contract in the village names as responsible; absent: the team's village doctor, else the lead.
        responsibleId: z.optional(PersonId),
      }),
    )
    .check(z.minLength(1, '请至少选择一个服务的村（社区）'), z.maxLength(20, '一个团队最多服务 20 个村（社区）')),
  leadId: PersonId,
  members: z
    .array(z.strictObject({ personId: PersonId, role: TeamRole }))
    .check(z.minLength(1, '请添加团队成员'), z.maxLength(12, '一个团队最多 12 人')),
  povertyForm: z.boolean('请选择是否为“1+1+1”团队'),
});

const teamRules = z.superRefine((v: z.infer<typeof TeamFields>, ctx) => {
  const lead = v.members.find((m) => m.personId === v.leadId);
  if (!lead) ctx.issues.push({ code: 'custom', message: '团队长必须是团队成员', path: ['leadId'], input: v });
  else if (lead.role !== 'gp') ctx.issues.push({ code: 'custom', message: '团队长应为全科医生', path: ['leadId'], input: v });
  const seen = new Set<string>();
  v.members.forEach((m, i) => {
    if (seen.has(m.personId)) ctx.issues.push({ code: 'custom', message: '同一个人只能添加一次', path: ['members', i, 'personId'], input: v });
    seen.add(m.personId);
  });
  const villages = new Set<string>();
  v.villages.forEach((village, i) => {
    if (villages.has(village.villageId)) ctx.issues.push({ code: 'custom', message: '同一个村只能选择一次', path: ['villages', i, 'villageId'], input: v });
    villages.add(village.villageId);
    if (village.responsibleId === undefined) return;
    const responsible = v.members.find((m) => m.personId === village.responsibleId);
    if (!responsible) ctx.issues.push({ code: 'custom', message: '负责医生必须是团队成员', path: ['villages', i, 'responsibleId'], input: v });
    else if (responsible.role === 'nurse') ctx.issues.push({ code: 'custom', message: '负责医生应为医生，不能是护士', path: ['villages', i, 'responsibleId'], input: v });
  });
  if (v.povertyForm) {
    const roles = new Set(v.members.map((m) => m.role));
    if (!povertyFormRoles.every((r) => roles.has(r))) {
      ctx.issues.push({ code: 'custom', message: '“1+1+1”团队需要乡村医生、全科医生和专科医生各至少一人', path: ['povertyForm'], input: v });
    }
  }
});

export const TeamRequest = TeamFields.check(teamRules);
export type TeamRequest = z.infer<typeof TeamRequest>;

/** An edit names the version it was made from: an edit made meanwhile by someone else is not overwritten. */
export const TeamUpdateRequest = z.extend(TeamFields, { version: z.int('版本号不正确').check(z.minimum(1, '版本号不正确')) }).check(teamRules);
export type TeamUpdateRequest = z.infer<typeof TeamUpdateRequest>;

export const TeamPath = z.strictObject({ teamId: TeamId });

export const RegionTeam = z.object({
  ...TeamView.shape,
  townshipId: TownshipId,
  /** `responsibleId`: the doctor a new contract in the village names (the rule's pick when none was chosen). */
  villages: z.array(z.object({ villageId: VillageId, name: z.string(), responsibleId: PersonId })),
  leadId: PersonId,
  version: z.number(),
});
export type RegionTeam = z.infer<typeof RegionTeam>;

export const RegionTeamsResponse = z.object({ items: z.array(RegionTeam) });
export type RegionTeamsResponse = z.infer<typeof RegionTeamsResponse>;

export const TeamsQuery = z.strictObject({});

/**
 * A doctor or nurse looked up by staff number before being added to a team: who they are and
 * where they work, so the officer can tell whom they add (never a phone or ID number).
 */
export const TeamStaffPath = z.strictObject({ staffId: PersonId });
export const TeamStaffLookup = z.object({ personId: PersonId, name: z.string(), title: z.string(), organisation: z.string() });
export type TeamStaffLookup = z.infer<typeof TeamStaffLookup>;

/**
 * A doctor of the village's team signs a member on a home visit, with no application: the member
 * then confirms by drawing their signature on the doctor's phone.
 */
export const HomeVisitSigningRequest = z.strictObject({
  familyId: FamilyId,
  memberId: PersonId,
  optionalPackages: z.optional(z.array(PackageId).check(z.maxLength(4, '最多选择 4 个可选服务包'))),
});
export type HomeVisitSigningRequest = z.infer<typeof HomeVisitSigningRequest>;

/** A member of the team's villages who could be signed on a home visit (no contract, no pending application). */
export const HomeVisitCandidate = z.object({
  familyId: FamilyId,
  familyName: z.string(),
  villageName: z.string(),
  memberId: PersonId,
  name: z.string(),
  relation: z.string(),
  age: z.number(),
});
export type HomeVisitCandidate = z.infer<typeof HomeVisitCandidate>;

export const HomeVisitCandidatesResponse = z.object({ teamName: z.string(), items: z.array(HomeVisitCandidate) });
export type HomeVisitCandidatesResponse = z.infer<typeof HomeVisitCandidatesResponse>;
