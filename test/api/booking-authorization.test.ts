import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { asMember, at, book, cardToken, makeSession } from './booking-support';
import { expectApiError, getItem } from './support-table';

/**
 * Cross-tenant checks on real data (the route × role matrix is in authorization-matrix.test.ts):
 * a family reaches only its own bookings, even through its own family path; a hospital only the
 * bookings and bed requests at its own institution. Families f_0011 and f_0012 (this file books
 * in 2031, its own sessions); hospital staff p_hosp01 (清河县人民医院) and p_hosp02 (城关镇卫生院).
 */
const DAY = '2031-03-04';
const now = at('2031-03-01', '10:00');

test("a family cannot read, cancel or reschedule another family's booking, even through its own path", async () => {
  const s = await makeSession({ date: DAY, quota: 2 });
  const theirs = await book('p_m0019', 'f_0012', s, now);
  expect(theirs.status).toBe(201);
  const id = theirs.body.bookingId;
  for (const [method, path, body] of [
    ['GET', `/families/f_0011/bookings/${id}`, undefined],
    ['POST', `/families/f_0011/bookings/${id}/cancel`, {}],
    ['POST', `/families/f_0011/bookings/${id}/reschedule`, { sessionId: s.sessionId.replace('.am', '.pm') }],
  ] as const) {
    const res = await asMember('p_m0018', method, path, now, body);
    expectApiError(res, 404, 'not_found');
  }
  // And through the other family's path: the scope check refuses before any read.
  const direct = await asMember('p_m0018', 'GET', `/families/f_0012/bookings/${id}`, now);
  expectApiError(direct, 403, 'forbidden');
  expect(direct.ddbRequests).toBe(0);
  expect((await getItem(keys.booking(id)))?.status).toBe('booked');
  const list = await asMember('p_m0018', 'GET', '/families/f_0011/bookings', now);
  expect(list.body.items.map((b: { bookingId: string }) => b.bookingId)).not.toContain(id);
});

test('a hospital reaches only its own institution: list, card check, check-in, no-show, visit, bed requests', async () => {
  const s = await makeSession({ date: DAY, quota: 2 });
  const b = await book('p_m0018', 'f_0011', s, now);
  const morning = at(DAY, '07:30');
  const other = await tokenFor('p_hosp02');
  const token = await cardToken('f_0011', new Date(morning));
  const h = { 'x-test-now': morning };
  expect((await call('GET', `/hospital/today?departmentId=${s.departmentId}`, { token: other, headers: h })).body.items).toEqual([]);
  expect((await call('POST', '/hospital/card-checks', { token: other, body: { token }, headers: h })).body.bookingsToday).toEqual([]);
  expectApiError(await call('POST', `/hospital/bookings/${b.body.bookingId}/check-in`, { token: other, body: { token }, headers: h }), 404, 'not_found');
  expectApiError(await call('POST', `/hospital/bookings/${b.body.bookingId}/no-show`, { token: other, body: {}, headers: { 'x-test-now': at(DAY, '12:00') } }), 404, 'not_found');
  expectApiError(await call('PUT', `/hospital/bookings/${b.body.bookingId}/visit`, { token: other, body: { prioritiesGiven: ['优先挂号'] }, headers: h }), 404, 'not_found');
  expect((await getItem(keys.booking(b.body.bookingId)))?.status).toBe('booked');
  // The county hospital sees it.
  const own = await call('GET', `/hospital/today?departmentId=${s.departmentId}`, { token: await tokenFor('p_hosp01'), headers: h });
  expect(own.body.items.map((x: { bookingId: string }) => x.bookingId)).toEqual([b.body.bookingId]);

  const adm = await asMember('p_m0018', 'POST', '/families/f_0011/admissions', now, { institutionId: 'org_xyy', memberId: 'p_m0018', reason: '需要住院观察' });
  expect(adm.status).toBe(201);
  expect((await call('GET', '/hospital/admissions', { token: other })).body.items.map((a: { admissionId: string }) => a.admissionId)).not.toContain(adm.body.admissionId);
  expectApiError(await call('POST', `/hospital/admissions/${adm.body.admissionId}/decision`, { token: other, body: { accept: true, reason: '有床位' } }), 404, 'not_found');
  expectApiError(await call('POST', `/hospital/admissions/${adm.body.admissionId}/discharge`, { token: other, body: { dischargedAt: '2031-03-01T09:00:00+08:00', note: '出院' } }), 404, 'not_found');
  expect((await getItem(keys.admission(adm.body.admissionId)))?.status).toBe('requested');
});

test('a doctor refers only members signed to them', async () => {
  const s = await makeSession({ date: DAY, quota: 1 });
  const res = await call('POST', '/doctor/referrals', {
    token: await tokenFor('p_doc01'),
    headers: { 'x-test-now': now },
    body: { familyId: 'f_0011', memberId: 'p_m0018', institutionId: 'org_xyy', sessionId: s.sessionId, reason: '转诊复查' },
  });
  expectApiError(res, 403, 'forbidden');
  expect((await getItem({ pk: s.pk, sk: s.sk }))?.priorityLeft).toBe(1);
});
