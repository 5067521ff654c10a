import { randomBytes } from 'node:crypto';
import { actingMessages, beijingDate, quarterOf } from '../../domain';
import { keys } from '../../functions/lib/db/keys';
import { actedNoticeKey } from '../../functions/lib/http/acting';
import { call, tokenFor } from '../support/api';
import { actingWorld, writeActingWorld } from './acting-world';
import { at, HOSPITAL, makeSession, sessionLeft } from './booking-support';
import { expectIdempotent } from './idempotency-support';
import { expectApiError, getItem, operations, queryPartition, sliceFingerprint } from './support-table';

/**
 * Acting on a family's behalf (代办) over HTTP on DynamoDB Local: who may act (a contact only for
 * families assigned to them, a doctor only for members signed to them), the family's refusal,
 * what the family sees (由王桂兰代办, its access log, a notice to its members who use WeChat),
 * idempotency and two cadres contending for the last place. The world is this file's own
 * (acting-world.ts: FAMILY#/AUDIT#f_act…, PERSON#p_act…, STATS#c_act…); its sessions are in 2030
 * in departments of its own.
 */
const w = actingWorld(randomBytes(3).toString('hex'));
const D = '2030-04-09'; // a Tuesday
const EARLY = at('2030-04-01', '10:00');

async function as(personId: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return call(method, path, { token: await tokenFor(personId), body, headers: { 'x-test-now': EARLY, ...headers } });
}
const bookBody = (s: { institutionId: string; sessionId: string }, memberId: string) => ({ institutionId: s.institutionId, sessionId: s.sessionId, memberId });
const auditLines = async (familyId: string) => (await queryPartition(keys.auditPk(familyId))).filter((i) => i.action);

beforeAll(async () => {
  await writeActingWorld(w);
});

describe('a contact person books for an elder without a phone', () => {
  test('booked with who acted, on the family\'s own pages and log, and the wife is told', async () => {
    const s = await makeSession({ date: D, quota: 2 });
    const res = await as(w.cadreA, 'POST', `/acting/families/${w.family1}/bookings`, bookBody(s, w.elder1));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ memberId: w.elder1, memberName: '周德福', status: 'booked', actedLabel: '由王桂兰代办' });
    // One BatchGet (acting checks + session), one TransactWriteItems.
    expect(operations(res)).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect(await sessionLeft(s)).toBe(1);

    // The family's own list (the wife's phone) shows it.
    const mine = await as(w.wife1, 'GET', `/families/${w.family1}/bookings`);
    expect(mine.body.items.find((b: { bookingId: string }) => b.bookingId === res.body.bookingId)).toMatchObject({ actedLabel: '由王桂兰代办' });

    // The access log has the line, and each member has a notice (the sender skips the elder: no WeChat).
    const log = await as(w.wife1, 'GET', `/families/${w.family1}/access-log`);
    expect(log.status).toBe(200);
    expect(log.body.items[0]).toMatchObject({ viewerName: '王桂兰', subjectName: '周德福', actedLabel: expect.stringMatching(/^预约优先号：/) });
    const [line] = await auditLines(w.family1);
    const auditId = String(line.sk).split('#')[1];
    for (const memberId of [w.elder1, w.wife1]) {
      expect(await getItem(keys.outbox(actedNoticeKey(auditId, memberId)))).toMatchObject({ recipientId: memberId, template: 'family.acted', data: { name: '王桂兰' } });
    }
  });

  test('the doctor books for the member signed to him, not for the wife who is not', async () => {
    const s = await makeSession({ date: D, quota: 3 });
    const ok = await as(w.doctor, 'POST', `/acting/families/${w.family1}/bookings`, bookBody(s, w.elder1));
    expect(ok.status).toBe(201);
    expect(ok.body.actedLabel).toBe('由陈立新代办');
    const before = await sliceFingerprint({ pks: [keys.auditPk(w.family1), keys.familyPk(w.family1), s.pk] });
    const refused = await as(w.doctor, 'POST', `/acting/families/${w.family1}/bookings`, bookBody(s, w.wife1));
    expectApiError(refused, 403, 'forbidden');
    expect(refused.body.message).toBe(actingMessages.notSigned);
    expect(await sliceFingerprint({ pks: [keys.auditPk(w.family1), keys.familyPk(w.family1), s.pk] })).toEqual(before);
  });
});

describe('authorization', () => {
  test('a contact acts only for families assigned to them; nothing is written otherwise', async () => {
    const s = await makeSession({ date: D, quota: 2 });
    const slice = { pks: [keys.auditPk(w.family2), keys.familyPk(w.family2), s.pk] };
    const before = await sliceFingerprint(slice);
    for (const caller of [w.cadreA, w.cadreX]) {
      const res = await as(caller, 'POST', `/acting/families/${w.family2}/bookings`, bookBody(s, w.elder2));
      expectApiError(res, 403, 'forbidden');
      expect(res.body.message).toBe(actingMessages.notAssigned);
      expect(res.ddbRequests).toBe(1);
    }
    const survey = await as(w.cadreX, 'POST', `/acting/families/${w.family2}/survey`, { awareness: 'know_all', satisfaction: 'satisfied' });
    expectApiError(survey, 403, 'forbidden');
    expect(await sliceFingerprint(slice)).toEqual(before);
  });

  test('a member of another family in the body is refused, not booked', async () => {
    const s = await makeSession({ date: D, quota: 2 });
    const res = await as(w.cadreA, 'POST', `/acting/families/${w.family1}/bookings`, bookBody(s, w.elder2));
    expectApiError(res, 404, 'not_found');
    expect(await sessionLeft(s)).toBe(2);
  });

  test("the member's own routes are unchanged: a contact cannot book through them", async () => {
    const s = await makeSession({ date: D, quota: 2 });
    const res = await as(w.cadreA, 'POST', `/families/${w.family1}/bookings`, bookBody(s, w.elder1));
    expectApiError(res, 403, 'forbidden');
    expect(res.ddbRequests).toBe(0);
  });

  test('members and hospital staff cannot use the acting routes', async () => {
    const res = await as(w.wife1, 'GET', `/acting/families/${w.family1}`);
    expectApiError(res, 403, 'forbidden');
    expect(res.ddbRequests).toBe(0);
  });
});

describe('a family that asked that nobody acts for it', () => {
  test('staff get a clear Chinese refusal and nothing is written; the page before acting shows it', async () => {
    const s = await makeSession({ date: D, quota: 2 });
    const res = await as(w.cadreA, 'POST', `/acting/families/${w.family3}/bookings`, bookBody(s, w.elder3));
    expectApiError(res, 403, 'acting_refused');
    expect(res.body.message).toBe(actingMessages.refused);
    expect(await sessionLeft(s)).toBe(2);
    const page = await as(w.cadreA, 'GET', `/acting/families/${w.family3}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ refused: true, familyName: '郑玉兰家' });
    expect(page.ddbRequests).toBe(1);
  });

  test('a member changes the setting on the family\'s page; staff follow it at once', async () => {
    const s = await makeSession({ date: D, quota: 2 });
    expect((await as(w.wife1, 'GET', `/families/${w.family1}/acting-setting`)).body).toEqual({ refused: false });
    const off = await as(w.wife1, 'PUT', `/families/${w.family1}/acting-setting`, { refused: true });
    expect(off.body).toMatchObject({ refused: true, changedByName: '李秀芝' });
    try {
      const refused = await as(w.doctor, 'POST', `/acting/families/${w.family1}/bookings`, bookBody(s, w.elder1));
      expectApiError(refused, 403, 'acting_refused');
      const page = await as(w.cadreA, 'GET', `/acting/families/${w.family1}`);
      expect(page.body.refused).toBe(true);
    } finally {
      const on = await as(w.wife1, 'PUT', `/families/${w.family1}/acting-setting`, { refused: false });
      expect(on.body).toMatchObject({ refused: false });
    }
    expect((await as(w.cadreA, 'POST', `/acting/families/${w.family1}/bookings`, bookBody(s, w.elder1))).status).toBe(201);
  });
});

describe('contention and retries: the same guarantees as the member\'s own booking', () => {
  test('two cadres booking the last place for two elders: one wins, the other is told it is full', async () => {
    const s = await makeSession({ date: D, quota: 1 });
    const linesBefore = { [w.family1]: (await auditLines(w.family1)).length, [w.family2]: (await auditLines(w.family2)).length };
    const [a, b] = await Promise.all([
      as(w.cadreA, 'POST', `/acting/families/${w.family1}/bookings`, bookBody(s, w.wife1)),
      as(w.cadreB, 'POST', `/acting/families/${w.family2}/bookings`, bookBody(s, w.elder2)),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expectApiError(loser, 409, 'full');
    expect(await sessionLeft(s)).toBe(0);
    // The loser's family has no line in its log for a booking that did not happen.
    const [winnerFamily, loserFamily] = loser === a ? [w.family2, w.family1] : [w.family1, w.family2];
    expect((await auditLines(loserFamily)).length).toBe(linesBefore[loserFamily]);
    expect((await auditLines(winnerFamily)).length).toBe(linesBefore[winnerFamily] + 1);
  });

  test('acting.book is idempotent per Idempotency-Key', async () => {
    const s = await makeSession({ date: D, quota: 3 });
    const s2 = await makeSession({ date: D, quota: 3 });
    await expectIdempotent({
      route: 'acting.book',
      status: 201,
      scopeReads: 0,
      send: (key) => as(w.cadreB, 'POST', `/acting/families/${w.family2}/bookings`, bookBody(s, w.elder2), { 'idempotency-key': key }),
      other: (key) => as(w.cadreB, 'POST', `/acting/families/${w.family2}/bookings`, bookBody(s2, w.elder2), { 'idempotency-key': key }),
    });
    expect(await sessionLeft(s)).toBe(2);
  });
});

describe('cancel and reschedule on the family\'s behalf', () => {
  test('reschedule (idempotent) then cancel: both stamped, the place returns', async () => {
    const s1 = await makeSession({ date: D, quota: 2 });
    const s2 = await makeSession({ date: D, quota: 2, departmentId: s1.departmentId, period: 'pm' });
    const booked = await as(w.cadreB, 'POST', `/acting/families/${w.family2}/bookings`, bookBody(s1, w.elder2));
    expect(booked.status).toBe(201);
    const moved = await expectIdempotent({
      route: 'acting.rescheduleBooking',
      status: 201,
      scopeReads: 0,
      send: (key) => as(w.cadreB, 'POST', `/acting/families/${w.family2}/bookings/${booked.body.bookingId}/reschedule`, { sessionId: s2.sessionId }, { 'idempotency-key': key }),
      other: (key) => as(w.cadreB, 'POST', `/acting/families/${w.family2}/bookings/${booked.body.bookingId}/reschedule`, { sessionId: s1.sessionId }, { 'idempotency-key': key }),
    });
    expect(moved.body).toMatchObject({ sessionId: s2.sessionId, actedLabel: '由赵永强代办' });
    expect(await getItem(keys.booking(booked.body.bookingId))).toMatchObject({ status: 'cancelled', cancelActedBy: { staffId: w.cadreB, name: '赵永强', role: 'contact' } });
    const cancelled = await as(w.cadreB, 'POST', `/acting/families/${w.family2}/bookings/${moved.body.bookingId}/cancel`, { reason: '老人身体不适' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelActedLabel: '由赵永强代办' });
    expect(await sessionLeft(s1)).toBe(2);
    expect(await sessionLeft(s2)).toBe(2);
    // Another family's booking id under this family's path: not found, after the acting checks.
    const probe = await as(w.cadreA, 'POST', `/acting/families/${w.family1}/bookings/${moved.body.bookingId}/cancel`, {});
    expectApiError(probe, 404, 'not_found');
  });
});

describe('a bed, a refill, a request and the survey, on the family\'s behalf', () => {
  test('a bed request (idempotent), stamped', async () => {
    const first = await expectIdempotent({
      route: 'acting.requestAdmission',
      status: 201,
      scopeReads: 0,
      send: (key) => as(w.cadreA, 'POST', `/acting/families/${w.family1}/admissions`, { institutionId: HOSPITAL, memberId: w.elder1, reason: '血压控制不好，需要住院观察' }, { 'idempotency-key': key }),
      other: (key) => as(w.cadreA, 'POST', `/acting/families/${w.family1}/admissions`, { institutionId: HOSPITAL, memberId: w.elder1, reason: '需要住院' }, { 'idempotency-key': key }),
    });
    expect(first.body).toMatchObject({ memberName: '周德福', status: 'requested', actedLabel: '由王桂兰代办' });
    const list = await as(w.wife1, 'GET', `/families/${w.family1}/admissions`);
    expect(list.body.items.find((a: { admissionId: string }) => a.admissionId === first.body.admissionId)).toMatchObject({ actedLabel: '由王桂兰代办' });
  });

  test('a refill (idempotent); a second one while it is open is refused', async () => {
    const path = `/acting/families/${w.family1}/members/${w.elder1}/prescriptions/${w.rx}/refills`;
    const first = await expectIdempotent({
      route: 'acting.requestRefill',
      status: 201,
      scopeReads: 0,
      send: (key) => as(w.doctor, 'POST', path, { fulfilment: 'delivery' }, { 'idempotency-key': key, 'x-test-now': new Date().toISOString() }),
      other: (key) => as(w.doctor, 'POST', path, { fulfilment: 'pickup', pharmacy: HOSPITAL }, { 'idempotency-key': key, 'x-test-now': new Date().toISOString() }),
    });
    expect(first.body.refill).toMatchObject({ status: 'submitted', actedLabel: '由陈立新代办' });
    // Pick-up places are the family's county's institutions: the demo county's hospital is not one.
    const elsewhere = await as(w.cadreA, 'POST', path, { fulfilment: 'pickup', pharmacy: HOSPITAL }, { 'x-test-now': new Date().toISOString() });
    expectApiError(elsewhere, 400, 'invalid_request');
    expect(elsewhere.body.fields).toEqual({ 'body.pharmacy': '请选择本县的取药药房' });
    const again = await as(w.cadreA, 'POST', path, { fulfilment: 'delivery' }, { 'x-test-now': new Date().toISOString() });
    expectApiError(again, 409, 'refill_not_allowed');
  });

  test('a request (诉求, idempotent) goes to the family\'s contact, stamped', async () => {
    const first = await expectIdempotent({
      route: 'acting.createRequest',
      status: 201,
      scopeReads: 0,
      send: (key) => as(w.doctor, 'POST', `/acting/families/${w.family1}/requests`, { category: 'housing', text: '老人想请人帮忙修理屋顶漏雨' }, { 'idempotency-key': key, 'x-test-now': new Date().toISOString() }),
      other: (key) => as(w.doctor, 'POST', `/acting/families/${w.family1}/requests`, { category: 'housing', text: '另一件事' }, { 'idempotency-key': key, 'x-test-now': new Date().toISOString() }),
    });
    expect(first.body).toMatchObject({ raisedBy: { personId: w.doctor, name: '陈立新' }, assignee: { staffId: w.cadreA }, actedLabel: '由陈立新代办' });
  });

  test('the survey face to face: once a quarter, counted apart from answers in the app, shown to the family', async () => {
    const now = new Date().toISOString();
    const body = { awareness: 'know_some', satisfaction: 'very_satisfied' };
    const res = await as(w.cadreB, 'POST', `/acting/families/${w.family2}/survey`, body, { 'x-test-now': now });
    expect(res.status).toBe(201);
    expect(res.body.answer).toMatchObject({ byName: '赵永强', actedLabel: '由赵永强代办' });
    const quarter = quarterOf(beijingDate(new Date()));
    const stats = await getItem(keys.surveyStats(w.countyId, quarter, w.townshipId));
    expect(stats).toMatchObject({ f2f_answered: 1, f2f_aw_know_some: 1, f2f_sat_very_satisfied: 1 });
    expect(stats?.answered).toBeUndefined();
    // A repeat of the same answer is the stored one; another answer the same quarter is refused.
    expect((await as(w.cadreB, 'POST', `/acting/families/${w.family2}/survey`, body, { 'x-test-now': now })).status).toBe(200);
    expectApiError(await as(w.cadreB, 'POST', `/acting/families/${w.family2}/survey`, { ...body, satisfaction: 'neutral' }, { 'x-test-now': now }), 409, 'conflict');
    expect((await getItem(keys.surveyStats(w.countyId, quarter, w.townshipId)))?.f2f_answered).toBe(1);
  });
});

describe('DynamoDB requests per call (the budgets the report lists)', () => {
  test('each acting route: its reads and its one transaction', async () => {
    const ops = (res: { ddbRequests: number }) => operations(res as Parameters<typeof operations>[0]);
    const s1 = await makeSession({ date: D, quota: 3 });
    const s2 = await makeSession({ date: D, quota: 3, departmentId: s1.departmentId, period: 'pm' });
    const page = await as(w.cadreB, 'GET', `/acting/families/${w.family2}`);
    expect(ops(page)).toEqual(['BatchGetItemCommand']);
    const booked = await as(w.cadreB, 'POST', `/acting/families/${w.family2}/bookings`, bookBody(s1, w.elder2), { 'idempotency-key': `acting-ops-${w.family2}-1` });
    // The Idempotency-Key's marker read, the acting checks with the session, the transaction.
    expect(ops(booked)).toEqual(['GetItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand']);
    const moved = await as(w.cadreB, 'POST', `/acting/families/${w.family2}/bookings/${booked.body.bookingId}/reschedule`, { sessionId: s2.sessionId });
    // The acting checks with the booking; the two sessions and the waiting list (in parallel); the transaction.
    expect([...ops(moved)].sort()).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'GetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
    const cancelled = await as(w.cadreB, 'POST', `/acting/families/${w.family2}/bookings/${moved.body.bookingId}/cancel`, {});
    expect([...ops(cancelled)].sort()).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
    const bed = await as(w.cadreB, 'POST', `/acting/families/${w.family2}/admissions`, { institutionId: HOSPITAL, memberId: w.elder2, reason: '需要住院观察' });
    expect(ops(bed)).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    const request = await as(w.cadreB, 'POST', `/acting/families/${w.family2}/requests`, { category: 'living', text: '请帮忙买米面油' }, { 'x-test-now': new Date().toISOString() });
    expect(ops(request)).toEqual(['BatchGetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
    const setting = await as(w.wife1, 'GET', `/families/${w.family1}/acting-setting`);
    expect(ops(setting)).toEqual(['GetItemCommand']);
    // Allowing what was never refused writes nothing; refusing is one PutItem after the member's name.
    const allow = await as(w.wife1, 'PUT', `/families/${w.family1}/acting-setting`, { refused: false });
    expect(ops(allow)).toEqual(['GetItemCommand', 'PutItemCommand']);
  });
});
