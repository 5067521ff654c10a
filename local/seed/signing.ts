import { addDays, addMonths, beijingDate, beijingInstant, beijingIso, ClaimUpdateRequest, contractEndDate, CostEntryRequest, PolicyContractRequest, TeamRequest, toBeijingIso } from '../../domain';
import type { FamilyProfileItem } from '../../functions/lib/db/items';
import { responsibleDoctor, startSigningFrom } from '../../functions/signing/shared';
import { addCost } from '../../functions/policy/add-cost';
import { createPolicyContract } from '../../functions/policy/create-contract';
import { updateClaim } from '../../functions/policy/update-claim';
import { part } from '../../functions/lib/db/transact';
import { contractItem, doctorContactUpdate, put, signingProjection, type MemberSnapshot, newContractId, stateItem, type TeamItem, teamContactOf } from '../../functions/lib/db/signing';
import { principalOf } from '../../functions/lib/auth/session';
import { getPerson } from '../../functions/lib/db/persons';
import { createTeam } from '../../functions/signing/create-team';
import { countyForTeams } from '../../functions/signing/team-writes';
import { county, families, idNumberOf } from './demo-county';
import { createSeedStaff } from './seed';

/**
 * Signing in the demo county, consistent with the foundation's seed:
 * - two teams: 城关镇's (the foundation's team: 陈立新 lead, 周敏, 马德福) for 东关社区 and 西街村,
 *   and 柳林乡's 1+1+1 team of the poverty programme (village doctor 马德福, township GP 高志远 as
 *   lead, county specialist 林慧) for 柳林村 and 河湾村. 高志远 and 林慧 are added here, and 柳林乡's
 *   township health officer 何文静 (commission staff of the township, for its coverage figures);
 * - every member who wants it is signed through the signing writes: the contract of the current
 *   one-year term of the day the family's card was issued, confirmed on paper, the member's
 *   signed state, the family's "current signing" and its doctor contact naming the village's
 *   team, with the township's counters; 朱宝山's term ends in 20 days so renewal can be tried at once;
 * - staff are created as the staff form creates them; teams as 郑国栋's team form sends them, through
 *   signing.createTeam's region check and core (createTeam with the demo's fixed team ids), 城关镇's
 *   villages naming 陈立新 as their responsible doctor;
 * - 冯建国 (西街村) and 沈丽华 (柳林村) are not signed: they can apply;
 * - policy-support contracts with a cadre for two poor families, made as the township makes them
 *   (policy.createContract), their visits entered and claims moved on by the cadre as the ledger
 *   page does (policy.addCost, policy.updateClaim): 孙长海家 (赵永强) below the warning line,
 *   韩永福家 (孙志刚) above it.
 */
const newStaff = [
  { personId: 'p_doc04', name: '高志远', gender: 'male' as const, birthDate: '1980-09-16', phone: '13503110404', workPhone: '0311-86908110', organisation: '柳林乡卫生院', title: '全科医生（团队长）' },
  { personId: 'p_comm02', name: '何文静', gender: 'female' as const, birthDate: '1982-05-20', phone: '13203110602', workPhone: '0311-86908001', organisation: '柳林乡卫生健康办公室', title: '乡卫健办主任' },
  { personId: 'p_doc05', name: '林慧', gender: 'female' as const, birthDate: '1975-03-02', phone: '13503110405', workPhone: '0311-86907130', organisation: '清河县人民医院', title: '内分泌科副主任医师' },
];

/**
 * The teams as the county officer 郑国栋 enters them in the team form. 城关镇's villages name the GP
 * 陈立新 as responsible (a town's urban community); 柳林乡's 1+1+1 team leaves it to the rule (its
 * village doctor 马德福).
 */
export const demoTeams: Array<{ teamId: string; body: TeamRequest }> = [
  {
    teamId: 'tm_chengguan',
    body: TeamRequest.parse({
      name: '城关镇卫生院家庭医生团队',
      townshipId: 't_chengguan',
      villages: [
        { villageId: 'v_dongguan', name: '东关社区', responsibleId: 'p_doc01' },
        { villageId: 'v_xijie', name: '西街村', responsibleId: 'p_doc01' },
      ],
      leadId: 'p_doc01',
      members: [
        { personId: 'p_doc01', role: 'gp' },
        { personId: 'p_doc02', role: 'nurse' },
        { personId: 'p_doc03', role: 'village_doctor' },
      ],
      povertyForm: false,
    }),
  },
  {
    teamId: 'tm_liulin',
    body: TeamRequest.parse({
      name: '柳林乡“1+1+1”家庭医生团队',
      townshipId: 't_liulin',
      villages: [
        { villageId: 'v_liulin', name: '柳林村' },
        { villageId: 'v_hewan', name: '河湾村' },
      ],
      leadId: 'p_doc04',
      members: [
        { personId: 'p_doc04', role: 'gp' },
        { personId: 'p_doc03', role: 'village_doctor' },
        { personId: 'p_doc05', role: 'specialist' },
      ],
      povertyForm: true,
    }),
  },
];

/** The current one-year term of a signing made on `signedOn`, renewed every year since. */
function currentTermStart(signedOn: string, today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}${signedOn.slice(4)}`;
  return thisYear <= today ? thisYear : `${year - 1}${signedOn.slice(4)}`;
}

/** The start of the one-year term that ends on `end`. */
function startOfTermEnding(end: string): string {
  const start = addDays(`${Number(end.slice(0, 4)) - 1}${end.slice(4)}`, 1);
  return contractEndDate(start) === end ? start : addDays(start, -1);
}

export function memberSnapshotOf(profile: FamilyProfileItem, memberId: string): MemberSnapshot {
  const m = profile.members.find((x) => x.personId === memberId)!;
  return {
    name: m.name,
    relation: m.relation,
    gender: m.gender,
    birthDate: m.birthDate,
    villageId: profile.villageId,
    villageName: profile.villageName,
    townshipId: profile.townshipId,
    townshipName: profile.townshipName,
    countyId: profile.countyId,
    conditions: m.conditions,
    phoneMasked: m.phoneMasked,
  };
}

export async function buildSigningSeed(demoItems: object[], now: Date): Promise<void> {
  const today = beijingDate(now);
  const at = toBeijingIso(now);

  await Promise.all(
    newStaff.map((s) => {
      const officer = s.personId === 'p_comm02';
      return createSeedStaff(
        {
          personId: s.personId,
          post: officer ? 'township_health' : 'doctor',
          name: s.name,
          idNumber: idNumberOf(s.personId, s.birthDate, s.gender),
          phone: s.phone,
          countyId: county.countyId,
          townshipId: officer ? 't_liulin' : undefined,
          orgId: officer ? 'org_llwjb' : s.personId === 'p_doc04' ? 'org_llwsy' : 'org_xyy',
          organisation: s.organisation,
          title: s.title,
          workPhone: s.workPhone,
        },
        at,
      );
    }),
  );
  // Teams as 郑国栋's team form makes them (signing.createTeam's region check and core), with the demo's fixed ids.
  const officer = principalOf((await getPerson('p_comm01'))!);
  const teams: TeamItem[] = [];
  for (const t of demoTeams) teams.push(await createTeam(await countyForTeams(officer, t.body.townshipId), t.body, { teamId: t.teamId }));
  const teamOfVillage = (villageId: string) => teams.find((t) => t.villageIds.includes(villageId))!;
  const isNew = 'attribute_not_exists(pk)';

  const profiles = new Map((demoItems as FamilyProfileItem[]).filter((i) => i.entity === 'family').map((p) => [p.familyId, p]));

  // Each signed member's contract as a signing write makes it (startSigningFrom: the member's state
  // from none to signed with the township's counters, the contract, the family's "current signing"
  // and its doctor contact with the team), signed on paper the day the family's card was issued.
  // Members side by side: each moves only their own state (the township counter's conflicts are retried).
  const signed = families.filter((f) => f.contacts.includes('doctor')).flatMap((f) => f.members.filter((x) => x.signed).map((m) => ({ f, m })));
  await Promise.all(
    signed.map(async ({ f, m }) => {
      const profile = profiles.get(f.familyId)!;
      const team = teamOfVillage(profile.villageId);
      const member = memberSnapshotOf(profile, m.personId);
      // 朱宝山's term ends in 20 days: the renewal list and the one-tap renewal have something to show.
      const startDate = m.personId === 'p_m0018' ? startOfTermEnding(addDays(today, 20)) : currentTermStart(f.cardIssuedOn, today);
      const contract = contractItem({
        contractId: newContractId(startDate),
        memberId: m.personId,
        familyId: f.familyId,
        member,
        teamId: team.teamId,
        teamName: team.name,
        // The doctor a new contract in the village names (the apply route's rule): 陈立新 in 城关镇, 马德福 in 柳林乡.
        doctor: responsibleDoctor(team, profile.villageId),
        teamContact: teamContactOf(team),
        packageIds: member.conditions.length ? ['basic', 'chronic'] : ['basic'],
        startDate,
        source: 'seed',
        createdAt: beijingIso(startDate, '09:00'),
        confirmation: { kind: 'paper', at: beijingIso(f.cardIssuedOn, '09:00'), byId: m.personId, byName: member.name },
      });
      const state = stateItem(m.personId, f.familyId, member, { state: 'signed', contractId: contract.contractId, teamId: team.teamId, teamName: team.name, endDate: contract.endDate, updatedAt: at });
      const started = await startSigningFrom(state, profile, [
        part('contract', put(contract, isNew)),
        part('projection', put(signingProjection(contract))),
        part('doctorContact', doctorContactUpdate(contract, at)),
      ]);
      if (!started) throw new Error(`demo signing refused: ${m.personId}`);
    }),
  );

  // Policy-support contracts (双签约) as the township makes them (policy.createContract): by the
  // commission officer over the family's township (城关镇 has none of its own, so the county's
  // 郑国栋; 柳林乡's 何文静) on the contract's first day. Then the cadre enters each visit on its
  // day (policy.addCost) and moves claims on (policy.updateClaim), so the totals and the warning are
  // the product's own: 孙长海家 below the warning line, 韩永福家 above it, one claim pending in each
  // (孙长海家's filed, 韩永福家's submitted a week after the visit).
  // Dated back from the day of seeding, so the demo reads the same whenever it is started: the
  // contract year begins on the first of the month eleven months back and the visits (270, 187 and
  // 108 days ago: 3月12日, 6月3日 and 8月21日 when seeded on 12月7日) fall inside it.
  const startDate = addMonths(`${today.slice(0, 7)}-01`, -11);
  const endDate = addDays(addMonths(startDate, 12), -1);
  const ago = (days: number) => addDays(today, -days);
  const visit = (memberId: string, visitDate: string, place: string, totalFen: number, basicInsuranceFen: number, seriousIllnessFen: number, medicalAssistanceFen: number, claimPending: boolean, submittedFen?: number) => ({
    body: CostEntryRequest.parse({ memberId, visitDate, place, totalFen, basicInsuranceFen, seriousIllnessFen, medicalAssistanceFen, commercialFen: 0, claimPending }),
    submittedFen,
  });
  const policies = [
    {
      familyId: 'f_0004',
      officerId: 'p_comm01',
      cadreId: 'p_cadre02',
      yearlyIncomeFen: 2_400_000,
      visits: [visit('p_m0006', ago(270), '清河县人民医院', 1_860_000, 1_116_000, 186_000, 93_000, false), visit('p_m0007', ago(108), '城关镇卫生院', 420_000, 252_000, 0, 42_000, true)],
    },
    {
      familyId: 'f_0010',
      officerId: 'p_comm02',
      cadreId: 'p_cadre04',
      yearlyIncomeFen: 1_800_000,
      visits: [visit('p_m0016', ago(187), '清河县人民医院', 3_600_000, 1_800_000, 540_000, 180_000, true, 300_000)],
    },
  ];
  await Promise.all(
    policies.map(async (p) => {
      const contract = PolicyContractRequest.parse({ cadreId: p.cadreId, yearlyIncomeFen: p.yearlyIncomeFen, warningSharePercent: 50, startDate, endDate });
      await createPolicyContract(p.familyId, contract, p.officerId, beijingInstant(startDate, '09:00'));
      for (const v of p.visits) {
        const ledger = await addCost(p.familyId, v.body, p.cadreId, beijingInstant(v.body.visitDate, '16:00'));
        if (v.submittedFen === undefined) continue;
        const entry = ledger.entries.find((e) => e.memberId === v.body.memberId && e.visitDate === v.body.visitDate)!;
        const claim = ClaimUpdateRequest.parse({ status: 'submitted', claimedFen: v.submittedFen });
        await updateClaim(p.familyId, entry.entryId, claim, p.cadreId, beijingInstant(addDays(v.body.visitDate, 7), '10:00'));
      }
    }),
  );
}
