import { SignJWT } from 'jose';
import { randomBytes, randomInt } from 'node:crypto';
import { BIND_ATTEMPTS_PER_HOUR } from '../../domain';
import { issueBindTicket, issueSessionToken } from '../../functions/lib/auth/tokens';
import { getSecrets } from '../../functions/lib/crypto/secrets';
import { keys } from '../../functions/lib/db/keys';
import { families, idNumberOf, UNBOUND_PERSON_ID } from '../../local/seed/demo-county';
import { call, tokenFor, wxLoginCode } from '../support/api';
import { bindingsOf, CHINESE, expectApiError, freshOpenid, getItem, ms, ownedBy, rateLimitKey } from './support-table';

/**
 * Login and binding over HTTP. This file owns every binding write of the api project (see
 * support-table.ts): its WeChat users are fresh `t-auth-…` openids, and the only successful binding
 * is the race for 李淑珍 (p_m0005), the one seeded person who is not bound yet.
 */
const openid = () => freshOpenid(ownedBy.auth.openidPrefix);

const seedMember = (personId: string) => {
  for (const f of families) {
    const m = f.members.find((x) => x.personId === personId);
    if (m) return { ...m, familyId: f.familyId, idLast6: idNumberOf(m.personId, m.birthDate, m.gender).slice(-6) };
  }
  throw new Error(`no seeded member ${personId}`);
};
const lishuzhen = seedMember(UNBOUND_PERSON_ID);
const rightAnswers = { name: lishuzhen.name, idLast6: lishuzhen.idLast6, phone: lishuzhen.phone };

async function login(wechatUser: string) {
  return call('POST', '/auth/wechat', { body: { code: await wxLoginCode(wechatUser) } });
}

async function bindTicketFor(wechatUser: string): Promise<string> {
  const res = await login(wechatUser);
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('unbound');
  return res.body.bindTicket;
}

const bind = (bindTicket: string, answers: { name: string; idLast6: string; phone: string }, headers?: Record<string, string>) =>
  call('POST', '/auth/bind', { body: { bindTicket, ...answers }, headers });

/**
 * A wrong answer that passes validation and matches nobody: a phone no one registered, a new one
 * each time, so the per-phone limit (bind-lock.test.ts) never closes before the per-account one.
 */
const wrongAnswers = () => ({ ...rightAnswers, phone: `139${String(randomInt(0, 1e8)).padStart(8, '0')}` });

describe('POST /auth/wechat', () => {
  test('a bound WeChat user gets a session whose token works, with who they are', async () => {
    const before = Date.now();
    const res = await login('demo-openid-p_m0010');
    expect(res.status).toBe(200);
    expect(res.ddbRequests).toBe(2); // binding, then person
    expect(res.body.status).toBe('bound');
    const { session } = res.body;
    expect(session.me).toMatchObject({ personId: 'p_m0010', name: '冯建国', role: 'member', familyId: 'f_0006' });
    expect(session.expiresAt).toMatch(/\+08:00$/);
    expect(ms(session.expiresAt)).toBeGreaterThanOrEqual(before + 30 * 60_000 - 2_000);
    expect(ms(session.expiresAt)).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 2_000);
    // Nothing sensitive about the person travels in the session.
    expect(JSON.stringify(session.me)).not.toMatch(/13831100010|idNumber|phone/);

    const me = await call('GET', '/me', { token: session.token });
    expect(me.status).toBe(200);
    expect(me.body.personId).toBe('p_m0010');
  });

  test('staff log in the same way and carry their role', async () => {
    const res = await login('demo-openid-p_comm01');
    expect(res.status).toBe(200);
    expect(res.body.session.me).toMatchObject({ personId: 'p_comm01', role: 'commission', commissionLevel: 'county', regionId: 'c_qinghe' });
  });

  test('an unknown WeChat user is told to bind, with a ticket and nothing written', async () => {
    const user = openid();
    const before = Date.now();
    const res = await login(user);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'unbound', bindTicket: expect.any(String), bindTicketExpiresAt: expect.stringMatching(/\+08:00$/) });
    expect(ms(res.body.bindTicketExpiresAt)).toBeGreaterThanOrEqual(before + 10 * 60_000 - 2_000);
    expect(ms(res.body.bindTicketExpiresAt)).toBeLessThanOrEqual(Date.now() + 10 * 60_000 + 2_000);
    expect(res.ddbRequests).toBe(1);
    expect(res.headers.get('x-lianxin-ddb-operations')).toBe('GetItemCommand');
    expect(await getItem(keys.binding(user))).toBeUndefined();
  });

  test('a code works once: reusing it is refused with a message on body.code', async () => {
    const code = await wxLoginCode('demo-openid-p_m0010');
    expect((await call('POST', '/auth/wechat', { body: { code } })).status).toBe(200);
    const again = await call('POST', '/auth/wechat', { body: { code } });
    expectApiError(again, 400, 'invalid_request');
    expect(again.body.fields['body.code']).toMatch(CHINESE);
    expect(again.ddbRequests).toBe(0);
  });

  test('a code WeChat never issued is refused', async () => {
    const res = await call('POST', '/auth/wechat', { body: { code: randomBytes(16).toString('hex') } });
    expectApiError(res, 400, 'invalid_request');
    expect(res.body.fields['body.code']).toMatch(CHINESE);
    expect(res.ddbRequests).toBe(0);
  });

  test('one code sent five times at once logs in exactly once', async () => {
    const code = await wxLoginCode('demo-openid-p_m0010');
    const results = await Promise.all(Array.from({ length: 5 }, () => call('POST', '/auth/wechat', { body: { code } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400]);
  });
});

describe('POST /auth/bind: wrong answers', () => {
  const cases: Array<[string, Partial<typeof rightAnswers>]> = [
    ['wrong name', { name: '李淑贞' }],
    ['wrong ID last 6', { idLast6: rightAnswers.idLast6 === '000000' ? '111111' : '000000' }],
    ['wrong phone', { phone: '13831100099' }],
    ["another member's phone", { phone: '13831100001' }],
  ];

  test.each(cases)('%s → 400 binding_failed, not saying which answer was wrong, nothing bound', async (_label, change) => {
    const user = openid();
    const ticket = await bindTicketFor(user);
    const res = await bind(ticket, { ...rightAnswers, ...change });
    expectApiError(res, 400, 'binding_failed');
    expect(res.body.fields).toBeUndefined();
    expect(res.body.message).not.toMatch(/手机号不正确|姓名不正确|身份证号不正确/);
    // Nothing bound: no binding for this WeChat user, and 李淑珍 is not bound to it.
    expect(await getItem(keys.binding(user))).toBeUndefined();
    expect((await getItem(keys.person(UNBOUND_PERSON_ID)))?.openid).not.toBe(user);
    expect((await login(user)).body.status).toBe('unbound');
    // The try was counted.
    expect((await getItem(rateLimitKey(user)))?.attempts).toBe(1);
  });

  test('right answers for a person already bound to another WeChat get the same answer as wrong ones', async () => {
    // A distinct "already bound" answer would confirm a guessed ID number. (x/X and whitespace in
    // the answers are matched by domain/policy/identity.ts, unit-tested in test/unit.)
    const zhao = seedMember('p_m0003');
    expect(zhao.idLast6).toMatch(/X$/);
    const ticket = await bindTicketFor(openid());
    const right = await bind(ticket, { name: zhao.name, idLast6: zhao.idLast6.toLowerCase(), phone: zhao.phone });
    const wrong = await bind(ticket, { name: zhao.name, idLast6: `${zhao.idLast6.slice(0, 5)}1`, phone: zhao.phone });
    expectApiError(right, 400, 'binding_failed');
    expectApiError(wrong, 400, 'binding_failed');
    expect(right.body).toEqual(wrong.body);
    expect((await getItem(keys.person('p_m0003')))?.openid).toBe('demo-openid-p_m0003');
  });
});

describe('POST /auth/bind: bind tickets', () => {
  test('an expired ticket → 401, before anything is read or counted', async () => {
    const user = openid();
    const { bindTicket } = await issueBindTicket(user, new Date(Date.now() - 11 * 60_000));
    const res = await bind(bindTicket, rightAnswers);
    expectApiError(res, 401, 'unauthenticated');
    expect(res.ddbRequests).toBe(0);
    expect(await getItem(rateLimitKey(user))).toBeUndefined();
  });

  test('a ticket signed with another key → 401', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(openid())
      .setIssuer('lianxin')
      .setAudience('lianxin:bind')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(randomBytes(32));
    const res = await bind(forged, rightAnswers);
    expectApiError(res, 401, 'unauthenticated');
    expect(res.ddbRequests).toBe(0);
  });

  test('a session token is not a bind ticket → 401', async () => {
    const res = await bind(await tokenFor('p_m0010'), rightAnswers);
    expectApiError(res, 401, 'unauthenticated');
    expect(res.ddbRequests).toBe(0);
  });

  test('a bind ticket is not a session token → 403 from the gateway', async () => {
    const ticket = await bindTicketFor(openid());
    const res = await call('GET', '/me', { token: ticket });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ message: 'Forbidden' });
  });

  test('a session token whose lifetime is over → 403 from the gateway', async () => {
    const { token } = await issueSessionToken({ personId: 'p_m0010', role: 'member', familyId: 'f_0006' }, new Date(Date.now() - 2 * 3600_000));
    const res = await call('GET', '/me', { token });
    expect(res.status).toBe(403);
  });
});

describe('strict tokens: session tokens and bind tickets need exp, an iat not in the future, and a bounded age', () => {
  const nowS = () => Math.floor(Date.now() / 1000);
  type Claims = { iat?: number; exp?: number; sub?: string };
  async function signed(audience: 'lianxin:api' | 'lianxin:bind', claims: Claims): Promise<string> {
    const { sessionKey } = await getSecrets();
    const payload = audience === 'lianxin:api' ? { role: 'member', fam: 'f_0006' } : {};
    let jwt = new SignJWT({ ...payload, ...(claims.iat !== undefined ? { iat: claims.iat } : {}), ...(claims.exp !== undefined ? { exp: claims.exp } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('lianxin')
      .setAudience(audience);
    if (claims.sub) jwt = jwt.setSubject(claims.sub);
    return jwt.sign(sessionKey);
  }
  const sessionUse = async (claims: Claims) => (await call('GET', '/me', { token: await signed('lianxin:api', { sub: 'p_m0010', ...claims }) })).status;
  const ticketUse = async (claims: Claims) => {
    const res = await bind(await signed('lianxin:bind', { sub: openid(), ...claims }), wrongAnswers());
    return res.status;
  };
  const refusals: Array<[string, () => Claims]> = [
    ['no exp', () => ({ iat: nowS() })],
    ['no iat', () => ({ exp: nowS() + 300 })],
    ['expired', () => ({ iat: nowS() - 700, exp: nowS() - 60 })],
    ['issued five minutes in the future', () => ({ iat: nowS() + 300, exp: nowS() + 600 })],
    ['older than its lifetime allows, though exp is still ahead', () => ({ iat: nowS() - 31 * 60, exp: nowS() + 3600 })],
    ['a year long, issued two hours ago', () => ({ iat: nowS() - 7200, exp: nowS() + 365 * 86400 })],
  ];

  test.each(refusals)('session token with %s → 403 from the gateway', async (_label, claims) => {
    expect(await sessionUse(claims())).toBe(403);
  });

  test.each(refusals)('bind ticket with %s → 401', async (_label, claims) => {
    expect(await ticketUse(claims())).toBe(401);
  });

  test('no subject → refused', async () => {
    expect(await call('GET', '/me', { token: await signed('lianxin:api', { iat: nowS(), exp: nowS() + 300 }) }).then((r) => r.status)).toBe(403);
    expect((await bind(await signed('lianxin:bind', { iat: nowS(), exp: nowS() + 300 }), wrongAnswers())).status).toBe(401);
  });

  test('well-formed tokens pass, also with a few seconds of clock skew', async () => {
    expect(await sessionUse({ iat: nowS(), exp: nowS() + 1800 })).toBe(200);
    expect(await sessionUse({ iat: nowS() + 10, exp: nowS() + 1800 })).toBe(200);
    expect(await ticketUse({ iat: nowS() + 10, exp: nowS() + 600 })).toBe(400);
  });

  test('a session issued while a test moves the request time (x-test-now) still works: tokens run on the real clock', async () => {
    const future = new Date(Date.now() + 3 * 86400_000).toISOString();
    const res = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode('demo-openid-p_m0010') }, headers: { 'x-test-now': future } });
    expect(res.body.status).toBe('bound');
    expect((await call('GET', '/me', { token: res.body.session.token })).status).toBe(200);
    expect((await call('GET', '/me', { token: res.body.session.token, headers: { 'x-test-now': future } })).status).toBe(200);
  });
});

describe('POST /auth/bind: rate limit', () => {
  test(`${BIND_ATTEMPTS_PER_HOUR} tries an hour per WeChat user, then 429 in Chinese; the window reopens after an hour`, async () => {
    const user = openid();
    const ticket = await bindTicketFor(user);
    const t0 = Date.now();
    for (let i = 1; i <= BIND_ATTEMPTS_PER_HOUR; i++) {
      const res = await bind(ticket, wrongAnswers());
      expectApiError(res, 400, 'binding_failed');
    }
    const sixth = await bind(ticket, wrongAnswers());
    expectApiError(sixth, 429, 'too_many_requests');
    expect(sixth.body.message).toMatch(/核对次数过多/);
    const minutes = Number(/(\d+) 分钟/.exec(sixth.body.message)?.[1]);
    expect(minutes).toBeGreaterThanOrEqual(59);
    expect(minutes).toBeLessThanOrEqual(60);
    // A refused try is not counted and nothing past the window is read.
    expect((await getItem(rateLimitKey(user)))?.attempts).toBe(BIND_ATTEMPTS_PER_HOUR);

    // Even the right answers are refused while the window is full (they would have bound 李淑珍).
    const right = await bind(ticket, rightAnswers);
    expectApiError(right, 429, 'too_many_requests');
    expect((await getItem(keys.person(UNBOUND_PERSON_ID)))?.openid).not.toBe(user);

    // Half an hour later: still closed, and the wait shrank.
    const later = await bind(ticket, wrongAnswers(), { 'x-test-now': new Date(t0 + 30 * 60_000).toISOString() });
    expectApiError(later, 429, 'too_many_requests');
    expect(Number(/(\d+) 分钟/.exec(later.body.message)?.[1])).toBeLessThanOrEqual(31);

    // An hour and a minute later: allowed again (counted as the first try of a new window).
    const next = await bind(ticket, wrongAnswers(), { 'x-test-now': new Date(t0 + 61 * 60_000).toISOString() });
    expectApiError(next, 400, 'binding_failed');
    expect((await getItem(rateLimitKey(user)))?.attempts).toBe(1);
  });

  test('the limit is per WeChat user: another user is not affected', async () => {
    const a = openid();
    const ticketA = await bindTicketFor(a);
    for (let i = 0; i <= BIND_ATTEMPTS_PER_HOUR; i++) await bind(ticketA, wrongAnswers());
    expect((await bind(ticketA, wrongAnswers())).status).toBe(429);
    const ticketB = await bindTicketFor(openid());
    expectApiError(await bind(ticketB, wrongAnswers()), 400, 'binding_failed');
  });

  test('ten tries at once from one WeChat user: never more than five counted', async () => {
    const user = openid();
    const ticket = await bindTicketFor(user);
    const burst = await Promise.all(Array.from({ length: 10 }, () => bind(ticket, wrongAnswers())));
    const statuses = burst.map((r) => r.status);
    const answered = statuses.filter((s) => s === 400).length;
    expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(1);
    expect(answered).toBeLessThanOrEqual(BIND_ATTEMPTS_PER_HOUR);
    for (const r of burst) if (r.status === 429) expect(r.body.message).toMatch(/核对次数过多/);

    // The counter holds exactly the answered tries: none lost, none counted twice.
    expect((await getItem(rateLimitKey(user)))?.attempts).toBe(answered);
    // Sequential tries fill the window to exactly five in all.
    let more = 0;
    for (let i = 0; i < BIND_ATTEMPTS_PER_HOUR; i++) if ((await bind(ticket, wrongAnswers())).status === 400) more += 1;
    expect(answered + more).toBe(BIND_ATTEMPTS_PER_HOUR);
    expect((await getItem(rateLimitKey(user)))?.attempts).toBe(BIND_ATTEMPTS_PER_HOUR);
  });
});

describe('POST /auth/bind: the one successful binding', () => {
  // 李淑珍 can be bound once in the whole run. Two WeChat users race for her with the right
  // answers; exactly one wins. Every later assertion uses the winner's openid.
  const racers = [openid(), openid()];
  let winner: string;
  let loser: string;

  test('two WeChat users binding 李淑珍 at once: exactly one 200, the other refused', async () => {
    expect(lishuzhen.idLast6).toMatch(/^\d{5}[\dX]$/);
    expect((await getItem(keys.person(UNBOUND_PERSON_ID)))?.openid).toBeUndefined();
    const tickets = await Promise.all(racers.map(bindTicketFor));
    const results = await Promise.all(tickets.map((t) => bind(t, rightAnswers)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const w = results.findIndex((r) => r.status === 200);
    winner = racers[w];
    loser = racers[1 - w];

    const { session } = results[w].body;
    expect(session.me).toMatchObject({ personId: UNBOUND_PERSON_ID, name: '李淑珍', role: 'member', familyId: 'f_0003', consent: null });
    expectApiError(results[1 - w], 400, 'binding_failed');

    // The session works on her family's routes.
    const contacts = await call('GET', '/families/f_0003/contacts', { token: session.token });
    expect(contacts.status).toBe(200);
    expect(contacts.body.familyId).toBe('f_0003');
  });

  test('the table holds exactly one binding for her, to the winner, and the winner\'s tries are cleared', async () => {
    expect((await getItem(keys.person(UNBOUND_PERSON_ID)))?.openid).toBe(winner);
    const bindings = await bindingsOf(UNBOUND_PERSON_ID);
    expect(bindings.map((b) => b.openid)).toEqual([winner]);
    expect(await getItem(keys.binding(loser))).toBeUndefined();
    expect(await getItem(rateLimitKey(winner))).toBeUndefined();
    expect((await getItem(rateLimitKey(loser)))?.attempts).toBe(1);
  });

  test('logging in again with a new code: the winner is bound, the loser is not', async () => {
    const again = await login(winner);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('bound');
    expect(again.body.session.me).toMatchObject({ personId: UNBOUND_PERSON_ID, familyId: 'f_0003' });
    expect((await login(loser)).body.status).toBe('unbound');
  });

  test('a third WeChat user with the right answers is refused like a wrong answer, still one binding', async () => {
    const third = openid();
    const res = await bind(await bindTicketFor(third), rightAnswers);
    expectApiError(res, 400, 'binding_failed');
    expect(await getItem(keys.binding(third))).toBeUndefined();
    expect((await bindingsOf(UNBOUND_PERSON_ID)).length).toBe(1);
  });

  test('the winner binding again (an old ticket, a retried request) → 409, nothing duplicated', async () => {
    const { bindTicket } = await issueBindTicket(winner, new Date());
    const res = await bind(bindTicket, rightAnswers);
    expectApiError(res, 409, 'conflict');
    expect((await bindingsOf(UNBOUND_PERSON_ID)).map((b) => b.openid)).toEqual([winner]);
  });
});
