import JSZip from 'jszip';
import { PRIVACY_GUIDE_VERSION, type DoubleSigningTier, type TierFigures, TIERS, tierPeriodOf, tierPeriodsBetween } from '../../domain';
import { batchPutAll } from '../../functions/lib/db/batch';
import { keys } from '../../functions/lib/db/keys';
import { stateItem, teamItems } from '../../functions/lib/db/signing';
import { call, tokenFor } from '../support/api';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { binding, person } from './signing-fixture';
import { queryPartition } from './support-table';

/**
 * The double-signing programme's three tiers over HTTP (ledger world, tag "dsg"): family 4's
 * member is 建档立卡 and signed to a 1+1+1 team (village doctor, the township GP, a county
 * specialist, and a nurse who serves no tier); family 1's member is 建档立卡 and unsigned, so no
 * tier has anyone responsible. September 2031 starts on a Monday: four whole weeks to the 28th.
 * The village doctor visits in weeks 1, 2 and 4, the GP calls once, the nurse visits, the member
 * submits a reading herself, the specialist does nothing this quarter. Every figure is recounted
 * from the follow-up records themselves.
 */
const w = ledgerWorld('dsg');
const TEAM = 'tm_lg6dsg1';
const VDOC = 'p_lg6dsgvdoc';
const SPEC = 'p_lg6dsgspec';
const NURSE = 'p_lg6dsgnurse';
const F = w.family(4);
let member = '';
const at = (date: string, time = '10:00:00') => ({ 'x-test-now': `${date}T${time}+08:00` });
const visit = async (doctorId: string, date: string, kind: 'visit' | 'phone') =>
  call('POST', `/families/${F}/members/${member}/followup-visits`, { token: await tokenFor(doctorId), body: { kind, note: '血压平稳，按时服药' }, headers: at(date) });

beforeAll(async () => {
  const profiles = await writeLedgerWorld(w, 4, '1950-06-15', (n) => ({ poverty: n === 1 || n === 4 }));
  const profile = profiles.find((p) => p.familyId === F)!;
  member = profile.members[0].personId;
  const staff = (personId: string, name: string, role: 'gp' | 'village_doctor' | 'specialist' | 'nurse') => ({ personId, name, role, title: name, organisation: '测试机构', phone: '0311-80000000' });
  const snapshot = { name: '成员4', relation: '本人', gender: 'male' as const, birthDate: '1950-06-15', villageId: profile.villageId, villageName: profile.villageName, townshipId: profile.townshipId, townshipName: profile.townshipName, countyId: w.countyId, conditions: [], phoneMasked: '138****0000' };
  await batchPutAll([
    ...[[VDOC, '村医老张'], [SPEC, '县医院刘医生'], [NURSE, '卫生院护士']].flatMap(([id, name]) => [person(id, name, 'doctor'), binding(id)]),
    ...teamItems({
      teamId: TEAM, name: '双签约测试团队', countyId: w.countyId, townshipId: profile.townshipId, povertyForm: true,
      villageIds: [profile.villageId], villageNames: [profile.villageName], leadId: w.doctor, responsibleByVillage: { [profile.villageId]: w.doctor },
      members: [staff(NURSE, '卫生院护士', 'nurse'), staff(VDOC, '村医老张', 'village_doctor'), staff(w.doctor, '测试医生', 'gp'), staff(SPEC, '县医院刘医生', 'specialist')],
    }),
    stateItem(member, F, snapshot, { state: 'signed', teamId: TEAM, teamName: '双签约测试团队', updatedAt: '2031-01-01T09:00:00+08:00' }),
  ] as unknown as Record<string, unknown>[]);
  const consent = await call('PUT', '/me/consent', { token: await tokenFor(member), body: { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData: true } });
  expect(consent.status).toBe(200);
});

const figuresOf = (list: TierFigures[], tier: DoubleSigningTier) => list.find((f) => f.tier === tier)!;

describe('three tiers, each tracked against its responsible doctor', () => {
  test('visits are recorded with the recorder\'s tier; the doctor\'s own tier list shows who is due', async () => {
    // A second village contact in the first week (a call on the 3rd) serves the same period once.
    for (const [doctorId, date, kind] of [[VDOC, '2031-09-02', 'visit'], [VDOC, '2031-09-03', 'phone'], [VDOC, '2031-09-09', 'visit'], [w.doctor, '2031-09-10', 'phone'], [NURSE, '2031-09-16', 'visit']] as const) {
      const res = await visit(doctorId, date, kind);
      expect(res.status).toBe(201);
    }
    const submitted = await call('POST', `/families/${F}/members/${member}/followups`, {
      token: await tokenFor(member), headers: at('2031-09-17'),
      body: { readings: { systolic: 132, diastolic: 84 }, symptoms: [], missedDoses: 0, mood: 'good' },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.followUp.tier).toBeUndefined();

    // Week 3 (from 15 September): the village doctor sees the member as due this week.
    const village = await call('GET', '/doctor/double-signing', { token: await tokenFor(VDOC), headers: at('2031-09-18') });
    expect(village.status).toBe(200);
    expect(village.body.items).toEqual([{ familyId: F, memberId: member, memberName: '成员4', villageName: '测试村', tier: 'village', period: '2031-09-15', lastServedOn: '2031-09-09' }]);
    // The GP called this month: nothing due at the township tier; the specialist's quarter is open.
    const gp = await call('GET', '/doctor/double-signing', { token: await tokenFor(w.doctor), headers: at('2031-09-18') });
    expect(gp.body.items).toEqual([]);
    const county = await call('GET', '/doctor/double-signing', { token: await tokenFor(SPEC), headers: at('2031-09-18') });
    expect(county.body.items).toEqual([{ familyId: F, memberId: member, memberName: '成员4', villageName: '测试村', tier: 'county', period: '2031-Q3' }]);
    const nurse = await call('GET', '/doctor/double-signing', { token: await tokenFor(NURSE), headers: at('2031-09-18') });
    expect(nurse.body.items).toEqual([]);

    expect((await visit(VDOC, '2031-09-24', 'visit')).status).toBe(201);
    const after = await call('GET', '/doctor/double-signing', { token: await tokenFor(VDOC), headers: at('2031-09-25') });
    expect(after.body.items).toEqual([]);

    // The tier is the recorder's, never the request's: a visit that claims one is refused, nothing written.
    const before = await queryPartition(keys.healthPk(member));
    const claimed = await call('POST', `/families/${F}/members/${member}/followup-visits`, { token: await tokenFor(VDOC), body: { kind: 'visit', note: '上门随访', tier: 'county' }, headers: at('2031-09-25') });
    expect(claimed.status).toBe(400);
    expect(claimed.body.fields).toEqual({ 'body.tier': '不支持这个字段' });
    expect(await queryPartition(keys.healthPk(member))).toEqual(before);

    const records = (await queryPartition(keys.healthPk(member))).filter((i) => i.entity === 'followUp');
    expect(records.map((r) => [r.kind, r.tier ?? null]).sort()).toEqual(
      [['online', null], ['phone', 'township'], ['phone', 'village'], ['visit', null], ['visit', 'village'], ['visit', 'village'], ['visit', 'village']].sort(),
    );
  });

  test('the officer\'s figures and the names behind each gap; each figure equals a recount of the records', async () => {
    const res = await call('GET', '/commission/report?from=2031-09&to=2031-09', { token: await tokenFor(w.commCounty), headers: at('2031-09-28', '20:00:00') });
    expect(res.status).toBe(200);
    const ds = res.body.doubleSigning;
    expect(ds).toMatchObject({ fromDay: '2031-09-01', asOf: '2031-09-28' });
    expect(figuresOf(ds.total, 'village')).toEqual({ tier: 'village', members: 2, withResponsible: 1, periods: 8, served: 3, servedNow: 1, membersWithGaps: 2 });
    expect(figuresOf(ds.total, 'township')).toEqual({ tier: 'township', members: 2, withResponsible: 1, periods: 2, served: 1, servedNow: 1, membersWithGaps: 1 });
    expect(figuresOf(ds.total, 'county')).toEqual({ tier: 'county', members: 2, withResponsible: 1, periods: 2, served: 0, servedNow: 0, membersWithGaps: 2 });
    const [townshipA] = ds.townships;
    expect(townshipA.tiers).toEqual(ds.total);
    expect(ds.townships[1].tiers.every((t: TierFigures) => t.members === 0)).toBe(true);

    const named = ds.gaps.map((g: Record<string, unknown>) => [g.memberName, g.tier, g.responsibleName ?? null, g.served, g.periods, g.dueNow]);
    expect(named).toEqual([
      ['成员1', 'village', null, 0, 4, true],
      ['成员1', 'township', null, 0, 1, true],
      ['成员1', 'county', null, 0, 1, true],
      ['成员4', 'village', '村医老张', 3, 4, false],
      ['成员4', 'county', '县医院刘医生', 0, 1, true],
    ]);

    // The recount: the signed member's follow-ups as recorded, grouped by the tier and period of
    // the day each was made; the unsigned member has no records at all.
    const records = (await queryPartition(keys.healthPk(member))).filter((i) => i.entity === 'followUp');
    for (const tier of TIERS) {
      const window = tierPeriodsBetween(tier, '2031-09-01', '2031-09-28');
      const served = new Set(records.filter((r) => r.tier === tier).map((r) => tierPeriodOf(tier, String(r.at).slice(0, 10))));
      const recount = window.filter((p) => served.has(p)).length;
      const f = figuresOf(ds.total, tier);
      expect(f.served).toBe(recount);
      expect(f.periods).toBe(window.length * 2);
      expect(f.servedNow).toBe(served.has(window[window.length - 1]) ? 1 : 0);
    }
    expect((await queryPartition(keys.healthPk(w.member))).filter((i) => i.entity === 'followUp')).toEqual([]);

    // The dashboard's section: this month to today, the same figures and names as the report's.
    const section = await call('GET', '/commission/double-signing', { token: await tokenFor(w.commCounty), headers: at('2031-09-28', '20:00:00') });
    expect(section.status).toBe(200);
    expect(section.body).toEqual(ds);
    // The other township's officer sees their township only: nobody in the programme there.
    const other = await call('GET', '/commission/double-signing', { token: await tokenFor(w.commTownship), headers: at('2031-09-28', '20:00:00') });
    expect(other.status).toBe(200);
    expect(other.body.townships.map((t: { townshipId: string }) => t.townshipId)).toEqual([w.townships[1]]);
    expect(other.body.gaps).toEqual([]);
    const notTheirs = await call('GET', `/commission/double-signing?townshipId=${w.townships[0]}`, { token: await tokenFor(w.commTownship), headers: at('2031-09-28', '20:00:00') });
    expect(notTheirs.status).toBe(403);

    // The Word document's narrative carries the same figures and names.
    const doc = await call('GET', '/commission/report-export?from=2031-09&to=2031-09', { token: await tokenFor(w.commCounty), headers: at('2031-09-28', '20:00:00') });
    expect(doc.status).toBe(200);
    const xml = await (await JSZip.loadAsync(Buffer.from(doc.body.base64, 'base64'))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('纳入健康扶贫“双签约”的对象2人');
    expect(text).toContain('村级（乡村医生）（每周一次）：有责任医生1人；应随访8人次，已随访3人次，完成率38%；本周已随访1人，未落实2人。');
    expect(text).toContain('成员4（县级（县级医院），责任医生县医院刘医生，本季度尚未随访）');
    expect(text).toContain('“双签约”三级随访未落实名单');
  });
});
