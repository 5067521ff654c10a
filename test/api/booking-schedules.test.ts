import { batchPutAll } from '../../functions/lib/db/batch';
import type { DoctorItem } from '../../functions/lib/db/booking/schedules';
import type { InstitutionItem } from '../../functions/lib/db/booking/sessions';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { at } from './booking-support';
import { binding, person } from './signing-fixture';
import { expectApiError, expectSliceUnchanged, getItem, queryPartition, type Slice } from './support-table';

/**
 * Schedules and overrides edited by the institution's own staff, over HTTP on DynamoDB Local.
 * This file owns a fixture institution of its own (org_tsched, in a county no list shows), its
 * staff p_tsched01, a member p_tschm1 of family f_tsch1, and every INST#org_tsched /
 * SESSIONS#org_tsched#… item, so regenerating sessions never meets another suite's checks.
 */
const INST = 'org_tsched';
const STAFF = 'p_tsched01';
const MEMBER = 'p_tschm1';
const FAMILY = 'f_tsch1';
const [DR1, DR2, DR3] = ['dr_tsched1', 'dr_tsched2', 'dr_tsched3'];
// 2032-03-01 is a Monday; at 09:00 its morning session has started, so the window's sessions are
// Wednesday 3 Mar, Monday 8 Mar, Wednesday 10 Mar (the window is 1–14 March).
const NOW = at('2032-03-01', '09:00');
const WED = '2032-03-03';
const MON = '2032-03-08';
const WED2 = '2032-03-10';

const doctor = (doctorId: string, name: string, departmentId: string): DoctorItem => ({ ...keys.doctor(INST, doctorId), entity: 'doctor', institutionId: INST, doctorId, name, departmentId });

beforeAll(async () => {
  const institution: InstitutionItem = {
    ...keys.institution(INST),
    entity: 'institution',
    institutionId: INST,
    name: '排班测试卫生院',
    kind: 'township',
    address: '测试路 1 号',
    greenChannelPlace: '一楼优先服务台',
    greenChannelPhone: '0311-80000001',
    departments: [
      { departmentId: 'qk', name: '全科' },
      { departmentId: 'zyk', name: '中医科' },
    ],
    meetBy: '护士在优先服务台等候',
    countyId: 'c_tsched',
    gsi1pk: keys.institutionsPk('c_tsched'),
    gsi1sk: keys.institutionsSk('township', INST),
  };
  await batchPutAll([
    institution,
    doctor(DR1, '甲医生 主治医师', 'qk'),
    doctor(DR2, '乙医生 全科医生', 'qk'),
    doctor(DR3, '丙医生 中医师', 'zyk'),
    person(STAFF, '排班专员', 'hospital', { orgId: INST, organisation: '排班测试卫生院' }),
    binding(STAFF),
    person(MEMBER, '测试成员', 'member', { familyId: FAMILY, relation: '本人' }),
    binding(MEMBER),
  ] as unknown as Record<string, unknown>[]);
});

const asStaff = async (method: string, path: string, body?: unknown, who = STAFF) =>
  call(method, path, { token: await tokenFor(who), body, headers: { 'x-test-now': NOW } });
const slot = (weekday: number, extra: Record<string, unknown> = {}) => ({ weekday, period: 'am', startTime: '08:00', endTime: '11:30', capacity: 20, priorityQuota: 2, releaseHoursBefore: 24, ...extra });
const putWeek = (doctorId: string, slots: unknown[], who = STAFF) => asStaff('PUT', `/hospital/institutions/${INST}/schedule`, { doctorId, slots }, who);
const session = async (date: string, sk = 'qk#am') => getItem({ pk: keys.sessionDayPk(INST, date), sk });
const mine: Slice = { pkPrefixes: [`INST#${INST}`, `SESSIONS#${INST}#`] };

test('the schedule page is one Query: doctors with their weeks, overrides, conflicts', async () => {
  const res = await asStaff('GET', `/hospital/institutions/${INST}/schedule`);
  expect(res.status).toBe(200);
  expect(res.ddbRequests).toBe(1);
  expect(res.body.doctors.map((d: { doctorId: string; departmentName: string }) => [d.doctorId, d.departmentName])).toEqual([
    [DR1, '全科'],
    [DR2, '全科'],
    [DR3, '中医科'],
  ]);
});

describe('in order: a week, a booking, a change that meets it, overrides', () => {
  test("a doctor's week generates the future sessions of the window (not the one already started); sending it again changes nothing", async () => {
    const res = await putWeek(DR1, [slot(1), slot(3)]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 3, updated: 0, removed: 0, conflicts: [] });
    expect(await session('2032-03-01')).toBeUndefined();
    for (const d of [WED, MON, WED2]) {
      expect(await session(d)).toMatchObject({ doctorName: '甲医生 主治医师', capacity: 20, priorityQuota: 2, priorityLeft: 2, startsAt: `${d}T08:00:00+08:00` });
    }
    expect((await putWeek(DR1, [slot(1), slot(3)])).body).toEqual({ created: 0, updated: 0, removed: 0, conflicts: [] });
    const page = await asStaff('GET', `/hospital/institutions/${INST}/schedule`);
    expect(page.body.doctors[0].slots).toEqual([slot(1), slot(3)]);
  });

  test('a change regenerates unbooked sessions and keeps a booked one, listed as a conflict until the week agrees again', async () => {
    const booked = await call('POST', `/families/${FAMILY}/bookings`, {
      token: await tokenFor(MEMBER),
      body: { institutionId: INST, sessionId: `${WED}.qk.am`, memberId: MEMBER },
      headers: { 'x-test-now': NOW },
    });
    expect(booked.status).toBe(201);

    // Wednesdays dropped, Monday's quota raised.
    const res = await putWeek(DR1, [slot(1, { priorityQuota: 4 })]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 1, removed: 1 });
    expect(res.body.conflicts).toEqual([
      { sessionId: `${WED}.qk.am`, date: WED, departmentName: '全科', period: 'am', doctorName: '甲医生 主治医师', booked: 1, change: '上午已有预约，保留原时段；新排班这个时段不出诊' },
    ]);
    expect(await session(WED)).toMatchObject({ priorityLeft: 1, priorityQuota: 2 });
    expect(await session(MON)).toMatchObject({ priorityLeft: 4, priorityQuota: 4 });
    expect(await session(WED2)).toBeUndefined();
    expect((await getItem({ pk: `BOOKING#${booked.body.bookingId}`, sk: 'BOOKING' }))?.status).toBe('booked');
    const page = await asStaff('GET', `/hospital/institutions/${INST}/schedule`);
    expect(page.body.conflicts).toEqual(res.body.conflicts);

    // Wednesdays back: the booked session agrees with the week again, its conflict is gone.
    const back = await putWeek(DR1, [slot(1, { priorityQuota: 4 }), slot(3)]);
    expect(back.body).toEqual({ created: 1, updated: 0, removed: 0, conflicts: [] });
    expect((await asStaff('GET', `/hospital/institutions/${INST}/schedule`)).body.conflicts).toEqual([]);
  });

  test('a half-day another doctor of the department holds is refused (409), nothing written', async () => {
    const res = await expectSliceUnchanged(mine, () => putWeek(DR2, [slot(1)]));
    expectApiError(res, 409, 'conflict');
    expect(res.body.message).toContain('甲医生');
  });

  test('a holiday closes the day (the unbooked session goes); removing it brings the session back', async () => {
    const res = await asStaff('POST', `/hospital/institutions/${INST}/schedule-overrides`, { date: MON, reason: '全院停诊演练' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 0, updated: 0, removed: 1, conflicts: [] });
    expect(await session(MON)).toBeUndefined();
    const page = await asStaff('GET', `/hospital/institutions/${INST}/schedule`);
    expect(page.body.overrides).toEqual([{ date: MON, target: 'ALL', targetLabel: '全院', closed: true, reason: '全院停诊演练' }]);
    const removed = await asStaff('DELETE', `/hospital/institutions/${INST}/schedule-overrides/${MON}/ALL`);
    expect(removed.body).toEqual({ created: 1, updated: 0, removed: 0, conflicts: [] });
    expect(await session(MON)).toMatchObject({ priorityLeft: 4 });
    expectApiError(await asStaff('DELETE', `/hospital/institutions/${INST}/schedule-overrides/${MON}/ALL`), 404, 'not_found');
  });

  test('a doctor away with a substitute of the department: the session stays, with the substitute; a holiday on a booked day keeps it as a conflict', async () => {
    const away = await asStaff('POST', `/hospital/institutions/${INST}/schedule-overrides`, { date: WED2, doctorId: DR1, substituteDoctorId: DR2, reason: '甲医生外出学习' });
    expect(away.body).toEqual({ created: 0, updated: 1, removed: 0, conflicts: [] });
    expect(await session(WED2)).toMatchObject({ doctorName: '乙医生 全科医生（代诊）' });
    const holiday = await asStaff('POST', `/hospital/institutions/${INST}/schedule-overrides`, { date: WED, reason: '停电检修' });
    expect(holiday.body.conflicts).toHaveLength(1);
    expect(holiday.body.conflicts[0]).toMatchObject({ sessionId: `${WED}.qk.am`, booked: 1 });
    expect(await session(WED)).toMatchObject({ priorityLeft: 1 });
  });

  test("a doctor away closes that doctor's session of the day only: another doctor of the department sits that afternoon", async () => {
    const pm = { period: 'pm', startTime: '14:00', endTime: '17:00' };
    expect((await putWeek(DR2, [slot(1, pm)])).body).toMatchObject({ created: 2 });
    expect(await session(MON, 'qk#pm')).toMatchObject({ doctorName: '乙医生 全科医生' });
    const away = await asStaff('POST', `/hospital/institutions/${INST}/schedule-overrides`, { date: MON, doctorId: DR1, reason: '甲医生外出开会' });
    expect(away.body).toEqual({ created: 0, updated: 0, removed: 1, conflicts: [] });
    expect(await session(MON)).toBeUndefined();
    expect(await session(MON, 'qk#pm')).toMatchObject({ doctorName: '乙医生 全科医生', priorityLeft: 2 });
    // The Monday before, not named by the override, keeps its afternoon too.
    expect(await session('2032-03-01', 'qk#pm')).toMatchObject({ doctorName: '乙医生 全科医生' });
    expect((await asStaff('GET', `/hospital/institutions/${INST}/schedule`)).body.overrides).toContainEqual(expect.objectContaining({ date: MON, target: DR1, closed: true }));
    expect(await asStaff('DELETE', `/hospital/institutions/${INST}/schedule-overrides/${MON}/${DR1}`)).toMatchObject({ status: 200, body: { created: 1, removed: 0 } });
    expect(await session(MON)).toMatchObject({ doctorName: '甲医生 主治医师' });
    expect((await putWeek(DR2, [])).body).toMatchObject({ removed: 2 });
  });
});

describe('bad input: 400 with a Chinese message, nothing written', () => {
  const cases: Array<[string, string, string, unknown, string]> = [
    ['end before start', 'PUT', 'schedule', { doctorId: DR3, slots: [slot(2, { startTime: '11:00', endTime: '08:30' })] }, 'body.slots.0.endTime'],
    ['priority quota above the capacity', 'PUT', 'schedule', { doctorId: DR3, slots: [slot(2, { capacity: 5, priorityQuota: 6 })] }, 'body.slots.0.priorityQuota'],
    ['the same half-day twice', 'PUT', 'schedule', { doctorId: DR3, slots: [slot(2), slot(2)] }, 'body.slots.1.weekday'],
    ['an afternoon that starts in the morning', 'PUT', 'schedule', { doctorId: DR3, slots: [slot(2, { period: 'pm' })] }, 'body.slots.0.startTime'],
    ['an unknown doctor', 'PUT', 'schedule', { doctorId: 'dr_nobody', slots: [slot(2)] }, 'body.doctorId'],
    ["another institution's doctor", 'PUT', 'schedule', { doctorId: 'dr_xyy1', slots: [slot(2)] }, 'body.doctorId'],
    ['a date in the past', 'POST', 'schedule-overrides', { date: '2032-02-29', reason: '补假' }, 'body.date'],
    ['an unknown doctor away', 'POST', 'schedule-overrides', { date: WED2, doctorId: 'dr_nobody', reason: '外出' }, 'body.doctorId'],
    ['a department the institution does not have', 'POST', 'schedule-overrides', { date: WED2, departmentId: 'xnk', reason: '培训' }, 'body.departmentId'],
    ['a substitute of another department', 'POST', 'schedule-overrides', { date: WED2, doctorId: DR1, substituteDoctorId: DR3, reason: '外出' }, 'body.substituteDoctorId'],
    ['a substitute with no one away', 'POST', 'schedule-overrides', { date: WED2, substituteDoctorId: DR2, reason: '外出' }, 'body.substituteDoctorId'],
  ];
  test.each(cases)('%s', async (_label, method, what, body, field) => {
    const res = await expectSliceUnchanged(mine, () => asStaff(method, `/hospital/institutions/${INST}/${what}`, body));
    expectApiError(res, 400, 'invalid_request');
    expect(Object.keys(res.body.fields ?? {})).toContain(field);
  });
});

describe('authorization: staff edit only their own institution', () => {
  test.each([
    ['GET', 'schedule', undefined],
    ['PUT', 'schedule', { doctorId: DR3, slots: [slot(2)] }],
    ['POST', 'schedule-overrides', { date: WED2, reason: '国庆放假' }],
    ['DELETE', `schedule-overrides/${WED2}/ALL`, undefined],
  ])("another institution's staff: %s %s → 404, nothing written", async (method, what, body) => {
    const res = await expectSliceUnchanged(mine, () => asStaff(method, `/hospital/institutions/${INST}/${what}`, body, 'p_hosp02'));
    expectApiError(res, 404, 'not_found');
    expect(await queryPartition(keys.sessionDayPk(INST, '2032-03-02'))).toEqual([]);
  });

  test('a family member: 403', async () => {
    const res = await expectSliceUnchanged(mine, () => asStaff('PUT', `/hospital/institutions/${INST}/schedule`, { doctorId: DR3, slots: [slot(2)] }, MEMBER));
    expectApiError(res, 403, 'forbidden');
  });
});

describe('a session with no priority places, only a waiting list, that the schedule removes', () => {
  // Fridays in the window; 丙医生 (中医科) sits with no priority places, so members can only wait.
  const [FRI, FRI2] = ['2032-03-05', '2032-03-12'];
  const sid = (date: string) => `${date}.zyk.am`;
  const joinAsMember = async (date: string) => call('POST', `/families/${FAMILY}/waitlist`, { token: await tokenFor(MEMBER), body: { institutionId: INST, sessionId: sid(date), memberId: MEMBER }, headers: { 'x-test-now': NOW } });
  const closedNotice = (date: string) => getItem(keys.outbox(`waitlist-closed-${INST}-${sid(date)}-${MEMBER}`));

  test('removing it closes the waiting entries and tells each member, in the same transaction; a weekly edit does the same', async () => {
    expect((await putWeek(DR3, [slot(5, { priorityQuota: 0 })])).body).toEqual({ created: 2, updated: 0, removed: 0, conflicts: [] });
    for (const date of [FRI, FRI2]) expect((await joinAsMember(date)).status).toBe(201);
    expect(await session(FRI, 'zyk#am')).toMatchObject({ priorityQuota: 0, priorityLeft: 0, waitJoins: 1 });

    // 丙医生 is away on the first Friday: the session goes, the member's entry is closed and she is told.
    const away = await asStaff('POST', `/hospital/institutions/${INST}/schedule-overrides`, { date: FRI, doctorId: DR3, reason: '丙医生外出开会' });
    expect(away.body).toEqual({ created: 0, updated: 0, removed: 1, conflicts: [] });
    expect(await session(FRI, 'zyk#am')).toBeUndefined();
    expect(await queryPartition(keys.waitlistPk(INST, sid(FRI)))).toEqual([]);
    expect(await closedNotice(FRI)).toMatchObject({
      template: 'booking.changed',
      recipientId: MEMBER,
      status: 'pending',
      data: { place: '排班测试卫生院中医科', note: '该时段停诊，候补已取消，请另选时段' },
    });
    // Her page no longer lists a session that does not exist; joining it again is refused.
    const mine = await call('GET', `/families/${FAMILY}/bookings`, { token: await tokenFor(MEMBER), headers: { 'x-test-now': NOW } });
    expect(mine.body.waitlist.map((w: { sessionId: string }) => w.sessionId)).toEqual([sid(FRI2)]);
    expectApiError(await joinAsMember(FRI), 404, 'not_found');

    // The weekly schedule drops the Friday: the second Friday's list is closed the same way.
    expect((await putWeek(DR3, [])).body).toEqual({ created: 0, updated: 0, removed: 1, conflicts: [] });
    expect(await session(FRI2, 'zyk#am')).toBeUndefined();
    expect(await queryPartition(keys.waitlistPk(INST, sid(FRI2)))).toEqual([]);
    expect(await closedNotice(FRI2)).toMatchObject({ template: 'booking.changed', recipientId: MEMBER });
    const after = await call('GET', `/families/${FAMILY}/bookings`, { token: await tokenFor(MEMBER), headers: { 'x-test-now': NOW } });
    expect(after.body.waitlist).toEqual([]);
  });
});
