import { COUNTY_MEASURES_PENDING_LINE, defaultCountySupport, entitlementsFor, type EntitlementInput, reachesFamily } from '../../domain';

/** The 帮扶清单 rules per family type, age and flag, and the articles' audience rule. */

const today = '2026-12-07';
const member = (personId: string, name: string, birthDate: string, conditions: string[] = []) => ({ personId, name, relation: '本人', birthDate, conditions });
const contacts: EntitlementInput['contacts'] = [
  { kind: 'village_cadre', name: '王桂兰', title: '社区居委会主任', phone: '13703110201' },
  { kind: 'township_leader', name: '张建华', title: '镇党委副书记', phone: '13903110101' },
  { kind: 'doctor', name: '陈立新', title: '全科医生', phone: '0311-86905120' },
];
const signing = (memberId: string) => ({ memberId, teamName: '城关镇卫生院家庭医生团队', doctor: { name: '陈立新', title: '全科医生', phone: '0311-86905120' }, packageIds: ['basic', 'chronic'] as const, endDate: '2027-03-18' });

function input(change: Partial<EntitlementInput['family']> = {}, rest: Partial<EntitlementInput> = {}): EntitlementInput {
  return {
    today,
    family: {
      familyId: 'f_0001',
      familyName: '王秀英家',
      familyType: 'bereaved',
      poverty: false,
      members: [member('p_m0001', '王秀英', '1951-05-16', ['高血压'])],
      card: { cardNo: 'QH20250001', status: 'active' },
      helpline: { name: '清河县卫健委人口家庭科', phone: '0311-86901234' },
      ...change,
    },
    contacts,
    signings: [signing('p_m0001')],
    hospitals: [{ name: '清河县人民医院', greenChannelPlace: '门诊大厅', greenChannelPhone: '0311-86907120' }],
    settings: defaultCountySupport,
    ...rest,
  };
}
const idsOf = (i: EntitlementInput) => entitlementsFor(i).map((e) => e.id);
const byId = (i: EntitlementInput, id: string) => entitlementsFor(i).find((e) => e.id === id);

describe('entitlementsFor', () => {
  test('every item names someone to call with a phone', () => {
    for (const e of entitlementsFor(input({ poverty: true }))) {
      expect(e.calls.length).toBeGreaterThan(0);
      for (const c of e.calls) expect(c.phone).toMatch(/^[\d-]+$/);
    }
  });

  test('bereaved elder (75), signed, chronic: comfort, checkup, long prescriptions, care-home priority; no rehab, no poverty', () => {
    expect(idsOf(input())).toEqual(['contacts', 'doctor:p_m0001', 'card', 'beds', 'long_rx', 'checkup', 'comfort', 'county:free_consult_fee', 'county:transfer_120', 'county:care_home_priority', 'requests']);
    expect(byId(input(), 'doctor:p_m0001')!.lines).toContain('服务包：基础服务包（免费）、慢性病管理包。');
    expect(byId(input(), 'long_rx')!.link).toBe('health');
  });

  test('a county that has not confirmed its measures: none of the draft is promised, one line points to the commission', () => {
    const unconfirmed = { ...input(), settings: null };
    const county = entitlementsFor(unconfirmed).filter((e) => e.group === 'county');
    expect(county).toEqual([{ id: 'county:pending', group: 'county', title: '本县帮扶措施', lines: [COUNTY_MEASURES_PENDING_LINE], calls: [{ name: '清河县卫健委人口家庭科', role: '卫健委', phone: '0311-86901234' }] }]);
  });

  test('disabled family: rehab instead of comfort, and no care-home priority (bereaved only)', () => {
    const ids = idsOf(input({ familyType: 'disabled' }));
    expect(ids).toContain('rehab');
    expect(ids).not.toContain('comfort');
    expect(ids).not.toContain('county:care_home_priority');
  });

  test('age: the check-up from 65, the bereaved care-home priority from 60', () => {
    const at = (birthDate: string) => idsOf(input({ members: [member('p_m0001', '王秀英', birthDate)] }));
    expect(at('1961-12-07')).toContain('checkup'); // 65 today
    expect(at('1961-12-08')).not.toContain('checkup'); // 65 tomorrow
    expect(at('1966-12-07')).toContain('county:care_home_priority'); // 60 today
    expect(at('1966-12-08')).not.toContain('county:care_home_priority');
  });

  test('poverty adds the double signing with the cadres to call', () => {
    expect(idsOf(input())).not.toContain('poverty');
    expect(byId(input({ poverty: true }), 'poverty')!.calls.map((c) => c.name)).toEqual(['王桂兰', '张建华']);
  });

  test('nobody signed: the signing item, long prescriptions point to signing', () => {
    const i = input({}, { signings: [] });
    expect(idsOf(i)).toContain('doctor:unsigned');
    expect(byId(i, 'doctor:unsigned')!.lines[0]).toBe('王秀英还没有签约家庭医生。');
    expect(byId(i, 'long_rx')!.link).toBe('signing');
    expect(byId(i, 'long_rx')!.lines).toContain('王秀英先签约家庭医生，就可以申请。');
  });

  test('no chronic condition: no long prescriptions', () => {
    expect(idsOf(input({ members: [member('p_m0001', '王秀英', '1951-05-16')] }))).not.toContain('long_rx');
  });

  test('a revoked card says so and gives the helpline', () => {
    const card = byId(input({ card: { cardNo: 'QH1', status: 'revoked' } }), 'card')!;
    expect(card.title).toBe('就医服务卡暂时不能用');
    expect(card.calls).toEqual([{ name: '清河县卫健委人口家庭科', role: '卫健委', phone: '0311-86901234' }]);
  });

  test('a missing village cadre is named with whom to ask', () => {
    const c = byId(input({}, { contacts: contacts.filter((x) => x.kind !== 'village_cadre') }), 'contacts')!;
    expect(c.lines.at(-1)).toBe('您家还没有村（社区）联系人，请打电话给清河县卫健委人口家庭科安排。');
  });

  test("the county's own extras apply by their rules and name their contact", () => {
    const settings = { extras: [{ id: 'poor_only', title: '住院押金减免', detail: '贫困家庭住院免交押金。', appliesTo: { povertyOnly: true }, contact: { name: '县医院医保办', phone: '0311-86907000' } }] };
    expect(idsOf(input({}, { settings }))).not.toContain('county:poor_only');
    expect(byId(input({ poverty: true }, { settings }), 'county:poor_only')!.calls).toEqual([{ name: '县医院医保办', role: '办理单位', phone: '0311-86907000' }]);
  });
});

describe('reachesFamily', () => {
  const family = { countyId: 'c_qinghe', townshipId: 't_chengguan', signed: [{ teamId: 'tm_chengguan', conditions: ['高血压'] }] };
  test('county, township, team, condition', () => {
    expect(reachesFamily({ kind: 'county', countyId: 'c_qinghe' }, family)).toBe(true);
    expect(reachesFamily({ kind: 'township', townshipId: 't_liulin' }, family)).toBe(false);
    expect(reachesFamily({ kind: 'team', teamId: 'tm_chengguan' }, family)).toBe(true);
    expect(reachesFamily({ kind: 'team', teamId: 'tm_chengguan', condition: 'hypertension' }, family)).toBe(true);
    expect(reachesFamily({ kind: 'team', teamId: 'tm_chengguan', condition: 'copd' }, family)).toBe(false);
    expect(reachesFamily({ kind: 'team', teamId: 'tm_liulin' }, family)).toBe(false);
  });
});
