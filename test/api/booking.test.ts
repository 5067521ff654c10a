import { keys } from '../../functions/lib/db/keys';
import { generateSessions } from '../../functions/booking/generate-sessions';
import { sweepExpiredOffers } from '../../functions/lib/db/booking/sweeps';
import { call, tokenFor } from '../support/api';
import { asMember, at, book, cardToken, HOSPITAL, makeSession, outboxItem, sessionLeft } from './booking-support';
import { expectIdempotent } from './idempotency-support';
import { expectApiError, getItem, queryPartition } from './support-table';

/**
 * Booking rules over HTTP on DynamoDB Local, with the injectable clock. Families f_0010, f_0011,
 * f_0012 and f_0009 (柳林乡 河湾村/柳林村, signed to p_doc03) are this file's; its sessions are in
 * 2030 in departments of its own (booking-support.ts), its writes in BOOKING#, MEMBERBK#, IDEM#,
 * WAIT#, SESSIONS#, OUTBOX#, ADMIT# and FAMILY#f_0009 DISCHARGE# items.
 */
const D = '2030-03-05'; // a Tuesday
const DAY_BEFORE = '2030-03-04';
const EARLY = at('2030-03-01', '10:00');

describe('sessions of a day', () => {
  test('one Query; remaining priority places in plain words; release and start shown', async () => {
    const s = await makeSession({ date: D, quota: 2 });
    const res = await asMember('p_m0016', 'GET', `/institutions/${HOSPITAL}/sessions?date=${D}&departmentId=${s.departmentId}`, EARLY);
    expect(res.status).toBe(200);
    expect(res.ddbRequests).toBe(1);
    expect(res.headers.get('x-lianxin-ddb-operations')).toBe('QueryCommand');
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ sessionId: s.sessionId, priorityLeft: 2, bookable: true, startsAt: '2030-03-05T08:00:00+08:00', releaseAt: '2030-03-04T08:00:00+08:00' });
    expect(res.body.items[0].inWords).toBe('还剩 2 个优先号，保留到3月4日 08:00');
    const released = await asMember('p_m0016', 'GET', `/institutions/${HOSPITAL}/sessions?date=${D}&departmentId=${s.departmentId}`, at(DAY_BEFORE, '08:00'));
    expect(released.body.items[0]).toMatchObject({ bookable: false, waitlistOpen: false });
    expect(released.body.items[0].inWords).toMatch(/转为普通号/);
  });

  test('the seeded institutions and the next days are there (generated from the weekly schedules)', async () => {
    const res = await asMember('p_m0016', 'GET', '/institutions', new Date().toISOString());
    expect(res.status).toBe(200);
    // The county's institutions, and the family's region for its designated one.
    expect(res.ddbRequests).toBe(2);
    // At least these: the commission's e2e adds (and then retires) one of its own meanwhile.
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['城关镇卫生院', '柳林乡卫生院', '清河县人民医院']));
    expect(res.body.designated).toEqual({ institutionId: 'org_xyy', name: '清河县人民医院', greenChannelPhone: '0311-86907120' });
    // Staff: their person item names their county (every staff record carries it from its creation),
    // then the county's institutions; nothing else is read.
    const staff = await call('GET', '/institutions', { token: await tokenFor('p_doc03') });
    expect(staff.status).toBe(200);
    expect(staff.ddbRequests).toBe(2);
    expect(staff.body.items.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['城关镇卫生院', '柳林乡卫生院', '清河县人民医院']));
    expect(staff.body.designated).toBeUndefined();
  });

  test('the daily job opens 14 days of sessions from the weekly schedules, and a re-run changes nothing', async () => {
    const first = await generateSessions(new Date('2031-06-01T16:30:00Z')); // 2031-06-02 00:30 in Beijing, a Monday
    expect(first.created).toBeGreaterThan(0);
    const monday = await queryPartition(keys.sessionDayPk(HOSPITAL, '2031-06-02'));
    expect(monday.map((x) => x.sk).sort()).toEqual(['nfm#am', 'qk#am', 'xnk#am', 'xnk#pm']);
    expect(monday.find((x) => x.sk === 'xnk#am')).toMatchObject({ priorityQuota: 5, priorityLeft: 5, startsAt: '2031-06-02T08:00:00+08:00', releaseAt: '2031-06-01T08:00:00+08:00' });
    expect(await queryPartition(keys.sessionDayPk(HOSPITAL, '2031-06-08'))).toEqual([]); // Sunday
    expect((await queryPartition(keys.sessionDayPk(HOSPITAL, '2031-06-16'))).length).toBe(0); // day 15: outside the window
    expect((await generateSessions(new Date('2031-06-01T16:30:00Z'))).created).toBe(0);
  });

  test('several days in one request: every session in start order (morning before afternoon), one Query a day', async () => {
    const pm = await makeSession({ date: D, quota: 2, period: 'pm', start: '14:00' });
    const am = await makeSession({ date: D, quota: 2, period: 'am', start: '08:00', departmentId: pm.departmentId });
    const later = await makeSession({ date: '2030-03-07', quota: 1, period: 'am', start: '08:00', departmentId: pm.departmentId });
    const res = await asMember('p_m0016', 'GET', `/institutions/${HOSPITAL}/sessions?date=${DAY_BEFORE}&departmentId=${pm.departmentId}&days=4`, EARLY);
    expect(res.status).toBe(200);
    expect(res.ddbRequests).toBe(4);
    expect(res.body.items.map((x: { sessionId: string }) => x.sessionId)).toEqual([am.sessionId, pm.sessionId, later.sessionId]);
  });

  test('the date must be a date: a time in another form is refused', async () => {
    const res = await asMember('p_m0016', 'GET', `/institutions/${HOSPITAL}/sessions?date=2030-03-05T08:00:00Z`, EARLY);
    expectApiError(res, 400, 'invalid_request');
    expect(res.ddbRequests).toBe(0);
  });
});

describe('booking', () => {
  test('books for self: one BatchGet + ONE transaction; quota, guard, counter, outbox and reminders written', async () => {
    const s = await makeSession({ date: D, quota: 3 });
    const res = await book('p_m0016', 'f_0010', s, EARLY, { needsEscort: true, needsWheelchair: true });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-lianxin-ddb-operations')).toBe('BatchGetItemCommand,TransactWriteItemsCommand');
    expect(res.body).toMatchObject({
      status: 'booked',
      memberName: '韩永福',
      institutionName: '清河县人民医院',
      needsEscort: true,
      needsWheelchair: true,
      bring: ['就医服务卡', '身份证', '医保卡'],
      meetBy: '绿色通道专员吴静',
      cancelUntil: '2030-03-05T06:00:00+08:00',
      canCancel: true,
    });
    const id = res.body.bookingId;
    expect(await sessionLeft(s)).toBe(2);
    expect(await getItem(keys.bookingGuard('p_m0016', HOSPITAL, s.sessionId))).toMatchObject({ bookingId: id });
    const confirmed = await outboxItem(`booking-${id}-confirmed`);
    expect(confirmed).toMatchObject({ template: 'booking.confirmed', recipientId: 'p_m0016', status: 'pending' });
    const day = await outboxItem(`booking-${id}-remind-1d`);
    const twoH = await outboxItem(`booking-${id}-remind-2h`);
    expect(day).toMatchObject({ template: 'booking.reminder', nextAttemptAt: '2030-03-04T08:00:00+08:00' });
    expect(twoH).toMatchObject({ template: 'booking.reminderSoon', nextAttemptAt: '2030-03-05T06:00:00+08:00' });

    // The same member, same session: refused by the guard; the quota is untouched.
    const again = await book('p_m0016', 'f_0010', s, EARLY);
    expectApiError(again, 409, 'already_booked');
    expect(await sessionLeft(s)).toBe(2);

    // The spouse may be booked by the member.
    const spouse = await asMember('p_m0016', 'POST', '/families/f_0010/bookings', EARLY, { institutionId: HOSPITAL, sessionId: s.sessionId, memberId: 'p_m0017' });
    expect(spouse.status).toBe(201);
    expect(spouse.body.memberName).toBe('杨淑芬');

    // The family sees both, and the confirmation.
    const mine = await asMember('p_m0017', 'GET', '/families/f_0010/bookings', EARLY);
    expect(mine.ddbRequests).toBe(2);
    expect(mine.body.members.map((m: { name: string }) => m.name)).toEqual(['韩永福', '杨淑芬']);
    expect(mine.body.items.map((b: { bookingId: string }) => b.bookingId)).toEqual(expect.arrayContaining([id, spouse.body.bookingId]));
    const one = await asMember('p_m0017', 'GET', `/families/f_0010/bookings/${id}`, EARLY);
    expect(one.body).toMatchObject({ bookingId: id, status: 'booked' });
  });

  test('Idempotency-Key: a retry gets the first answer and writes nothing; the key with another request is refused', async () => {
    const s = await makeSession({ date: D, quota: 3 });
    const other = await makeSession({ date: D, quota: 3 });
    const first = await expectIdempotent({
      route: 'booking.book',
      status: 201,
      send: (key) => book('p_m0017', 'f_0010', s, EARLY, {}, { 'idempotency-key': key }),
      other: (key) => book('p_m0017', 'f_0010', other, EARLY, {}, { 'idempotency-key': key }),
    });
    // With a key, one consistent GetItem of the marker comes first (the stack's pre-read).
    expect(first.headers.get('x-lianxin-ddb-operations')).toBe('GetItemCommand,BatchGetItemCommand,TransactWriteItemsCommand');
    expect(await sessionLeft(s)).toBe(2);
    expect(await sessionLeft(other)).toBe(3);
  });

  test('edge cases answer 4xx and write nothing', async () => {
    const s = await makeSession({ date: D, quota: 1 });
    const full = await makeSession({ date: D, quota: 0 });
    const cases: Array<[string, Awaited<ReturnType<typeof book>>, number, string]> = [
      ['a past session', await book('p_m0016', 'f_0010', s, at('2030-03-05', '09:00')), 400, 'invalid_request'],
      ['after the release (booking cut-off)', await book('p_m0016', 'f_0010', s, at(DAY_BEFORE, '09:00')), 409, 'released'],
      ['a session without quota', await book('p_m0016', 'f_0010', full, EARLY), 409, 'full'],
      ['someone outside the family', await asMember('p_m0016', 'POST', '/families/f_0010/bookings', EARLY, { institutionId: HOSPITAL, sessionId: s.sessionId, memberId: 'p_m0018' }), 403, 'forbidden'],
      ['a session that does not exist', await asMember('p_m0016', 'POST', '/families/f_0010/bookings', EARLY, { institutionId: HOSPITAL, sessionId: '2030-03-05.zzzz.am', memberId: 'p_m0016' }), 404, 'not_found'],
      ['a malformed Idempotency-Key', await book('p_m0016', 'f_0010', s, EARLY, {}, { 'idempotency-key': 'a b' }), 400, 'invalid_request'],
    ];
    for (const [label, res, status, error] of cases) {
      expect({ label, status: res.status, error: res.body.error }).toEqual({ label, status, error });
      // Refused before writing; only "full" is decided by the transaction itself (refused whole).
      if (error !== 'full') expect(operations(res)).not.toContain('TransactWriteItemsCommand');
    }
    expect(await sessionLeft(s)).toBe(1);
    expect(await sessionLeft(full)).toBe(0);
    expect(await getItem(keys.bookingGuard('p_m0016', HOSPITAL, s.sessionId))).toBeUndefined();
  });

  test('at most 3 future bookings per member; a past one that was never closed is settled', async () => {
    const days = ['2030-04-01', '2030-04-02', '2030-04-03', '2030-04-04'];
    const sessions = await Promise.all(days.map((date) => makeSession({ date, quota: 2 })));
    const now = at('2030-03-20', '10:00');
    for (const s of sessions.slice(0, 3)) expect((await book('p_m0018', 'f_0011', s, now)).status).toBe(201);
    const fourth = await book('p_m0018', 'f_0011', sessions[3], now);
    expectApiError(fourth, 409, 'too_many_bookings');
    expect(await sessionLeft(sessions[3])).toBe(2);
    // After the first day has passed (no check-in recorded), a new booking is possible.
    const later = await book('p_m0018', 'f_0011', sessions[3], at('2030-04-02', '07:00'));
    expect(later.status).toBe(201);
    const list = await asMember('p_m0018', 'GET', '/families/f_0011/bookings', at('2030-04-02', '07:00'));
    expect(list.body.items.find((b: { sessionId: string }) => b.sessionId === sessions[0].sessionId).status).toBe('lapsed');
  });
});

describe('cancel and reschedule', () => {
  test('cancel before the cut-off returns the place at once and drops the reminders; after it, 409', async () => {
    const s = await makeSession({ date: '2030-05-07', quota: 1 });
    const now = at('2030-05-01', '10:00');
    const b = await book('p_m0019', 'f_0012', s, now);
    expect(await sessionLeft(s)).toBe(0);
    const late = await asMember('p_m0019', 'POST', `/families/f_0012/bookings/${b.body.bookingId}/cancel`, at('2030-05-07', '06:30'), {});
    expectApiError(late, 409, 'conflict');
    expect(late.body.message).toMatch(/取消截止/);
    const res = await asMember('p_m0019', 'POST', `/families/f_0012/bookings/${b.body.bookingId}/cancel`, now, {});
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(await sessionLeft(s)).toBe(1);
    expect(await outboxItem(`booking-${b.body.bookingId}-remind-1d`)).toBeUndefined();
    expect(await getItem(keys.bookingGuard('p_m0019', HOSPITAL, s.sessionId))).toBeUndefined();
    // Not on the hospital's day list any more.
    const booking = await getItem(keys.booking(b.body.bookingId));
    expect(booking?.gsi2pk).toBeUndefined();
    // The member can book the session again.
    expect((await book('p_m0019', 'f_0012', s, now)).status).toBe(201);
  });

  test('reschedule = cancel + book in one transaction', async () => {
    const a = await makeSession({ date: '2030-05-08', quota: 1 });
    const b = await makeSession({ date: '2030-05-08', quota: 1, departmentId: a.departmentId, period: 'pm' });
    const now = at('2030-05-01', '10:00');
    const first = await book('p_m0020', 'f_0012', a, now);
    const reschedule = (sessionId: string) => (key: string) =>
      asMember('p_m0020', 'POST', `/families/f_0012/bookings/${first.body.bookingId}/reschedule`, now, { sessionId }, { 'idempotency-key': key });
    const res = await expectIdempotent({ route: 'booking.reschedule', status: 201, send: reschedule(b.sessionId), other: reschedule(b.sessionId.replace('.pm', '.am')) });
    expect(res.body).toMatchObject({ sessionId: b.sessionId, period: 'pm' });
    expect(await sessionLeft(a)).toBe(1);
    expect(await sessionLeft(b)).toBe(0);
    expect((await getItem(keys.booking(first.body.bookingId)))?.status).toBe('cancelled');
    expect((await getItem(keys.bookingCounter('p_m0020')))?.active).toBe(1);
  });
});

describe('waiting list', () => {
  test('a freed place is offered to the first waiting member for 30 minutes, then passed on', async () => {
    const s = await makeSession({ date: '2030-06-04', quota: 1 });
    const now = at('2030-06-01', '10:00');
    const holder = await book('p_m0016', 'f_0010', s, now);
    expect(holder.status).toBe(201);
    const join1 = await asMember('p_m0018', 'POST', '/families/f_0011/waitlist', now, { institutionId: HOSPITAL, sessionId: s.sessionId, memberId: 'p_m0018' });
    expect(join1.status).toBe(201);
    expect(join1.body.position).toBe(1);
    const join2 = await asMember('p_m0019', 'POST', '/families/f_0012/waitlist', at('2030-06-01', '10:01'), { institutionId: HOSPITAL, sessionId: s.sessionId, memberId: 'p_m0019' });
    expect(join2.body.position).toBe(2);
    expectApiError(await asMember('p_m0018', 'POST', '/families/f_0011/waitlist', now, { institutionId: HOSPITAL, sessionId: s.sessionId, memberId: 'p_m0018' }), 409, 'conflict');

    // Cancel: the place goes to p_m0018 as an offer, not back to the quota.
    const cancelAt = at('2030-06-02', '09:00');
    expect((await asMember('p_m0016', 'POST', `/families/f_0010/bookings/${holder.body.bookingId}/cancel`, cancelAt, {})).status).toBe(200);
    expect(await sessionLeft(s)).toBe(0);
    const waiting = await queryPartition(keys.waitlistPk(HOSPITAL, s.sessionId));
    expect(waiting.find((w) => w.memberId === 'p_m0018')).toMatchObject({ status: 'offered' });
    expect(waiting.find((w) => w.memberId === 'p_m0019')).toMatchObject({ status: 'waiting' });
    const offer = await outboxItem(`offer-${HOSPITAL}-${s.sessionId}-p_m0018-${holder.body.bookingId}`);
    expect(offer).toMatchObject({ template: 'booking.waitlistOffer', recipientId: 'p_m0018' });
    // Nobody else may take it from the quota meanwhile.
    expectApiError(await book('p_m0020', 'f_0012', s, cancelAt), 409, 'full');

    // 31 minutes later the offer has expired: the sweep passes it to p_m0019.
    const expired = new Date(new Date(cancelAt).getTime() + 31 * 60_000);
    const late = await asMember('p_m0018', 'POST', '/families/f_0011/waitlist/accept', expired.toISOString(), { institutionId: HOSPITAL, sessionId: s.sessionId, memberId: 'p_m0018' });
    expectApiError(late, 409, 'conflict');
    expect(await sweepExpiredOffers(expired)).toBe(0); // already passed on lazily by the refused acceptance
    const after = await queryPartition(keys.waitlistPk(HOSPITAL, s.sessionId));
    expect(after.map((w) => [w.memberId, w.status])).toEqual([['p_m0019', 'offered']]);

    // p_m0019 accepts within the 30 minutes: booked, from the offer.
    const accept = (extra: Record<string, unknown>) => (key: string) =>
      asMember('p_m0019', 'POST', '/families/f_0012/waitlist/accept', expired.toISOString(), { institutionId: HOSPITAL, sessionId: s.sessionId, memberId: 'p_m0019', ...extra }, { 'idempotency-key': key });
    const ok = await expectIdempotent({ route: 'booking.acceptOffer', status: 201, send: accept({}), other: accept({ needsWheelchair: true }) });
    expect(ok.body).toMatchObject({ source: 'waitlist', memberName: '秦桂兰' });
    expect(await queryPartition(keys.waitlistPk(HOSPITAL, s.sessionId))).toEqual([]);
    expect(await sessionLeft(s)).toBe(0);
  });

  test('an expired offer with nobody waiting returns the place to the quota (the scheduled sweep)', async () => {
    const s = await makeSession({ date: '2030-06-05', quota: 1 });
    const now = at('2030-06-01', '10:00');
    const holder = await book('p_m0017', 'f_0010', s, now);
    await asMember('p_m0020', 'POST', '/families/f_0012/waitlist', now, { institutionId: HOSPITAL, sessionId: s.sessionId, memberId: 'p_m0020' });
    await asMember('p_m0017', 'POST', `/families/f_0010/bookings/${holder.body.bookingId}/cancel`, now, {});
    expect(await sessionLeft(s)).toBe(0);
    expect(await sweepExpiredOffers(new Date(new Date(now).getTime() + 29 * 60_000))).toBe(0);
    expect(await sweepExpiredOffers(new Date(new Date(now).getTime() + 31 * 60_000))).toBe(1);
    expect(await sessionLeft(s)).toBe(1);
  });

  test('two concurrent cancellations never offer one waiting member twice', async () => {
    const s = await makeSession({ date: '2030-06-06', quota: 2 });
    const now = at('2030-06-01', '10:00');
    const a = await book('p_m0016', 'f_0010', s, now);
    const b = await book('p_m0017', 'f_0010', s, now);
    await asMember('p_m0019', 'POST', '/families/f_0012/waitlist', now, { institutionId: HOSPITAL, sessionId: s.sessionId, memberId: 'p_m0019' });
    const [c1, c2] = await Promise.all([
      asMember('p_m0016', 'POST', `/families/f_0010/bookings/${a.body.bookingId}/cancel`, now, {}),
      asMember('p_m0017', 'POST', `/families/f_0010/bookings/${b.body.bookingId}/cancel`, now, {}),
    ]);
    expect([c1.status, c2.status]).toEqual([200, 200]);
    // One place offered to p_m0019, the other back in the quota.
    expect(await sessionLeft(s)).toBe(1);
    const entries = await queryPartition(keys.waitlistPk(HOSPITAL, s.sessionId));
    expect(entries.map((e) => e.status)).toEqual(['offered']);
  });
});

describe('green channel', () => {
  const TODAY = '2030-07-02';
  const morning = at(TODAY, '07:30');

  test("today's list (one Query), card check, check-in, priorities given, the family sees the visit as done", async () => {
    const s = await makeSession({ date: TODAY, quota: 2 });
    const b = await book('p_m0019', 'f_0012', s, at('2030-06-28', '10:00'), { needsWheelchair: true });
    const hosp = await tokenFor('p_hosp01');
    const list = await call('GET', `/hospital/today?departmentId=${s.departmentId}`, { token: hosp, headers: { 'x-test-now': morning } });
    expect(list.status).toBe(200);
    expect(list.ddbRequests).toBe(1);
    expect(list.body.items).toEqual([expect.objectContaining({ bookingId: b.body.bookingId, memberName: '秦桂兰', needsWheelchair: true, needsEscort: false, status: 'booked' })]);

    const token = await cardToken('f_0012', new Date(morning));
    const check = await call('POST', '/hospital/card-checks', { token: hosp, body: { token }, headers: { 'x-test-now': morning } });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ valid: true, familyId: 'f_0012', cardNo: 'QH20250012' });
    expect(check.body.bookingsToday.map((x: { bookingId: string }) => x.bookingId)).toContain(b.body.bookingId);

    const checkIn = await call('POST', `/hospital/bookings/${b.body.bookingId}/check-in`, { token: hosp, body: { token }, headers: { 'x-test-now': morning } });
    expect(checkIn.status).toBe(200);
    expect(checkIn.body.status).toBe('checked_in');
    const visit = await call('PUT', `/hospital/bookings/${b.body.bookingId}/visit`, {
      token: hosp,
      body: { prioritiesGiven: ['优先挂号', '优先就诊', '优先取药'], feeReductionYuan: 35.5 },
      headers: { 'x-test-now': morning },
    });
    expect(visit.status).toBe(200);
    const seen = await asMember('p_m0019', 'GET', `/families/f_0012/bookings/${b.body.bookingId}`, morning);
    expect(seen.body).toMatchObject({ status: 'checked_in', statusLabel: '已就诊', prioritiesGiven: ['优先挂号', '优先就诊', '优先取药'], feeReductionYuan: 35.5 });
  });

  test('forged, expired, another family\'s and outdated-version card tokens are refused; nothing written', async () => {
    const s = await makeSession({ date: TODAY, quota: 2 });
    const b = await book('p_m0020', 'f_0012', s, at('2030-06-28', '10:00'));
    const hosp = await tokenFor('p_hosp01');
    const good = await cardToken('f_0012', new Date(morning));
    // Another family's id under this family's signature.
    const parts = good.split('.');
    const forged = [parts[0], (await cardToken('f_0001', new Date(morning))).split('.')[1], ...parts.slice(2)].join('.');
    const tokens: Array<[string, string, string]> = [
      ['forged', forged, '服务卡二维码无效'],
      ['expired', await cardToken('f_0012', new Date(new Date(morning).getTime() - 16 * 60_000)), '服务卡二维码已过期'],
      ['old card version', await cardToken('f_0012', new Date(morning), 0), '就医服务卡已失效'],
      ['not a card at all', 'https://example.com/not-a-card-token', '服务卡二维码无效'],
    ];
    for (const [label, token, field] of tokens) {
      const res = await call('POST', `/hospital/bookings/${b.body.bookingId}/check-in`, { token: hosp, body: { token }, headers: { 'x-test-now': morning } });
      expect({ label, status: res.status }).toEqual({ label, status: 400 });
      // The schema refuses what is not shaped like a card code (body.token); the verifier the rest.
      expect(res.body.fields.token ?? res.body.fields['body.token']).toBe(field);
      expect(operations(res).filter((o) => o.startsWith('Transact'))).toEqual([]);
    }
    const otherFamily = await cardToken('f_0010', new Date(morning));
    const wrong = await call('POST', `/hospital/bookings/${b.body.bookingId}/check-in`, { token: hosp, body: { token: otherFamily }, headers: { 'x-test-now': morning } });
    expectApiError(wrong, 400, 'invalid_request');
    expect((await getItem(keys.booking(b.body.bookingId)))?.status).toBe('booked');

    // No-show: only once the session has started.
    expectApiError(await call('POST', `/hospital/bookings/${b.body.bookingId}/no-show`, { token: hosp, body: {}, headers: { 'x-test-now': morning } }), 409, 'conflict');
    const ns = await call('POST', `/hospital/bookings/${b.body.bookingId}/no-show`, { token: hosp, body: {}, headers: { 'x-test-now': at(TODAY, '12:00') } });
    expect(ns.status).toBe(200);
    expect(ns.body.status).toBe('no_show');
  });

  test('a hospital sees only its own bookings', async () => {
    const s = await makeSession({ date: TODAY, quota: 2 });
    const b = await book('p_m0016', 'f_0010', s, at('2030-06-28', '10:00'));
    const other = await tokenFor('p_hosp02');
    const list = await call('GET', `/hospital/today?date=${TODAY}&departmentId=${s.departmentId}`, { token: other, headers: { 'x-test-now': morning } });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const token = await cardToken('f_0010', new Date(morning));
    const checkIn = await call('POST', `/hospital/bookings/${b.body.bookingId}/check-in`, { token: other, body: { token }, headers: { 'x-test-now': morning } });
    expectApiError(checkIn, 404, 'not_found');
    const check = await call('POST', '/hospital/card-checks', { token: other, body: { token }, headers: { 'x-test-now': morning } });
    expect(check.body.bookingsToday).toEqual([]);
    expect((await getItem(keys.booking(b.body.bookingId)))?.status).toBe('booked');
  });
});

describe('referral, admission and discharge', () => {
  test('the signed doctor refers a member: a priority place booked on their behalf, the family told', async () => {
    const s = await makeSession({ date: '2030-08-06', quota: 1 });
    const doc = await tokenFor('p_doc03');
    const now = at('2030-08-01', '10:00');
    const refer = (reason: string) => (key: string) =>
      call('POST', '/doctor/referrals', {
        token: doc,
        headers: { 'x-test-now': now, 'idempotency-key': key },
        body: { familyId: 'f_0010', memberId: 'p_m0017', institutionId: HOSPITAL, sessionId: s.sessionId, reason },
      });
    const res = await expectIdempotent({ route: 'booking.refer', status: 201, send: refer('血糖控制不佳，转上级医院内分泌科'), other: refer('复查') });
    expect(await sessionLeft(s)).toBe(0);
    expect(res.body).toMatchObject({ source: 'referral', memberName: '杨淑芬', referredByName: '马德福' });
    const msg = await outboxItem(`booking-${res.body.bookingId}-confirmed`);
    expect(msg).toMatchObject({ recipientId: 'p_m0017', template: 'booking.confirmed' });
    expect(msg.data.note).toMatch(/马德福医生为您转诊/);
    // Not signed to this doctor: refused, nothing booked.
    const s2 = await makeSession({ date: '2030-08-06', quota: 1 });
    const refused = await call('POST', '/doctor/referrals', {
      token: await tokenFor('p_doc01'),
      headers: { 'x-test-now': now },
      body: { familyId: 'f_0010', memberId: 'p_m0016', institutionId: HOSPITAL, sessionId: s2.sessionId, reason: '复查' },
    });
    expectApiError(refused, 403, 'forbidden');
    expect(await sessionLeft(s2)).toBe(1);
  });

  test("a bed request accepted, then discharged: the note lands in the signed doctor's follow-up queue", async () => {
    const now = at('2030-09-01', '10:00');
    const ask = (reason: string) => (key: string) =>
      asMember('p_m0014', 'POST', '/families/f_0009/admissions', now, { institutionId: HOSPITAL, memberId: 'p_m0014', reason }, { 'idempotency-key': key });
    const req = await expectIdempotent({ route: 'booking.requestAdmission', status: 201, send: ask('胸闷气短加重'), other: ask('复查') });
    // One request, however often it was sent.
    const asked = await asMember('p_m0014', 'GET', '/families/f_0009/admissions', now);
    expect(asked.body.items.filter((a: { reason: string }) => a.reason === '胸闷气短加重')).toHaveLength(1);
    const hosp = await tokenFor('p_hosp01');
    const other = await call('POST', `/hospital/admissions/${req.body.admissionId}/decision`, { token: await tokenFor('p_hosp02'), body: { accept: true, reason: '有床位' }, headers: { 'x-test-now': now } });
    expectApiError(other, 404, 'not_found');
    const list = await call('GET', '/hospital/admissions', { token: hosp });
    expect(list.body.items.map((a: { admissionId: string }) => a.admissionId)).toContain(req.body.admissionId);
    const accept = await call('POST', `/hospital/admissions/${req.body.admissionId}/decision`, { token: hosp, body: { accept: true, reason: '心内科 3 病区 12 床' }, headers: { 'x-test-now': now } });
    expect(accept.body).toMatchObject({ status: 'accepted', admittedOn: '2030-09-01' });
    const badZone = await call('POST', `/hospital/admissions/${req.body.admissionId}/discharge`, { token: hosp, body: { dischargedAt: '2030-09-05T02:00:00Z', note: '好转出院' }, headers: { 'x-test-now': at('2030-09-05', '12:00') } });
    expectApiError(badZone, 400, 'invalid_request');
    expect(badZone.ddbRequests).toBe(0);
    const done = await call('POST', `/hospital/admissions/${req.body.admissionId}/discharge`, {
      token: hosp,
      body: { dischargedAt: '2030-09-05T10:00:00+08:00', note: '冠心病稳定型心绞痛，好转出院，继续服药' },
      headers: { 'x-test-now': at('2030-09-05', '12:00') },
    });
    expect(done.status).toBe(200);
    expect(done.body.followUpQueued).toBe(true);
    const note = await getItem(keys.dischargeNote('f_0009', req.body.admissionId));
    expect(note).toMatchObject({
      entity: 'dischargeNote',
      memberId: 'p_m0014',
      memberName: '蒋立军',
      doctorId: 'p_doc03',
      hospitalName: '清河县人民医院',
      admittedOn: '2030-09-01',
      dischargedAt: '2030-09-05T10:00:00+08:00',
      followUpDueBy: '2030-09-12T10:00:00+08:00',
      gsi1pk: 'STAFF#p_doc03',
      gsi1sk: `DISCHARGE#2030-09-12T10:00:00+08:00#${req.body.admissionId}`,
    });
    const fam = await asMember('p_m0014', 'GET', '/families/f_0009/admissions', now);
    expect(fam.body.items[0]).toMatchObject({ status: 'discharged', statusLabel: '已出院' });
  });
});

function operations(res: { headers: Headers }): string[] {
  return (res.headers.get('x-lianxin-ddb-operations') ?? '').split(',').filter(Boolean);
}
