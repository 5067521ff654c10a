import { addDays, beijingDate } from '../../domain';
import { batchPutAll } from '../../functions/lib/db/batch';
import type { PrescriptionItem } from '../../functions/lib/db/followups';
import type { BindingItem, FamilyContactItem, FamilyProfileItem, PersonItem, SigningItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import type { ContactKind } from '../../domain';

/**
 * A small county of the acting (代办) suite's own, written straight into the table, so staff can
 * act for families no other suite reads (support-table.ts: FAMILY#f_act…, PERSON#p_act…, AUDIT#f_act…).
 * `tag` keeps the worlds of different runs apart.
 *
 * - family 1 (f_act<tag>1): 老周 (the elder, no WeChat) and his wife (uses WeChat); village cadre
 *   A and the doctor serve it; the doctor is signed with 老周 only.
 * - family 2 (f_act<tag>2): 老吴 (no WeChat); village cadre B serves it.
 * - family 3 (f_act<tag>3): cadre A serves it; it has asked that nobody acts for it.
 * - cadre X serves no family of this world.
 */
export function actingWorld(tag: string) {
  const p = (name: string) => `p_act${tag}${name}`;
  const f = (n: number) => `f_act${tag}${n}`;
  return {
    countyId: `c_act${tag}`,
    townshipId: `t_act${tag}`,
    villageId: `v_act${tag}`,
    cadreA: p('cadrea'),
    cadreB: p('cadreb'),
    cadreX: p('cadrex'),
    doctor: p('doc'),
    elder1: p('elder1'),
    wife1: p('wife1'),
    elder2: p('elder2'),
    elder3: p('elder3'),
    family1: f(1),
    family2: f(2),
    family3: f(3),
    rx: `rx_act${tag}rx0000001`,
  };
}
export type ActingWorld = ReturnType<typeof actingWorld>;

const person = (personId: string, name: string, extra: Partial<PersonItem>): PersonItem => ({
  ...keys.person(personId),
  entity: 'person',
  personId,
  name,
  role: 'contact',
  gender: 'female',
  birthDate: '1970-01-01',
  idNumberEnc: 'not-used-by-these-tests',
  phoneEnc: 'not-used-by-these-tests',
  phoneMasked: '139****0000',
  gsi1pk: `PHONE#acting-test-${personId}`,
  gsi1sk: `PERSON#${personId}`,
  ...extra,
});

export async function writeActingWorld(w: ActingWorld): Promise<void> {
  const region = { contactLevel: 'village' as const, regionId: w.townshipId, organisation: '测试社区居委会', title: '社区主任' };
  const staff = [
    person(w.cadreA, '王桂兰', { ...region, workPhone: '13900000011' }),
    person(w.cadreB, '赵永强', { ...region, gender: 'male', workPhone: '13900000012' }),
    person(w.cadreX, '钱外村', { ...region, workPhone: '13900000013' }),
    person(w.doctor, '陈立新', { role: 'doctor', organisation: '测试卫生院', title: '全科医生', workPhone: '13900000014' }),
  ];
  const members = [
    person(w.elder1, '周德福', { role: 'member', familyId: w.family1, relation: '本人', gender: 'male', birthDate: '1942-03-01' }),
    person(w.wife1, '李秀芝', { role: 'member', familyId: w.family1, relation: '配偶', birthDate: '1944-05-01' }),
    person(w.elder2, '吴长顺', { role: 'member', familyId: w.family2, relation: '本人', gender: 'male', birthDate: '1940-01-01' }),
    person(w.elder3, '郑玉兰', { role: 'member', familyId: w.family3, relation: '本人', birthDate: '1945-01-01' }),
  ];
  // Only staff and the wife use WeChat (bound); the elders have no smartphone.
  const wechat = [...staff, members[1]].map((s) => ({ ...s, openid: `demo-openid-${s.personId}`, boundAt: '2025-01-01T09:00:00+08:00' }));
  const bindings: BindingItem[] = wechat.map((s) => ({ ...keys.binding(s.openid), entity: 'binding', openid: s.openid, personId: s.personId, boundAt: '2025-01-01T09:00:00+08:00' }));
  const profile = (familyId: string, name: string, ms: PersonItem[]): FamilyProfileItem => ({
    ...keys.familyProfile(familyId),
    entity: 'family',
    familyId,
    familyName: name,
    familyType: 'bereaved',
    lowIncome: false,
    registeredPoor: false,
    illnessPoverty: false,
    countyId: w.countyId,
    townshipId: w.townshipId,
    townshipName: '测试镇',
    villageId: w.villageId,
    villageName: '测试社区',
    members: ms.map((m) => ({ personId: m.personId, name: m.name, relation: m.relation ?? '本人', gender: m.gender, birthDate: m.birthDate, phoneMasked: '', conditions: [] })),
    card: { cardNo: `T${familyId}`, issuedOn: '2025-01-01', issuer: '测试', version: 1, status: 'active' },
    helpline: { name: '测试县卫健委', phone: '0311-86900000' },
    gsi1pk: keys.townshipPk(w.townshipId),
    gsi1sk: keys.townshipFamilySk(w.villageId, familyId),
    gsi2pk: keys.countyPk(w.countyId),
    gsi2sk: keys.countyFamilySk(w.townshipId, w.villageId, familyId),
  });
  const contact = (familyId: string, kind: ContactKind, s: PersonItem): FamilyContactItem => ({
    ...keys.familyContact(familyId, s.personId),
    entity: 'familyContact',
    familyId,
    kind,
    staffId: s.personId,
    name: s.name,
    title: s.title ?? '',
    organisation: s.organisation ?? '',
    phone: s.workPhone ?? '',
    assignedAt: '2025-01-01T09:00:00+08:00',
    gsi1pk: keys.staffPk(s.personId),
    gsi1sk: keys.staffFamilySk(familyId),
  });
  const signing: SigningItem = {
    ...keys.familySigning(w.family1, w.elder1),
    entity: 'signing',
    familyId: w.family1,
    memberId: w.elder1,
    doctorId: w.doctor,
    teamName: '测试团队',
    signedOn: '2025-01-01',
    member: { name: '周德福', gender: 'male', birthDate: '1942-03-01', villageName: '测试社区', conditions: [], phoneMasked: '' },
    gsi1pk: keys.staffPk(w.doctor),
    gsi1sk: keys.staffMemberSk(w.elder1),
  };
  const today = beijingDate(new Date());
  const rx: PrescriptionItem = {
    ...keys.prescription(w.elder1, w.rx),
    entity: 'prescription',
    prescriptionId: w.rx,
    memberId: w.elder1,
    familyId: w.family1,
    items: [{ medicine: '氨氯地平片', dose: '每日1次，每次1片', quantity: '2盒' }],
    supplyDays: 28,
    refillsAllowed: 2,
    refillsRemaining: 2,
    validUntil: addDays(today, 120),
    issuedOn: addDays(today, -25),
    supplyEndsOn: addDays(today, 3),
    doctorId: w.doctor,
    doctorName: '陈立新',
  };
  const [a, b, , d] = staff;
  await batchPutAll([
    ...(wechat.filter((s) => s.role !== 'member') as unknown as Record<string, unknown>[]),
    ...([members[0], wechat[wechat.length - 1], members[2], members[3]] as unknown as Record<string, unknown>[]),
    ...(bindings as unknown as Record<string, unknown>[]),
    profile(w.family1, '周德福家', members.slice(0, 2)) as unknown as Record<string, unknown>,
    profile(w.family2, '吴长顺家', [members[2]]) as unknown as Record<string, unknown>,
    profile(w.family3, '郑玉兰家', [members[3]]) as unknown as Record<string, unknown>,
    contact(w.family1, 'village_cadre', a) as unknown as Record<string, unknown>,
    contact(w.family1, 'doctor', d) as unknown as Record<string, unknown>,
    contact(w.family2, 'village_cadre', b) as unknown as Record<string, unknown>,
    contact(w.family3, 'village_cadre', a) as unknown as Record<string, unknown>,
    signing as unknown as Record<string, unknown>,
    rx as unknown as Record<string, unknown>,
    { ...keys.actingSetting(w.family3), entity: 'actingSetting', familyId: w.family3, refused: true, changedAt: '2025-01-01T09:00:00+08:00', changedById: w.elder3, changedByName: '郑玉兰' },
  ]);
}
