import type { ContactKind, FamilyType, Gender, TeamMember } from '../../domain';
import { demoIdNumber } from './id-number';

/**
 * The demo county: what a county commission would import. Fictional people, realistic shape:
 * 1 county, 2 townships, 4 villages, 12 families (8 失独, 4 伤残; 3 also 建档立卡贫困户), 20
 * members aged 50-85, 2 township leaders, 4 village cadres, 1 volunteer, a 3-doctor team, 1
 * hospital green-channel officer and 1 county commission officer. Family f_0006 has no village
 * contact (its cadre left) and member p_m0005 is imported but not yet bound to a WeChat user.
 */
export const county = { countyId: 'c_qinghe', name: '清河县' };
export const helpline = { name: '清河县卫健委人口家庭科', phone: '0311-86901234' };
const AREA_CODE = '130131';

export const townships = [
  { townshipId: 't_chengguan', name: '城关镇' },
  { townshipId: 't_liulin', name: '柳林乡' },
] as const;

export const villages = [
  { villageId: 'v_dongguan', townshipId: 't_chengguan', name: '东关社区' },
  { villageId: 'v_xijie', townshipId: 't_chengguan', name: '西街村' },
  { villageId: 'v_liulin', townshipId: 't_liulin', name: '柳林村' },
  { villageId: 'v_hewan', townshipId: 't_liulin', name: '河湾村' },
] as const;

export interface DemoStaff {
  personId: string;
  name: string;
  gender: Gender;
  birthDate: string;
  phone: string;
  workPhone: string;
  role: 'contact' | 'doctor' | 'hospital' | 'commission';
  contactLevel?: 'township' | 'village' | 'volunteer';
  commissionLevel?: 'county' | 'township';
  regionId?: string;
  villageId?: string;
  orgId: string;
  organisation: string;
  title: string;
}

export const staff: DemoStaff[] = [
  { personId: 'p_lead01', name: '张建华', gender: 'male', birthDate: '1975-04-12', phone: '13903110101', workPhone: '13903110101', role: 'contact', contactLevel: 'township', regionId: 't_chengguan', orgId: 'org_chengguan', organisation: '城关镇人民政府', title: '镇党委副书记' },
  { personId: 'p_lead02', name: '李卫东', gender: 'male', birthDate: '1972-09-03', phone: '13903110102', workPhone: '13903110102', role: 'contact', contactLevel: 'township', regionId: 't_liulin', orgId: 'org_liulin', organisation: '柳林乡人民政府', title: '乡人大主席' },
  { personId: 'p_cadre01', name: '王桂兰', gender: 'female', birthDate: '1970-02-18', phone: '13703110201', workPhone: '13703110201', role: 'contact', contactLevel: 'village', regionId: 't_chengguan', villageId: 'v_dongguan', orgId: 'org_dongguan', organisation: '东关社区居委会', title: '社区居委会主任' },
  { personId: 'p_cadre02', name: '赵永强', gender: 'male', birthDate: '1968-11-25', phone: '13703110202', workPhone: '13703110202', role: 'contact', contactLevel: 'village', regionId: 't_chengguan', villageId: 'v_xijie', orgId: 'org_xijie', organisation: '西街村村委会', title: '村党支部书记' },
  { personId: 'p_cadre03', name: '刘秀梅', gender: 'female', birthDate: '1979-06-30', phone: '13703110203', workPhone: '13703110203', role: 'contact', contactLevel: 'village', regionId: 't_liulin', villageId: 'v_liulin', orgId: 'org_liulinvil', organisation: '柳林村村委会', title: '村妇联主席' },
  { personId: 'p_cadre04', name: '孙志刚', gender: 'male', birthDate: '1966-03-08', phone: '13703110204', workPhone: '13703110204', role: 'contact', contactLevel: 'village', regionId: 't_liulin', villageId: 'v_hewan', orgId: 'org_hewan', organisation: '河湾村村委会', title: '村委会主任' },
  { personId: 'p_vol01', name: '黄丽', gender: 'female', birthDate: '1985-08-14', phone: '13603110301', workPhone: '13603110301', role: 'contact', contactLevel: 'volunteer', regionId: 't_chengguan', orgId: 'org_jishengxie', organisation: '城关镇计生协会', title: '志愿者' },
  { personId: 'p_doc01', name: '陈立新', gender: 'male', birthDate: '1978-01-22', phone: '13503110401', workPhone: '0311-86905120', role: 'doctor', orgId: 'org_cgwsy', organisation: '城关镇卫生院', title: '全科医生（团队长）' },
  { personId: 'p_doc02', name: '周敏', gender: 'female', birthDate: '1988-05-09', phone: '13503110402', workPhone: '0311-86905121', role: 'doctor', orgId: 'org_cgwsy', organisation: '城关镇卫生院', title: '护士' },
  { personId: 'p_doc03', name: '马德福', gender: 'male', birthDate: '1963-12-01', phone: '13503110403', workPhone: '13503110403', role: 'doctor', orgId: 'org_llws', organisation: '柳林村卫生室', title: '乡村医生' },
  { personId: 'p_hosp01', name: '吴静', gender: 'female', birthDate: '1983-07-19', phone: '13303110501', workPhone: '0311-86907120', role: 'hospital', orgId: 'org_xyy', organisation: '清河县人民医院', title: '绿色通道专员' },
  { personId: 'p_comm01', name: '郑国栋', gender: 'male', birthDate: '1976-10-05', phone: '13203110601', workPhone: '0311-86901234', role: 'commission', commissionLevel: 'county', regionId: 'c_qinghe', orgId: 'org_wjw', organisation: '清河县卫健委', title: '人口家庭科科长' },
];

export const doctorTeam: { name: string; members: TeamMember[] } = {
  name: '城关镇卫生院家庭医生团队',
  members: [
    { name: '陈立新', role: 'gp', phone: '0311-86905120' },
    { name: '周敏', role: 'nurse', phone: '0311-86905121' },
    { name: '马德福', role: 'village_doctor', phone: '13503110403' },
  ],
};

export interface DemoMember {
  personId: string;
  name: string;
  gender: Gender;
  birthDate: string;
  relation: string;
  phone: string;
  conditions: string[];
  /** Signed to the family's doctor (those who want it). */
  signed: boolean;
}

export interface DemoFamily {
  familyId: string;
  villageId: string;
  familyType: FamilyType;
  /** 建档立卡 (in the health-poverty programme); 因病致贫 and 低保 are separate registrations. */
  registeredPoor: boolean;
  illnessPoverty?: boolean;
  lowIncome?: boolean;
  members: DemoMember[];
  cardIssuedOn: string;
  contacts: ContactKind[];
  volunteer?: boolean;
}

const m = (personId: string, name: string, gender: Gender, birthDate: string, relation: string, phone: string, conditions: string[], signed = true): DemoMember => ({ personId, name, gender, birthDate, relation, phone, conditions, signed });
const all: ContactKind[] = ['township_leader', 'village_cadre', 'doctor'];

export const families: DemoFamily[] = [
  { familyId: 'f_0001', villageId: 'v_dongguan', familyType: 'bereaved', registeredPoor: false, cardIssuedOn: '2025-03-18', contacts: all, volunteer: true, members: [
    m('p_m0001', '王秀英', 'female', '1951-05-16', '本人', '13831100001', ['高血压', '2型糖尿病']),
    m('p_m0002', '李国强', 'male', '1949-08-02', '配偶', '13831100002', ['冠心病']),
  ] },
  { familyId: 'f_0002', villageId: 'v_dongguan', familyType: 'bereaved', registeredPoor: false, cardIssuedOn: '2025-03-18', contacts: all, members: [
    m('p_m0003', '赵德明', 'male', '1958-01-27', '本人', '13831100003', ['高血压']),
    m('p_m0004', '钱玉珍', 'female', '1960-11-11', '配偶', '13831100004', []),
  ] },
  { familyId: 'f_0003', villageId: 'v_dongguan', familyType: 'disabled', registeredPoor: false, cardIssuedOn: '2025-04-02', contacts: all, members: [
    m('p_m0005', '李淑珍', 'female', '1964-07-09', '本人', '13831100005', ['2型糖尿病']),
  ] },
  { familyId: 'f_0004', villageId: 'v_xijie', familyType: 'bereaved', registeredPoor: true, illnessPoverty: true, lowIncome: true, cardIssuedOn: '2025-04-02', contacts: all, volunteer: true, members: [
    m('p_m0006', '孙长海', 'male', '1944-03-15', '本人', '13831100006', ['慢阻肺', '高血压']),
    m('p_m0007', '周桂芳', 'female', '1946-12-20', '配偶', '13831100007', ['脑卒中后遗症']),
  ] },
  { familyId: 'f_0005', villageId: 'v_xijie', familyType: 'bereaved', registeredPoor: false, cardIssuedOn: '2025-05-10', contacts: all, members: [
    m('p_m0008', '吴振华', 'male', '1955-09-30', '本人', '13831100008', ['高血压']),
    m('p_m0009', '郑美兰', 'female', '1957-04-04', '配偶', '13831100009', ['高血压', '冠心病']),
  ] },
  { familyId: 'f_0006', villageId: 'v_xijie', familyType: 'disabled', registeredPoor: false, cardIssuedOn: '2025-05-10', contacts: ['township_leader', 'doctor'], members: [
    m('p_m0010', '冯建国', 'male', '1962-02-14', '本人', '13831100010', [], false),
  ] },
  { familyId: 'f_0007', villageId: 'v_liulin', familyType: 'bereaved', registeredPoor: true, lowIncome: true, cardIssuedOn: '2025-03-25', contacts: all, members: [
    m('p_m0011', '陈玉梅', 'female', '1941-06-08', '本人', '13831100011', ['高血压', '脑卒中后遗症']),
  ] },
  { familyId: 'f_0008', villageId: 'v_liulin', familyType: 'bereaved', registeredPoor: false, cardIssuedOn: '2025-03-25', contacts: all, members: [
    m('p_m0012', '褚福生', 'male', '1953-10-19', '本人', '13831100012', ['2型糖尿病']),
    m('p_m0013', '卫秀兰', 'female', '1955-01-03', '配偶', '13831100013', ['高血压']),
  ] },
  { familyId: 'f_0009', villageId: 'v_liulin', familyType: 'disabled', registeredPoor: false, cardIssuedOn: '2025-06-01', contacts: all, members: [
    m('p_m0014', '蒋立军', 'male', '1966-08-21', '本人', '13831100014', []),
    m('p_m0015', '沈丽华', 'female', '1968-02-26', '配偶', '13831100015', [], false),
  ] },
  { familyId: 'f_0010', villageId: 'v_hewan', familyType: 'bereaved', registeredPoor: true, illnessPoverty: true, cardIssuedOn: '2025-04-18', contacts: all, members: [
    m('p_m0016', '韩永福', 'male', '1947-05-05', '本人', '13831100016', ['慢阻肺']),
    m('p_m0017', '杨淑芬', 'female', '1949-09-09', '配偶', '13831100017', ['高血压', '2型糖尿病']),
  ] },
  { familyId: 'f_0011', villageId: 'v_hewan', familyType: 'bereaved', registeredPoor: false, cardIssuedOn: '2025-04-18', contacts: all, members: [
    m('p_m0018', '朱宝山', 'male', '1959-12-12', '本人', '13831100018', ['冠心病']),
  ] },
  { familyId: 'f_0012', villageId: 'v_hewan', familyType: 'disabled', registeredPoor: false, cardIssuedOn: '2025-06-20', contacts: all, members: [
    m('p_m0019', '秦桂兰', 'female', '1970-03-17', '本人', '13831100019', []),
    m('p_m0020', '尤志明', 'male', '1968-07-07', '配偶', '13831100020', ['高血压']),
  ] },
];

/** Imported but not yet bound to a WeChat user: shows the binding path. */
export const UNBOUND_PERSON_ID = 'p_m0005';

export function idNumberOf(personId: string, birthDate: string, gender: Gender): string {
  return demoIdNumber(AREA_CODE, birthDate, Number(personId.replace(/\D/g, '')), gender);
}

/** Demo WeChat openids: the stand-in for wx.login issues codes for these. */
export const demoOpenid = (personId: string) => `demo-openid-${personId}`;
