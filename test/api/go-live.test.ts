import { randomBytes } from 'node:crypto';
import { addDays, beijingDate, importColumns, weekdayOf } from '../../domain';
import { generateSessions } from '../../functions/booking/generate-sessions';
import { spawnLocalStack, stackEnvironment, type SpawnedStack } from '../../local/spawn';
import { createCommissionAccount } from '../../scripts/create-commission-account';
import { call } from '../support/api';
import { expectIdempotent } from './idempotency-support';
import { expectApiError } from './support-table';
import {
  bindAs,
  countyFile,
  familiesSheet,
  familyIdOf,
  familyRows,
  importFile,
  logIn,
  staffRows,
  staffSheet,
  townshipA,
  townshipB,
  villages,
  xlsx,
  type StaffKey,
} from './go-live-county';

/**
 * Go-live: a whole county built from an EMPTY table, as README "Deploying a county" tells a county
 * to do it: the first commission account by its script, then only the HTTP API the mini-program
 * uses. The stack is this file's own (no demo county: LIANXIN_SEED=none), so the table holds
 * nothing but what these steps write, and every figure checked is the product's own count.
 * The steps run in order; each test needs the ones before it.
 */
let stack: SpawnedStack;
const openid = (who: string) => `golive-${who}`;
const tokens: Partial<Record<StaffKey | 'officer' | 'member', string>> = {};
const ids: Partial<Record<StaffKey | 'officer' | 'member', string>> = {};
const institutions = { hospital: '', centre: '' };
const token = (who: StaffKey | 'officer' | 'member') => tokens[who]!;
const liu = familyIdOf(familyRows.liu);
const chen = familyIdOf(familyRows.chen);
const he = familyIdOf(familyRows.he);
const ma = familyIdOf(familyRows.ma);

beforeAll(async () => {
  stack = await spawnLocalStack({ tableName: `lianxin-golive-${randomBytes(4).toString('hex')}`, seed: false });
  // This file's requests and the first account's script go to this stack, not the shared one.
  Object.assign(process.env, { LIANXIN_API_URL: stack.url }, stackEnvironment(stack));
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

test('the table starts empty: no demo county, nobody to log in as', async () => {
  const login = await call('POST', '/auth/wechat', { body: { code: (await call('POST', '/__dev/wechat/login', { body: { openid: 'demo-openid-p_comm01' } })).body.code } });
  expect(login.body.status).toBe('unbound');
});

test('the first commission account, by the script the README names; the officer binds and logs in', async () => {
  await createCommissionAccount(countyFile);
  const officer = await bindAs(openid('officer'), countyFile.officer);
  expect(officer.me).toMatchObject({ role: 'commission', name: '赵国庆' });
  tokens.officer = officer.token;
  ids.officer = officer.personId;
});

test('the officer adds the county hospital and the township health centre', async () => {
  const base = {
    level: 'grade2',
    greenChannelPhone: '0311-86600100',
    greenChannelHours: '每天 8:00-17:30',
    greenChannelPlace: '门诊一楼服务台',
    meetBy: '医务科干事在服务台等候',
  };
  const hospital = await call('POST', '/commission/institutions', {
    token: token('officer'),
    body: { ...base, name: '新岭县人民医院', kind: 'hospital', address: '新岭县城关人民路 1 号', departments: [{ name: '内科' }, { name: '外科' }], servesTownships: [townshipA.townshipId, townshipB.townshipId] },
    headers: { 'idempotency-key': 'golive-hospital' },
  });
  expect(hospital.status).toBe(201);
  const centre = await call('POST', '/commission/institutions', {
    token: token('officer'),
    body: { ...base, level: 'grade1', name: '东岭镇卫生院', kind: 'township', address: '东岭镇卫生路 8 号', departments: [{ name: '全科' }], servesTownships: [townshipA.townshipId] },
    headers: { 'idempotency-key': 'golive-centre' },
  });
  expect(centre.status).toBe(201);
  institutions.hospital = hospital.body.institutionId;
  institutions.centre = centre.body.institutionId;
  const list = await call('GET', '/commission/institutions', { token: token('officer') });
  expect(list.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['东岭镇卫生院', '新岭县人民医院'].sort());
});

test('staff arrive by the staff import (xlsx through the upload and the job) and bind their WeChat', async () => {
  const job = await importFile(token('officer'), 'staff', await xlsx(importColumns.staff, staffSheet(institutions)));
  expect(job.report).toMatchObject({ outcome: 'applied', persons: 6, created: 6, problemCount: 0 });
  for (const key of Object.keys(staffRows) as StaffKey[]) {
    const bound = await bindAs(openid(key), staffRows[key]);
    tokens[key] = bound.token;
    ids[key] = bound.personId;
  }
  const roles = Object.fromEntries((Object.keys(staffRows) as StaffKey[]).map((k) => [k, 1]));
  expect(Object.keys(roles)).toHaveLength(6);
  const staff = await call('GET', '/commission/staff', { token: token('officer') });
  expect(staff.status).toBe(200);
});

test('families arrive by the families import', async () => {
  const job = await importFile(token('officer'), 'families', await xlsx(importColumns.families, familiesSheet()));
  expect(job.report).toMatchObject({ outcome: 'applied', families: 4, persons: 5, created: 4, problemCount: 0 });
  const listed = await call('GET', '/commission/families', { token: token('officer') });
  expect(listed.status).toBe(200);
});

test("the township's families go to its leader and the village cadres by bulk assignment, one place and person a time as the page sends it", async () => {
  const assign = async (kind: string, toStaffId: string, familyIds: string[]) => {
    const res = await call('POST', `/commission/townships/${townshipA.townshipId}/assignments`, {
      token: token('officer'),
      body: { assignments: familyIds.map((familyId) => ({ familyId, kind, toStaffId })), reason: '上线时首次安排' },
    });
    expect([res.status, res.body]).toEqual([201, expect.objectContaining({ assigned: familyIds.length, transactions: 1 })]);
  };
  await assign('township_leader', ids.leader!, [liu, chen, he]);
  await assign('village_cadre', ids.cadreEast!, [liu, chen]);
  await assign('village_cadre', ids.cadreSouth!, [he]);
  const cadreFamilies = await call('GET', '/contact/families', { token: token('cadreEast') });
  expect(cadreFamilies.body.items.map((f: { familyId: string }) => f.familyId).sort()).toEqual([liu, chen].sort());
  // A family of another township is refused, and nothing is assigned.
  const outside = await call('POST', `/commission/townships/${townshipA.townshipId}/assignments`, {
    token: token('officer'),
    body: { assignments: [{ familyId: ma, kind: 'township_leader', toStaffId: ids.leader }] },
  });
  expect(outside.status).toBe(400);
});

test('the officer sets up the family-doctor team serving the two villages', async () => {
  const res = await call('POST', '/commission/teams', {
    token: token('officer'),
    body: {
      name: '东岭镇家庭医生一队',
      townshipId: townshipA.townshipId,
      villages: [villages.east, villages.south],
      leadId: ids.doctor,
      members: [{ personId: ids.doctor, role: 'gp' }, { personId: ids.villageDoctor, role: 'village_doctor' }],
      povertyForm: false,
    },
    headers: { 'idempotency-key': 'golive-team' },
  });
  expect(res.status).toBe(201);
});

test('cards are handed over: by the village cadre for one family, by the officer for another', async () => {
  const today = beijingDate(new Date());
  for (const [familyId, who] of [[liu, 'cadreEast'], [he, 'officer']] as const) {
    const details = await call('GET', `/families/${familyId}/details`, { token: token(who) });
    expect(details.status).toBe(200);
    const res = await call('POST', `/families/${familyId}/card/handover`, { token: token(who), body: { version: details.body.version, on: today, card: true, infoCard: true } });
    expect(res.status).toBe(200);
  }
});

test("the hospital's officer puts a doctor on the roster and sets the doctor's week", async () => {
  const schedule = await call('GET', `/hospital/institutions/${institutions.hospital}/schedule`, { token: token('hospitalOfficer') });
  expect(schedule.status).toBe(200);
  const departmentId = schedule.body.departments.find((d: { name: string }) => d.name === '内科').departmentId;
  const path = `/hospital/institutions/${institutions.hospital}/doctors`;
  const doctor = { name: '林振华', title: '主任医师', departmentId };
  const added = await expectIdempotent({
    route: 'hospital.addDoctor',
    status: 201,
    send: (key) => call('POST', path, { token: token('hospitalOfficer'), body: doctor, headers: { 'idempotency-key': key } }),
    other: (key) => call('POST', path, { token: token('hospitalOfficer'), body: { ...doctor, name: '林振国' }, headers: { 'idempotency-key': key } }),
  });
  expect(added.body).toEqual({ doctorId: expect.stringMatching(/^dr_/), name: '林振华 主任医师', departmentId, departmentName: '内科', slots: [] });
  // The same doctor again (a new request, not a retry) is refused; so is a department the hospital lacks.
  expectApiError(await call('POST', path, { token: token('hospitalOfficer'), body: doctor }), 409, 'conflict');
  const noDepartment = await call('POST', path, { token: token('hospitalOfficer'), body: { ...doctor, departmentId: 'ek' } });
  expectApiError(noDepartment, 400, 'invalid_request');
  expect(noDepartment.body.fields).toEqual({ 'body.departmentId': '本院没有这个科室' });
  // Only the institution's own staff: the officer of another institution reads it as not found.
  expect((await call('POST', `/hospital/institutions/${institutions.centre}/doctors`, { token: token('hospitalOfficer'), body: doctor })).status).toBe(404);
  const slot = { period: 'am', startTime: '08:00', endTime: '11:30', capacity: 20, priorityQuota: 5, releaseHoursBefore: 24 };
  const put = await call('PUT', `/hospital/institutions/${institutions.hospital}/schedule`, {
    token: token('hospitalOfficer'),
    body: { doctorId: added.body.doctorId, slots: [1, 2, 3, 4, 5].map((weekday) => ({ ...slot, weekday })) },
  });
  expect(put.status).toBe(200);
  expect(put.body.created).toBeGreaterThan(0);
  // The roster now lists the doctor with the week, and members see the generated sessions.
  const after = await call('GET', `/hospital/institutions/${institutions.hospital}/schedule`, { token: token('hospitalOfficer') });
  expect(after.body.doctors).toEqual([expect.objectContaining({ doctorId: added.body.doctorId, slots: expect.arrayContaining([expect.objectContaining({ weekday: 1, period: 'am' })]) })]);
  // The one named in the other request (a 409 answer) was never added.
  expect(after.body.doctors).toHaveLength(1);
});

test("the daily sessions job opens the new county's days as they come into the window", async () => {
  // A week on, the job opens days the schedule's own regeneration could not yet reach (14 days ahead).
  const weekOn = new Date(Date.now() + 7 * 86_400_000);
  expect((await generateSessions(weekOn)).created).toBeGreaterThan(0);
  const later = Array.from({ length: 6 }, (_, i) => addDays(beijingDate(new Date()), 15 + i)).find((d) => weekdayOf(d) <= 5)!;
  const sessions = await call('GET', `/institutions/${institutions.hospital}/sessions?date=${later}`, { token: token('doctor') });
  expect(sessions.status).toBe(200);
  expect(sessions.body.items).toEqual([expect.objectContaining({ doctorName: '林振华 主任医师', period: 'am' })]);
});

test('a member binds with their ID proof, applies for a family doctor, and the team lead accepts', async () => {
  const head = familyRows.liu.members[0];
  const member = await bindAs(openid('member'), { name: head.name, idNumber: head.idNumber, phone: head.phone });
  expect(member.me).toMatchObject({ role: 'member', name: '刘德顺' });
  tokens.member = member.token;
  ids.member = member.personId;
  const applied = await call('POST', `/families/${liu}/signing/applications`, { token: token('member'), body: { memberId: ids.member }, headers: { 'idempotency-key': 'golive-apply' } });
  expect(applied.status).toBe(201);
  const inbox = await call('GET', '/team/applications', { token: token('doctor') });
  const application = inbox.body.items.find((a: { memberId: string }) => a.memberId === ids.member);
  expect(application).toBeDefined();
  const accepted = await call('POST', `/team/applications/${ids.member}/${application.applicationId}/accept`, { token: token('doctor'), body: {} });
  expect(accepted.status).toBe(201);
});

test('the member logs in again and sees the cadres, the doctor and the card handed over', async () => {
  const memberToken = await logIn(openid('member'));
  const contacts = await call('GET', `/families/${liu}/contacts`, { token: memberToken });
  expect(contacts.status).toBe(200);
  expect(contacts.body.contacts.map((c: { kind: string; name: string }) => [c.kind, c.name])).toEqual([
    ['village_cadre', '周红梅'],
    ['township_leader', '孙立平'],
    // The team's village doctor is the one responsible for the village (the team lead answered the application).
    ['doctor', '钱玉兰'],
  ]);
  expect(contacts.body.contacts[2]).toMatchObject({ team: expect.objectContaining({ name: '东岭镇家庭医生一队' }) });
  expect(contacts.body.missing).toEqual([]);
  const card = await call('GET', `/families/${liu}/card`, { token: memberToken });
  expect(card.status).toBe(200);
  expect(card.body).toMatchObject({ cardNo: 'XL20260001', status: 'active', handedOver: { on: beijingDate(new Date()), byName: '周红梅' } });
  expect(card.body.qr).toBeDefined();
  // The county's institutions, the township's health centre as the designated one; staff see the same list.
  const offered = await call('GET', '/institutions', { token: memberToken });
  expect(offered.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['东岭镇卫生院', '新岭县人民医院'].sort());
  expect(offered.body.designated).toMatchObject({ institutionId: expect.stringMatching(/^org_/) });
  const forStaff = await call('GET', '/institutions', { token: token('doctor') });
  expect(forStaff.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['东岭镇卫生院', '新岭县人民医院'].sort());
  // At the hospital window the card's code is checked: the new county's hospital knows the new county's card.
  const checked = await call('POST', '/hospital/card-checks', { token: token('hospitalOfficer'), body: { token: card.body.qr.content } });
  expect(checked.body).toMatchObject({ valid: true, familyId: liu, cardNo: 'XL20260001' });
  // And the member books a priority place of the roster doctor (days ahead: a day before, unused places turn general).
  const week = await call('GET', `/institutions/${institutions.hospital}/sessions?date=${addDays(beijingDate(new Date()), 3)}&days=7`, { token: memberToken });
  const session = week.body.items[0];
  expect(session).toMatchObject({ doctorName: '林振华 主任医师' });
  const booked = await call('POST', `/families/${liu}/bookings`, { token: memberToken, body: { institutionId: institutions.hospital, sessionId: session.sessionId, memberId: ids.member }, headers: { 'idempotency-key': 'golive-book' } });
  expect({ status: booked.status, body: booked.body }).toMatchObject({ status: 201, body: { sessionId: session.sessionId } });
  // What the family may use names the new county's hospitals and its signed doctor, nothing of the demo's.
  const entitlements = await call('GET', `/families/${liu}/entitlements`, { token: memberToken });
  expect(entitlements.status).toBe(200);
  const text = JSON.stringify(entitlements.body);
  expect(text).toContain('新岭县人民医院');
  expect(text).toContain('东岭镇家庭医生一队');
  expect(text).not.toMatch(/清河|城关|柳林/);
});

test("the dashboard counts the new county as it is: 2 of 4 families hold their card, 3 have all contacts, 1 member signed", async () => {
  const dash = await call('GET', '/commission/dashboard', { token: token('officer') });
  expect(dash.status).toBe(200);
  expect(dash.body.total).toMatchObject({ families: 4, members: 5, cardHolders: 2, familiesWithAllContacts: 3, signedMembers: 1 });
  const byTownship = Object.fromEntries(dash.body.townships.map((t: { townshipId: string }) => [t.townshipId, t]));
  expect(byTownship[townshipA.townshipId]).toMatchObject({ families: 3, cardHolders: 2, familiesWithAllContacts: 3 });
  expect(byTownship[townshipB.townshipId]).toMatchObject({ families: 1, cardHolders: 0, familiesWithAllContacts: 0 });
  expect(dash.body.total).toMatchObject({ wantingMembers: 1, signedMembers: 1 });
  // The family with nobody yet is told whom to ask: the county's own commission, from the import.
  const unserved = await call('GET', `/families/${ma}/contacts`, { token: token('officer') });
  expect(unserved.body.contacts).toEqual([]);
  expect(unserved.body.missing).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'village_cadre', phone: '0311-86600001', whoToAsk: expect.stringContaining('新岭县卫健委') })]));
  // Signing coverage: 1 of the 1 member who asked for a doctor is signed; nobody is overdue.
  const coverage = await call('GET', '/commission/signing/coverage', { token: token('officer') });
  expect(coverage.body).toMatchObject({ totals: { wanting: 1, signed: 1, overdueApplications: 0 }, overdue: [] });
});
