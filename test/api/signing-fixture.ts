import { batchPutAll } from '../../functions/lib/db/batch';
import { townshipStatsItem } from '../../functions/lib/db/coverage';
import type { BindingItem, FamilyProfileItem, PersonItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import { policyContractItem } from '../../functions/lib/db/policy';
import { type TeamItem, teamItems } from '../../functions/lib/db/signing';

/**
 * A county of its own for signing.test.ts, so its contracts, terminations and coverage counts
 * never meet another suite's checks (support-table.ts): county c_sgtest, one township, two
 * villages, a team for each, six families of one member each, a commission officer and a cadre.
 * Persons carry placeholder ciphertexts: nothing here decrypts them.
 */
export const SG = {
  countyId: 'c_sgtest',
  townshipId: 't_sgtown',
  teamA: 'tm_sgA',
  teamB: 'tm_sgB',
  leadA: 'p_sglead1',
  docA: 'p_sgdoc1',
  leadB: 'p_sglead2',
  comm: 'p_sgcomm',
  cadre: 'p_sgcadre',
  otherCadre: 'p_sgcadre2',
  members: ['p_sgm01', 'p_sgm02', 'p_sgm03', 'p_sgm04', 'p_sgm05', 'p_sgm06'] as const,
  familyOf: (memberId: string) => `f_sg${memberId.slice(-2)}`,
};

/** A bound fixture person with placeholder ciphertexts (also used by booking-schedules.test.ts). */
export const person = (personId: string, name: string, role: PersonItem['role'], extra: Partial<PersonItem> = {}): PersonItem => ({
  ...keys.person(personId),
  entity: 'person',
  personId,
  name,
  role,
  gender: 'female',
  birthDate: '1955-06-01',
  idNumberEnc: 'fixture',
  phoneEnc: 'fixture',
  phoneMasked: '139****0000',
  gsi1pk: `PHONE#fixture-${personId}`,
  gsi1sk: `PERSON#${personId}`,
  openid: `demo-openid-${personId}`,
  ...extra,
});

export const binding = (personId: string): BindingItem => ({ ...keys.binding(`demo-openid-${personId}`), entity: 'binding', openid: `demo-openid-${personId}`, personId, boundAt: '2026-01-01T00:00:00+08:00' });

const staffView = (personId: string, name: string, role: TeamItem['members'][number]['role']) => ({ personId, name, role, title: '全科医生', organisation: '测试卫生院', phone: '0311-80000000' });

export const fixtureTeams: Array<Omit<TeamItem, 'pk' | 'sk' | 'entity'>> = [
  {
    teamId: SG.teamA, name: '测试甲团队', countyId: SG.countyId, townshipId: SG.townshipId, povertyForm: false,
    villageIds: ['v_sgvA'], villageNames: ['甲村'], leadId: SG.leadA, responsibleByVillage: { v_sgvA: SG.docA },
    members: [staffView(SG.leadA, '甲组长', 'gp'), staffView(SG.docA, '甲医生', 'village_doctor')],
  },
  {
    teamId: SG.teamB, name: '测试乙团队', countyId: SG.countyId, townshipId: SG.townshipId, povertyForm: true,
    villageIds: ['v_sgvB'], villageNames: ['乙村'], leadId: SG.leadB, responsibleByVillage: {},
    members: [staffView(SG.leadB, '乙组长', 'gp')],
  },
];

const names = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七'];

/** A family of one member in a village of the fixture county (member i's name and card). */
function familyItems(memberId: string, i: number, village: { villageId: string; name: string }, townshipId: string): object[] {
  const familyId = SG.familyOf(memberId);
  const profile: FamilyProfileItem = {
    ...keys.familyProfile(familyId),
    entity: 'family',
    familyId,
    familyName: `${names[i]}家`,
    familyType: 'bereaved',
    lowIncome: false,
    registeredPoor: i === 5,
    illnessPoverty: false,
    countyId: SG.countyId,
    townshipId,
    townshipName: '测试镇',
    villageId: village.villageId,
    villageName: village.name,
    members: [{ personId: memberId, name: names[i], relation: '本人', gender: 'female', birthDate: '1955-06-01', phoneMasked: '139****0000', conditions: ['高血压'] }],
    card: { cardNo: `SG${i}`, issuedOn: '2026-01-01', issuer: '测试', version: 1, status: 'active', handedOver: { on: '2026-01-01', byId: SG.cadre, byName: '测试干部' } },
    helpline: { name: '测试卫健委', phone: '0311-80000001' },
    gsi1pk: keys.townshipPk(townshipId),
    gsi1sk: keys.townshipFamilySk(village.villageId, familyId),
    gsi2pk: keys.countyPk(SG.countyId),
    gsi2sk: keys.countyFamilySk(townshipId, village.villageId, familyId),
  };
  return [profile, person(memberId, names[i], 'member', { familyId, relation: '本人' }), binding(memberId)];
}

export async function writeSigningFixture(): Promise<void> {
  const items: object[] = [];
  const staff: Array<[string, string, PersonItem['role'], Partial<PersonItem>]> = [
    [SG.leadA, '甲组长', 'doctor', {}],
    [SG.docA, '甲医生', 'doctor', {}],
    [SG.leadB, '乙组长', 'doctor', {}],
    [SG.comm, '测试卫健委', 'commission', { commissionLevel: 'county', regionId: SG.countyId }],
    [SG.cadre, '测试干部', 'contact', { contactLevel: 'village' }],
    [SG.otherCadre, '另一干部', 'contact', { contactLevel: 'village' }],
  ];
  for (const [id, name, role, extra] of staff) items.push(person(id, name, role, extra), binding(id));
  for (const team of fixtureTeams) items.push(...teamItems(team));
  SG.members.forEach((memberId, i) => {
    // Members 1-5 live in 甲村 (team A), member 6 in 乙村 (team B).
    const village = i < 5 ? { villageId: 'v_sgvA', name: '甲村' } : { villageId: 'v_sgvB', name: '乙村' };
    items.push(...familyItems(memberId, i, village, SG.townshipId));
  });
  // The cadre's policy-support contract with the poor family f_sg06, and the cadre as its contact.
  items.push({
    ...keys.familyContact('f_sg06', SG.cadre), entity: 'familyContact', familyId: 'f_sg06', kind: 'village_cadre', staffId: SG.cadre, name: '测试干部', title: '村干部', organisation: '乙村', phone: '0311-80000002', assignedAt: '2026-01-01T00:00:00+08:00', gsi1pk: keys.staffPk(SG.cadre), gsi1sk: keys.staffFamilySk('f_sg06'),
  });
  items.push({
    ...keys.familyContact('f_sg06', SG.otherCadre), entity: 'familyContact', familyId: 'f_sg06', kind: 'volunteer', staffId: SG.otherCadre, name: '另一干部', title: '志愿者', organisation: '乙村', phone: '0311-80000003', assignedAt: '2026-01-01T00:00:00+08:00', gsi1pk: keys.staffPk(SG.otherCadre), gsi1sk: keys.staffFamilySk('f_sg06'),
  });
  items.push(
    policyContractItem({
      familyId: 'f_sg06', familyName: '吴六家', villageName: '乙村', townshipId: SG.townshipId, cadreId: SG.cadre, cadreName: '测试干部',
      members: [{ personId: 'p_sgm06', name: '吴六' }], yearlyIncomeFen: 3_000_000, warningSharePercent: 50,
      startDate: '2026-01-01', endDate: '2026-12-31', totals: { entries: 0, totalFen: 0, outOfPocketFen: 0, pendingClaims: 0 },
    }),
  );
  // The township's dashboard counters: nobody signed or asking yet; the signing routes keep them.
  items.push(
    townshipStatsItem(
      { countyId: SG.countyId, townshipId: SG.townshipId, townshipName: '测试镇' },
      { families: SG.members.length, familiesWithAllContacts: 0, members: SG.members.length, wantingMembers: 0, signedMembers: 0, cardHolders: SG.members.length },
    ),
  );
  await batchPutAll(items as Record<string, unknown>[]);
}

/**
 * One more family in a township of its own (its own dashboard counters), for a test that needs a
 * village no fixture team serves.
 */
export async function writeVillageFamily(memberId: string, village: { villageId: string; name: string }, townshipId: string): Promise<void> {
  const items = [
    ...familyItems(memberId, names.length - 1, village, townshipId),
    townshipStatsItem({ countyId: SG.countyId, townshipId, townshipName: '测试乡' }, { families: 1, familiesWithAllContacts: 0, members: 1, wantingMembers: 0, signedMembers: 0, cardHolders: 1 }),
  ];
  await batchPutAll(items as Record<string, unknown>[]);
}
