import { batchPutAll } from '../../functions/lib/db/batch';
import { contractItem } from '../../functions/lib/db/signing';
import { handoverNoticeKey } from '../../functions/lib/db/handover';
import { keys } from '../../functions/lib/db/keys';
import { importColumns, staffPostLabels, type StaffPost } from '../../domain';
import { demoIdNumber } from '../../local/seed/id-number';
import { call, tokenFor, wxLoginCode } from '../support/api';
import { expectIdempotent } from './idempotency-support';
import { contractOf, expectQueueMoved, keyOf, queueOf } from './signing-moves-support';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, freshOpenid, getItem, queryPartition, sliceFingerprint } from './support-table';

/**
 * Staff management over HTTP, in this file's own county (ledger-world.ts, tag "s": c_lg6s with
 * townships t_lg6sa and t_lg6sb): staff of every post by form and import, binding, deactivation
 * with hand-over, bulk assignment, version conflicts, social helpers and their activities, and who
 * may do what.
 */
const w = ledgerWorld('s');
const [tA, tB] = w.townships;
const FAMILIES = 41;
let comm = '';
let townshipComm = '';
beforeAll(async () => {
  await writeLedgerWorld(w, FAMILIES);
  [comm, townshipComm] = await Promise.all([tokenFor(w.commCounty), tokenFor(w.commTownship)]);
});

/** A valid, unique ID number per test person (区划 130188 is nobody else's in the suites). */
let serial = 0;
const idNumber = (gender: 'male' | 'female' = 'female') => {
  serial += 1;
  return demoIdNumber('130188', `19${60 + (serial % 30)}-0${1 + (serial % 9)}-1${serial % 10}`, serial, gender);
};
const phone = () => `136${String(88000000 + serial).padStart(8, '0')}`;

const staffBody = (post: StaffPost, change: Record<string, unknown> = {}) => ({
  post,
  name: '测试人员',
  idNumber: idNumber(),
  phone: phone(),
  organisation: '测试单位',
  title: '测试职务',
  workPhone: '0311-86900000',
  ...(['township_leader', 'village_cadre', 'volunteer', 'association_member', 'caring_person', 'township_health'].includes(post) ? { townshipId: tA } : {}),
  ...change,
});
const create = (body: Record<string, unknown>, token = comm, key?: string) => call('POST', '/commission/staff', { token, body, headers: key ? { 'idempotency-key': key } : {} });

test('a staff member of every post is created by form, listed by post, with the role, level and region the post says', async () => {
  // 市卫健委 is no county's to create (refused below).
  const expected: Record<Exclude<StaffPost, 'city_commission'>, Record<string, unknown>> = {
    county_contact: { role: 'contact', contactLevel: 'county', regionId: w.countyId },
    township_leader: { role: 'contact', contactLevel: 'township', regionId: tA },
    village_cadre: { role: 'contact', contactLevel: 'village', regionId: tA },
    volunteer: { role: 'contact', contactLevel: 'volunteer', regionId: tA },
    association_member: { role: 'contact', contactLevel: 'volunteer', regionId: tA },
    caring_person: { role: 'contact', contactLevel: 'volunteer', regionId: tA },
    doctor: { role: 'doctor', orgId: 'org_lg6s', teamRoles: ['gp', 'health_manager'] },
    hospital_staff: { role: 'hospital', orgId: 'org_lg6s' },
    township_health: { role: 'commission', commissionLevel: 'township', regionId: tA },
    county_commission: { role: 'commission', commissionLevel: 'county', regionId: w.countyId },
  };
  expectApiError(await create(staffBody('city_commission', { name: '测试市委' })), 403, 'forbidden');
  for (const post of Object.keys(expected) as Array<keyof typeof expected>) {
    const extra = post === 'doctor' ? { orgId: 'org_lg6s', teamRoles: ['gp', 'health_manager'] } : post === 'hospital_staff' ? { orgId: 'org_lg6s' } : {};
    const res = await create(staffBody(post, { name: `测试${staffPostLabels[post].slice(0, 2)}`, ...extra }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ post, status: 'active', countyId: w.countyId, bound: false, version: 1 });
    const person = await getItem(keys.person(res.body.personId));
    expect(person).toMatchObject({ ...expected[post], post, countyId: w.countyId, status: 'active', version: 1 });
    // The whole phone and ID number are stored only encrypted.
    expect(JSON.stringify(person)).not.toContain(res.body.phoneMasked.slice(0, 3) + '88');
    const listed = await call('GET', `/commission/staff?post=${post}`, { token: comm });
    expect(listed.body.items.map((s: { personId: string }) => s.personId)).toContain(res.body.personId);
  }
  // Township-post staff appear in the township's hand-over picker; doctors in the county's directory.
  expect((await queryPartition(keys.staffDirectoryPk(tA))).some((e) => e.name === '测试村干')).toBe(true);
  expect((await queryPartition(`DOCDIR#${w.countyId}`)).some((e) => e.name === '测试医生')).toBe(true);
});

test('bad form input is answered per field in Chinese and writes nothing; an ID number registered already is 409', async () => {
  const before = await sliceFingerprint({ pks: [keys.staffRosterPk(w.countyId)] });
  const cases: Array<[Record<string, unknown>, string]> = [
    [staffBody('village_cadre', { townshipId: undefined }), 'body.townshipId'],
    [staffBody('doctor', { townshipId: tA }), 'body.townshipId'],
    [staffBody('village_cadre', { townshipId: 't_lg6elsewhere' }), 'body.townshipId'],
    [staffBody('village_cadre', { teamRoles: ['gp'] }), 'body.teamRoles'],
    [staffBody('village_cadre', { idNumber: '130188196001010010' }), 'body.idNumber'],
  ];
  for (const [body, field] of cases) {
    const res = await create(body);
    expectApiError(res, 400, 'invalid_request');
    expect(res.body.fields[field]).toMatch(/[\u4e00-\u9fa5]/);
  }
  const first = staffBody('village_cadre');
  expect((await create(first)).status).toBe(201);
  const roster = await sliceFingerprint({ pks: [keys.staffRosterPk(w.countyId)] });
  expectApiError(await create({ ...first, name: '另一个人' }), 409, 'conflict');
  expect(await sliceFingerprint({ pks: [keys.staffRosterPk(w.countyId)] })).toEqual(roster);
  expect(roster.count).toBe(before.count + 1);
});

test('people.createStaff: a retry answers the first creation; the same key with another body is 409', async () => {
  const body = staffBody('volunteer', { name: '幂等志愿' });
  await expectIdempotent({ route: 'people.createStaff', status: 201, send: (key) => create(body, comm, key), other: (key) => create({ ...body, title: '另一职务' }, comm, key) });
});

test('a staff member binds their WeChat as members do, and signs in with their post; once deactivated they cannot', async () => {
  const body = staffBody('village_cadre', { name: '绑定测试' });
  const created = await create(body);
  const openid = freshOpenid('t-people-');
  const login = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode(openid) } });
  expect(login.body.status).toBe('unbound');
  const bound = await call('POST', '/auth/bind', { body: { bindTicket: login.body.bindTicket, name: '绑定测试', idLast6: String(body.idNumber).slice(-6), phone: body.phone } });
  expect(bound.status).toBe(200);
  expect(bound.body.session.me).toMatchObject({ personId: created.body.personId, role: 'contact', contactLevel: 'village', regionId: tA });
  expect((await call('GET', '/contact/families', { token: bound.body.session.token })).status).toBe(200);
  expect((await call('GET', `/commission/staff/${created.body.personId}`, { token: comm })).body.bound).toBe(true);

  const off = await call('POST', `/commission/staff/${created.body.personId}/deactivation`, { token: comm, body: { version: 1 } });
  expect(off.status).toBe(200);
  expect(off.body).toMatchObject({ staff: { status: 'inactive', version: 2 }, handedOver: 0, transactions: 1 });
  const again = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode(openid) } });
  expectApiError(again, 403, 'forbidden');
});

/** Runs a staff import as the page does: upload, start, follow the job to its report. */
async function importStaff(rows: string[][], token = comm) {
  const file = Buffer.from(`\ufeff${[importColumns.staff, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
  const ticket = await call('POST', '/commission/imports/uploads', { token, body: { contentType: 'text/csv', size: file.length } });
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), 'upload.csv');
  expect((await fetch(ticket.body.url, { method: 'POST', body: form })).status).toBe(204);
  const start = await call('POST', '/commission/imports', { token, body: { kind: 'staff', key: ticket.body.key } });
  expect(start.status).toBe(202);
  for (let i = 0; i < 300; i++) {
    const job = await call('GET', `/commission/imports/${start.body.importId}`, { token });
    if (['applied', 'rejected', 'failed'].includes(job.body.status)) return job.body.report;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

test('the staff import takes every post by its 岗位, all or nothing, with a Chinese message per bad cell', async () => {
  const row = (post: string, township: string, extra: string[] = ['', '']) => ['导入人员', idNumber(), phone(), post, township, '导入单位', '导入职务', '0311-86900001', ...extra];
  const good = [row('乡镇领导', tA), row('村干部', tA), row('计生协会员', tB), row('爱心人士', tB), row('县级联系人', ''), row('医生', '', ['org_lg6s', '全科医生、护士']), row('医院绿色通道', ''), row('乡镇卫健办', tB), row('县卫健委', '')];
  const roster = await sliceFingerprint({ pks: [keys.staffRosterPk(w.countyId)] });
  const bad = await importStaff([...good, row('村医', tA), row('村干部', ''), row('医生', tA), row('村干部', tA, ['', '全科医生'])]);
  expect(bad).toMatchObject({ outcome: 'rejected', created: 0 });
  expect(bad.problems.map((p: { column: string }) => p.column)).toEqual(['岗位', '乡镇编号', '乡镇编号', '团队角色']);
  for (const p of bad.problems) expect(p.reason).toMatch(/[\u4e00-\u9fa5]/);
  expect(await sliceFingerprint({ pks: [keys.staffRosterPk(w.countyId)] })).toEqual(roster);

  const applied = await importStaff(good);
  expect(applied).toMatchObject({ outcome: 'applied', created: good.length, problems: [] });
  const listed = (await call('GET', '/commission/staff', { token: comm })).body.items.filter((s: { name: string }) => s.name === '导入人员');
  expect(listed.map((s: { post: string }) => s.post).sort()).toEqual(['association_member', 'caring_person', 'county_commission', 'county_contact', 'doctor', 'hospital_staff', 'township_health', 'township_leader', 'village_cadre'].sort());
  expect(listed.find((s: { post: string }) => s.post === 'doctor')).toMatchObject({ orgId: 'org_lg6s', teamRoles: ['gp', 'nurse'] });

  // A township officer imports only their township's contact persons and helpers.
  const theirs = await importStaff([row('村干部', tA), row('县卫健委', '')], townshipComm);
  expect(theirs.outcome).toBe('rejected');
  expect(theirs.problems.map((p: { column: string }) => p.column)).toEqual(['乡镇编号', '岗位']);
});

test('two editors at once: one is refused, nothing is lost', async () => {
  const created = (await create(staffBody('township_leader', { name: '编辑测试' }))).body;
  const edit = (title: string, version = 1) => call('PUT', `/commission/staff/${created.personId}`, { token: comm, body: { version, name: '编辑测试', organisation: '测试单位', title, workPhone: '0311-86900099' } });
  const [a, b] = await Promise.all([edit('甲改的职务'), edit('乙改的职务')]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const winner = a.status === 200 ? a : b;
  const loser = a.status === 200 ? b : a;
  expect(loser.body.message).toMatch(/刚被别人修改过/);
  expect(await getItem(keys.person(created.personId))).toMatchObject({ title: winner.body.title, version: 2 });
  // The refused editor refreshes and edits on top of the winner's change.
  expect((await edit('再次修改', 2)).status).toBe(200);
});

test('bulk assignment: a township\'s families to a new doctor, packed under the 100-item limit, each family told', async () => {
  const doctor = (await create(staffBody('doctor', { name: '批量医生' }))).body;
  const inA = Array.from({ length: FAMILIES }, (_, i) => i + 1).filter((n) => !(n % 2 === 1 && n > 1));
  const res = await call('POST', `/commission/townships/${tA}/assignments`, { token: comm, body: { assignments: inA.map((n) => ({ familyId: w.family(n), kind: 'doctor', toStaffId: doctor.personId })), reason: '新医生接手' } });
  expect(res.status).toBe(201);
  expect(res.body.assigned).toBe(inA.length);
  // 21 families of five items each (old out, new in, record, one member told, requests check) and the guard: two transactions.
  expect(res.body.transactions).toBe(2);
  for (const n of inA) {
    expect(await getItem(keys.familyContact(w.family(n), doctor.personId))).toMatchObject({ kind: 'doctor' });
    expect(await getItem(keys.familyContact(w.family(n), w.doctor))).toBeUndefined();
  }
  const record = res.body.handovers[0];
  expect(await getItem(keys.outbox(handoverNoticeKey(record.handoverId, w.member)))).toMatchObject({ template: 'contact.changed' });

  // A family of the other township is refused, and the batch writes nothing.
  const mixed = await call('POST', `/commission/townships/${tA}/assignments`, { token: comm, body: { assignments: [{ familyId: w.family(3), kind: 'doctor', toStaffId: doctor.personId }] } });
  expectApiError(mixed, 400, 'invalid_request');
  expect(mixed.body.fields['body.assignments.0.familyId']).toBe('这户家庭不在这个乡镇');
  expect(await getItem(keys.familyContact(w.family(3), w.doctor))).toBeDefined();
  // The township's own officer may not assign in another township; a county officer elsewhere neither.
  expectApiError(await call('POST', `/commission/townships/${tA}/assignments`, { token: townshipComm, body: { assignments: [{ familyId: w.family(1), kind: 'doctor', toStaffId: doctor.personId }] } }), 403, 'forbidden');
  expectApiError(await call('POST', `/commission/townships/${tA}/assignments`, { token: await tokenFor('p_comm01'), body: { assignments: [{ familyId: w.family(1), kind: 'doctor', toStaffId: doctor.personId }] } }), 403, 'forbidden');

  // Deactivating the doctor is refused while the families are theirs...
  const refused = await call('POST', `/commission/staff/${doctor.personId}/deactivation`, { token: comm, body: { version: 1 } });
  expectApiError(refused, 409, 'conflict');
  expect(await getItem(keys.person(doctor.personId))).toMatchObject({ status: 'active' });
  // ...and with a successor every family moves, in batches that never leave a family without its doctor.
  const successor = (await create(staffBody('doctor', { name: '接任医生' }))).body;
  const off = await call('POST', `/commission/staff/${doctor.personId}/deactivation`, { token: comm, body: { version: 1, successorId: successor.personId, reason: '调离' } });
  expect(off.status).toBe(200);
  expect(off.body).toMatchObject({ staff: { status: 'inactive' }, handedOver: inA.length });
  expect(off.body.transactions).toBe(4);
  for (const n of inA) expect(await getItem(keys.familyContact(w.family(n), successor.personId))).toMatchObject({ kind: 'doctor' });
  expect((await call('GET', `/commission/staff/${doctor.personId}`, { token: comm })).body.families).toEqual([]);
  expect(await getItem(keys.countyDoctor(w.countyId, doctor.personId))).toBeUndefined();
  // Nobody hands a family to a deactivated person.
  const late = await call('POST', `/families/${w.family(1)}/handovers`, { token: comm, body: { kind: 'doctor', toStaffId: doctor.personId }, headers: { 'idempotency-key': `people-late-${doctor.personId}` } });
  expectApiError(late, 400, 'invalid_request');
});

test('a cadre leaving hands over in the same transaction; a stale version or a successor of another township is refused, nothing changed', async () => {
  const leaving = (await create(staffBody('village_cadre', { name: '离任村干' }))).body;
  const next = (await create(staffBody('village_cadre', { name: '接任村干' }))).body;
  const elsewhere = (await create(staffBody('village_cadre', { name: '外乡村干', townshipId: tB }))).body;
  const F = w.family(4);
  expect((await call('POST', `/commission/townships/${tA}/assignments`, { token: comm, body: { assignments: [{ familyId: F, kind: 'village_cadre', toStaffId: leaving.personId }] } })).status).toBe(201);
  const family = await sliceFingerprint({ pks: [keys.familyPk(F)] });
  expectApiError(await call('POST', `/commission/staff/${leaving.personId}/deactivation`, { token: comm, body: { version: 1, successorId: elsewhere.personId } }), 400, 'invalid_request');
  // The assignment moved the leaving cadre's assignment guard, not their version: an old version is refused.
  expectApiError(await call('POST', `/commission/staff/${leaving.personId}/deactivation`, { token: comm, body: { version: 0, successorId: next.personId } }), 409, 'conflict');
  expect(await sliceFingerprint({ pks: [keys.familyPk(F)] })).toEqual(family);
  const off = await call('POST', `/commission/staff/${leaving.personId}/deactivation`, { token: comm, body: { version: 1, successorId: next.personId } });
  expect(off.body).toMatchObject({ handedOver: 1, transactions: 1 });
  const contacts = await call('GET', `/families/${F}/contacts`, { token: await tokenFor(`p_lg6m${F.slice(-6)}`) });
  expect(contacts.body.contacts.map((c: { personId: string }) => c.personId)).toContain(next.personId);
});

test('social helpers: several per family, one helper for several families, one replaced without touching the other; activities counted', async () => {
  const a = (await create(staffBody('association_member', { name: '协会会员', organisation: '甲镇计生协会' }))).body;
  const b = (await create(staffBody('caring_person', { name: '爱心人士', organisation: '甲镇爱心联盟' }))).body;
  const c = (await create(staffBody('volunteer', { name: '新志愿者', organisation: '甲镇志愿服务队' }))).body;
  const F1 = w.family(6);
  const F2 = w.family(8);
  const handOver = (familyId: string, body: Record<string, unknown>) => call('POST', `/families/${familyId}/handovers`, { token: comm, body, headers: { 'idempotency-key': `people-${familyId}-${String(body.toStaffId)}` } });
  expect((await handOver(F1, { kind: 'volunteer', toStaffId: a.personId })).status).toBe(201);
  expect((await handOver(F1, { kind: 'volunteer', toStaffId: b.personId })).status).toBe(201);
  expect((await handOver(F2, { kind: 'volunteer', toStaffId: a.personId })).status).toBe(201);
  const helpersOf = async (familyId: string) =>
    (await queryPartition(keys.familyPk(familyId))).filter((i) => i.entity === 'familyContact' && i.kind === 'volunteer').map((i) => i.staffId).sort();
  expect(await helpersOf(F1)).toEqual([a.personId, b.personId].sort());
  expect(await helpersOf(F2)).toEqual([a.personId]);
  // b hands their place in F1 to c; a stays.
  const swap = await handOver(F1, { kind: 'volunteer', toStaffId: c.personId, fromStaffId: b.personId });
  expect(swap.body).toMatchObject({ from: { staffId: b.personId }, to: { staffId: c.personId } });
  expect(await helpersOf(F1)).toEqual([a.personId, c.personId].sort());
  // A helper logs a contact in the same ledger as the cadres.
  const log = await call('POST', `/families/${F1}/contact-log`, { token: await loginAs(a.personId), body: { type: 'home_visit', date: '2026-11-19', health: '精神不错' } });
  expect(log.status).toBe(201);

  const activity = { title: '重阳节陪伴', date: '2026-10-29', helperIds: [a.personId, c.personId], familyIds: [F1, F2] };
  const created = await expectIdempotent({
    route: 'people.createActivity',
    status: 201,
    send: (key) => call('POST', '/commission/activities', { token: comm, body: activity, headers: { 'idempotency-key': key } }),
    other: (key) => call('POST', '/commission/activities', { token: comm, body: { ...activity, title: '别的活动' }, headers: { 'idempotency-key': key } }),
  });
  expect(created.body.helpers.map((h: { organisation: string }) => h.organisation)).toEqual(['甲镇计生协会', '甲镇志愿服务队']);
  const month = await call('GET', '/commission/activities?month=2026-10', { token: comm });
  expect(month.body.totals).toEqual({ activities: 1, families: 2, helpers: 2, visits: 2 });
  // Only helpers count as helpers.
  const wrong = await call('POST', '/commission/activities', { token: comm, body: { ...activity, helperIds: [w.cadre] } });
  expectApiError(wrong, 400, 'invalid_request');
  expect(wrong.body.fields['body.helperIds.0']).toMatch(/帮扶人员/);
});

/** Binds a created staff member to a fresh WeChat user and returns their token. */
async function loginAs(personId: string): Promise<string> {
  const person = await getItem(keys.person(personId));
  const openid = freshOpenid('t-people-');
  await call('POST', '/__dev/wechat/login', { body: { openid } });
  const { bindOpenid } = await import('../../functions/lib/db/persons');
  await bindOpenid(openid, personId, '2026-11-19T09:00:00+08:00');
  const res = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode(openid) } });
  expect(person).toBeDefined();
  return res.body.session.token;
}

test('who may manage whom: a township officer only their township, a county officer only their county', async () => {
  const inA = (await create(staffBody('village_cadre', { name: '甲镇村干' }))).body;
  const inB = (await create(staffBody('village_cadre', { name: '乙乡村干', townshipId: tB }), townshipComm)).body;
  expect(inB.townshipId).toBe(tB);
  // The township officer (乙乡) sees only their township, and may not add or touch anyone else.
  const theirs = await call('GET', '/commission/staff', { token: townshipComm });
  expect(new Set(theirs.body.items.map((s: { townshipId?: string }) => s.townshipId))).toEqual(new Set([tB]));
  expectApiError(await call('GET', `/commission/staff?townshipId=${tA}`, { token: townshipComm }), 403, 'forbidden');
  expectApiError(await create(staffBody('village_cadre'), townshipComm), 403, 'forbidden');
  expectApiError(await create(staffBody('doctor'), townshipComm), 403, 'forbidden');
  expectApiError(await call('GET', `/commission/staff/${inA.personId}`, { token: townshipComm }), 404, 'not_found');
  expectApiError(await call('PUT', `/commission/staff/${inA.personId}`, { token: townshipComm, body: { version: 1, name: '甲镇村干', organisation: '改', title: '改', workPhone: '0311-86900000' } }), 404, 'not_found');
  expectApiError(await call('POST', `/commission/staff/${inA.personId}/deactivation`, { token: townshipComm, body: { version: 1 } }), 404, 'not_found');
  // Another county's officer sees none of this county's staff.
  const other = await tokenFor('p_comm01');
  expect((await call('GET', '/commission/staff', { token: other })).body.items.map((s: { countyId: string }) => s.countyId)).not.toContain(w.countyId);
  expectApiError(await call('GET', `/commission/staff/${inB.personId}`, { token: other }), 404, 'not_found');
  expect(await getItem(keys.person(inA.personId))).toMatchObject({ status: 'active', version: 1 });
});

test('a doctor with signed members: refused without a successor; moved only to a working doctor of the county, each member told, the family\'s history says so', async () => {
  const leaving = (await create(staffBody('doctor', { name: '离任医生' }))).body;
  const next = (await create(staffBody('doctor', { name: '接任签约医生' }))).body;
  const cadre = (await create(staffBody('village_cadre', { name: '不是医生' }))).body;
  // Two members signed with the leaving doctor (their families' signing projections, as the signing feature writes them).
  const signed = [10, 12].map((n) => ({ familyId: w.family(n), memberId: `p_lg6m${w.family(n).slice(-6)}` }));
  for (const s of signed) {
    const item = (await getItem(keys.familySigning(s.familyId, s.memberId)))!;
    await batchPutAll([{ ...item, doctorId: leaving.personId, gsi1pk: keys.staffPk(leaving.personId) }]);
  }
  // One of them has a follow-up plan on the leaving doctor's queue.
  const plan = { ...keys.followUpPlan(signed[0]!.memberId), entity: 'followUpPlan', familyId: signed[0]!.familyId, memberId: signed[0]!.memberId, memberName: '成员10', doctorId: leaving.personId, cadence: 'monthly', reason: 'default', poverty: false, startedOn: '2026-01-01', version: 1, gsi1pk: keys.staffPk(leaving.personId), gsi1sk: keys.planQueueSk('2026-02-01', signed[0]!.memberId) };
  await batchPutAll([plan]);
  // The first member's active contract names the leaving doctor (its STATE names the contract).
  const contract = contractItem({ ...contractOf(signed[0]!, leaving.personId, '离任医生'), contractId: 'ct_20260101lg6sdeact0001' });
  const state = (await getItem(keys.signingState(signed[0]!.memberId)))!;
  await batchPutAll([contract as unknown as Record<string, unknown>, { ...state, contractId: contract.contractId }]);
  // The leaving doctor's queue: an open refill and an unanswered discharge note go; a decided refill and a followed-up note stay.
  const queue = queueOf(signed, leaving.personId, 'deact');
  await batchPutAll(Object.values(queue));
  const slices = () => sliceFingerprint({ pks: [...signed.map((s) => keys.familyPk(s.familyId)), plan.pk, queue.refill.pk, contract.pk] });
  const before = await slices();
  const refused = await call('POST', `/commission/staff/${leaving.personId}/deactivation`, { token: comm, body: { version: 1 } });
  expectApiError(refused, 409, 'conflict');
  expect(refused.body.message).toContain('2 位居民的签约家庭医生');
  for (const [successorId, field] of [[cadre.personId, '不是本县在岗的医生'], ['p_doc01', '不是本县在岗的医生']]) {
    const wrong = await call('POST', `/commission/staff/${leaving.personId}/deactivation`, { token: comm, body: { version: 1, successorId } });
    expectApiError(wrong, 400, 'invalid_request');
    expect(wrong.body.fields['body.successorId']).toBe(field);
  }
  expect(await slices()).toEqual(before);
  expect(await getItem(keys.person(leaving.personId))).toMatchObject({ status: 'active' });

  const off = await call('POST', `/commission/staff/${leaving.personId}/deactivation`, { token: comm, body: { version: 1, successorId: next.personId, reason: '调往市医院' } });
  expect(off.status).toBe(200);
  expect(off.body).toMatchObject({ staff: { status: 'inactive' }, handedOver: 0, signedMembersMoved: 2, transactions: 1 });
  expect(await getItem(keys.followUpPlan(signed[0]!.memberId))).toMatchObject({ doctorId: next.personId, gsi1pk: keys.staffPk(next.personId), version: 2 });
  // The family's 我的签约 names the successor; the team, the role and what was delivered stay.
  const contracts = await call('GET', `/families/${signed[0]!.familyId}/members/${signed[0]!.memberId}/contracts`, { token: comm });
  expect(contracts.body.current).toMatchObject({ contractId: contract.contractId, doctorId: next.personId, doctorName: '接任签约医生', teamName: '测试团队' });
  expect(await getItem(keyOf(contract))).toMatchObject({ status: 'active', teamId: contract.teamId, doctor: { personId: next.personId, name: '接任签约医生', role: 'gp' } });
  await expectQueueMoved(queue, leaving.personId, next.personId);
  for (const s of signed) {
    expect(await getItem(keys.familySigning(s.familyId, s.memberId))).toMatchObject({ doctorId: next.personId, gsi1pk: keys.staffPk(next.personId) });
    expect(await getItem(keys.outbox(`signing.doctor#${s.memberId}#${next.personId}`))).toMatchObject({ template: 'contact.changed', recipientId: s.memberId, data: { role: '签约家庭医生', name: '接任签约医生' } });
    const history = await call('GET', `/families/${s.familyId}/changes`, { token: comm });
    expect(history.body.items[0]).toMatchObject({ kind: 'doctor_change', kindLabel: '更换签约医生', before: { 签约家庭医生: '离任医生' }, after: { 签约家庭医生: '接任签约医生' } });
    expect(history.body.items[0].summary).toContain('调往市医院');
  }
});
