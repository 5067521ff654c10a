import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { allRoles, PRIVACY_GUIDE_VERSION, type Principal, type Role } from '../../domain';
import { issueSessionToken } from '../../functions/lib/auth/tokens';
import { routes, type RouteDef } from '../../functions/routes';
import { SEED_CONSULTATION_ID } from '../../local/seed/messaging';
import { call, tokenFor } from '../support/api';
import { expectApiError, expectReadsOnly, expectSliceUnchanged, ownedBy, SEED_PARTITIONS, sliceFingerprint, type SliceFingerprint, touchable } from './support-table';

/**
 * Every route × every role × own/other family, generated from the route table: a route added
 * without being reachable by the right roles, or reachable by the wrong ones, fails here.
 *
 * Callers and families (this file owns AUDIT#f_0002 and the consent of its callers, see
 * support-table.ts; p_m0003 stands in for "the member" so that the family it owns is f_0002 too):
 * - own family f_0002 (东关社区, 城关镇): p_m0003's family, assigned to p_cadre01, served by p_doc01,
 *   in p_comm01's county. Member in paths: p_m0003.
 * - other family f_0007 (柳林村, 柳林乡): outside the reach of all of them except the county officer,
 *   for whom every seeded family is "own" (no "other" case; a non-existent family stands in).
 * - hospital staff reach no family yet (booking adds that).
 * - the seed has no township-level commission officer: one is minted below with the stack's key.
 */
interface Target {
  familyId: string;
  memberId: string;
  staffId: string;
  consultationId: string;
}
interface Caller {
  personId: string;
  own?: Target;
  other?: Target;
}
// staffId: the family's village cadre, for the conversation routes; consultationId: the seeded
// consultation of p_m0003 with p_doc01 (local/seed/messaging.ts).
const own = { familyId: 'f_0002', memberId: 'p_m0003', staffId: 'p_cadre01', consultationId: SEED_CONSULTATION_ID };
const other = { familyId: 'f_0007', memberId: 'p_m0011', staffId: 'p_cadre03', consultationId: 'q_otherfamily0007' };
const nowhere = { familyId: 'f_9999', memberId: 'p_m9999', staffId: 'p_cadre01', consultationId: 'q_nowhere9999' };

const callers: Record<Role, Caller> = {
  member: { personId: 'p_m0003', own, other },
  contact: { personId: 'p_cadre01', own, other },
  doctor: { personId: 'p_doc01', own, other },
  hospital: { personId: 'p_hosp01', other },
  commission: { personId: 'p_comm01', own, other: nowhere },
};

let seedBefore: SliceFingerprint;
beforeAll(async () => {
  seedBefore = await sliceFingerprint(SEED_PARTITIONS);
});

test('the callers are the ones this file owns', () => {
  expect(Object.values(callers).map((c) => c.personId).sort()).toEqual([...ownedBy.matrix.persons].sort());
  expect(own.familyId).toBe(ownedBy.matrix.audit[0]);
  expect(Object.keys(callers).sort()).toEqual([...allRoles].sort());
});

/** A valid body for every route that takes one; a new body route without one fails the suite. */
const validBodies: Partial<Record<string, unknown>> = {
  'me.putConsent': { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData: true },
  'me.grantSubscriptions': { accepted: ['message.new'] },
  'messaging.presignConversationUpload': { kind: 'image', contentType: 'image/jpeg', size: 1024 },
  'messaging.sendConversationMessage': { text: '权限矩阵测试' },
  'messaging.readConversation': {},
  'messaging.createConsultation': { consultationId: 'q_matrixcreate01', subject: '权限矩阵', description: '权限矩阵测试', urgentSymptoms: false },
  'messaging.presignConsultationUpload': { kind: 'image', contentType: 'image/jpeg', size: 1024 },
  'messaging.sendConsultationMessage': { text: '权限矩阵测试' },
  'messaging.readConsultation': {},
  // Last of the consultation routes in the table, so the sends above still find it open.
  'messaging.closeConsultation': {},
};
const bodyRoutes = new Set(['POST', 'PUT']);

const fill = (route: RouteDef, target: Target) =>
  route.path.replace('{familyId}', target.familyId).replace('{memberId}', target.memberId).replace('{staffId}', target.staffId).replace('{consultationId}', target.consultationId);

type Scope = 'own' | 'other' | 'none';
interface Case {
  route: RouteDef;
  role: Role;
  scope: Scope;
  path: string;
  target?: Target;
  expected: 'allowed' | 'role-denied' | 'scope-denied';
}

const protectedRoutes = routes.filter((r): r is (typeof routes)[number] & { access: { kind: 'roles' } } => r.access.kind === 'roles');
const cases: Case[] = [];
for (const route of protectedRoutes) {
  const familyScoped = 'scope' in route.access && route.access.scope === 'family';
  for (const role of allRoles) {
    const allowed = (route.access.roles as readonly Role[]).includes(role);
    const caller = callers[role];
    if (!familyScoped) {
      cases.push({ route, role, scope: 'none', path: route.path, expected: allowed ? 'allowed' : 'role-denied' });
      continue;
    }
    for (const scope of ['own', 'other'] as const) {
      const target = caller[scope] ?? own;
      cases.push({ route, role, scope, path: fill(route, target), target, expected: !allowed ? 'role-denied' : scope === 'own' ? 'allowed' : 'scope-denied' });
    }
  }
}

test('every route that needs a caller is in the matrix, for every role', () => {
  for (const route of protectedRoutes) for (const role of allRoles) expect(cases.some((c) => c.route.id === route.id && c.role === role)).toBe(true);
  for (const route of routes) if (bodyRoutes.has(route.method) && route.access.kind === 'roles') expect(validBodies[route.id]).toBeDefined();
});

describe.each(cases.map((c) => [`${c.route.method} ${c.path} as ${c.role} (${c.scope}) → ${c.expected}`, c] as const))('%s', (_label, c) => {
  test('answers as the route table says', async () => {
    const token = await tokenFor(callers[c.role].personId);
    const send = () => call(c.route.method, c.path, { token, body: validBodies[c.route.id] });
    if (c.expected === 'allowed') {
      const res = await send();
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      return;
    }
    // Denied: 403 forbidden, only {error, message}, and nothing of the resource read or written.
    const res = await expectSliceUnchanged(touchable({ familyId: c.target?.familyId, memberId: c.target?.memberId }), send);
    expectApiError(res, 403, 'forbidden');
    expect(Object.keys(res.body).sort()).toEqual(['error', 'message']);
    if (c.expected === 'role-denied') {
      // Refused on the token alone, before any DynamoDB request.
      expect(res.ddbRequests).toBe(0);
    } else {
      // At most the key-only scope read (member: none, the family is in the token).
      expectReadsOnly(res, c.role === 'member' ? 0 : 1);
    }
  });
});

describe('public routes', () => {
  test.each(routes.filter((r) => r.access.kind === 'public').map((r) => [r.id, r] as const))('%s needs no token (reaches validation, not the gateway)', async (_id, route) => {
    const res = await call(route.method, route.path, { body: {} });
    expectApiError(res, 400, 'invalid_request');
  });
});

describe('the gateway: no token or a bad one', () => {
  const anyProtected = protectedRoutes.map((r) => [r.id, r] as const);
  const principal: Principal = { personId: 'p_m0003', role: 'member', familyId: 'f_0002' };

  test.each(anyProtected)('%s without Authorization → 401 Unauthorized', async (_id, route) => {
    const res = await call(route.method, fill(route, own), { body: validBodies[route.id] });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Unauthorized' });
    expect(res.headers.get('x-lianxin-ddb-requests')).toBeNull();
  });

  test.each(anyProtected)('%s with a garbage, wrongly signed, expired or non-Bearer token → 403 Forbidden', async (_id, route) => {
    const path = fill(route, own);
    const wrongKey = await new SignJWT({ role: 'commission', reg: 'c_qinghe', lvl: 'county' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('p_comm01')
      .setIssuer('lianxin')
      .setAudience('lianxin:api')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(randomBytes(32));
    const expired = (await issueSessionToken(principal, new Date(Date.now() - 2 * 3600_000))).token;
    const valid = (await issueSessionToken(principal, new Date())).token;
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${valid.split('.')[1]}.`;
    for (const authorization of [
      'Bearer garbage',
      'Bearer ',
      `Bearer ${wrongKey}`,
      `Bearer ${expired}`,
      `Bearer ${unsigned}`,
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      valid,
      `bearer ${valid}x`,
    ]) {
      const res = await call(route.method, path, { body: validBodies[route.id], headers: { authorization } });
      expect({ authorization, status: res.status, body: res.body }).toEqual({ authorization, status: 403, body: { message: 'Forbidden' } });
      expect(res.headers.get('x-lianxin-ddb-requests')).toBeNull();
    }
  });

  test('a token for one role cannot be turned into another by editing its claims', async () => {
    const valid = (await issueSessionToken(principal, new Date())).token;
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const edited = Buffer.from(JSON.stringify({ ...claims, role: 'commission', reg: 'c_qinghe', lvl: 'county' })).toString('base64url');
    const res = await call('GET', '/commission/families', { token: `${header}.${edited}.${signature}` });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ message: 'Forbidden' });
  });
});

describe('a township-level commission officer (not in the seed: token minted with the stack key)', () => {
  // Authorization is decided from the token's principal, so a minted principal exercises the
  // township branch of the scope check and the region list exactly as a seeded officer would.
  const township: Principal = { personId: 'p_commtown01', role: 'commission', level: 'township', regionId: 't_chengguan', orgId: 'org_wjw' };
  let token: string;
  beforeAll(async () => {
    token = (await issueSessionToken(township, new Date())).token;
  });

  test('reads a family of the township, not one of the other township', async () => {
    expect((await call('GET', '/families/f_0002/contacts', { token })).status).toBe(200);
    const res = await expectSliceUnchanged(touchable({ familyId: other.familyId }), () => call('GET', `/families/${other.familyId}/contacts`, { token }));
    expectApiError(res, 403, 'forbidden');
    expectReadsOnly(res, 1);
    const reveal = await expectSliceUnchanged(touchable(other), () => call('GET', `/families/${other.familyId}/members/${other.memberId}/phone`, { token }));
    expectApiError(reveal, 403, 'forbidden');
    expectReadsOnly(reveal, 1);
  });

  test('lists only its township, and may not ask for another', async () => {
    const res = await call('GET', '/commission/families', { token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((f: { familyId: string }) => f.familyId).sort()).toEqual(['f_0001', 'f_0002', 'f_0003', 'f_0004', 'f_0005', 'f_0006']);
    const same = await call('GET', '/commission/families?townshipId=t_chengguan', { token });
    expect(same.status).toBe(200);
    const otherTownship = await call('GET', '/commission/families?townshipId=t_liulin', { token });
    expectApiError(otherTownship, 403, 'forbidden');
    expect(otherTownship.ddbRequests).toBe(0);
  });
});

describe('cross-checks of scope', () => {
  test("a member's token names their family: another family's id in the path is refused, whatever the family", async () => {
    const token = await tokenFor('p_m0003');
    for (const familyId of ['f_0001', 'f_0003', 'f_0012', 'f_9999']) {
      for (const suffix of ['contacts', 'card', 'access-log']) {
        const res = await call('GET', `/families/${familyId}/${suffix}`, { token });
        expectApiError(res, 403, 'forbidden');
        expect(res.ddbRequests).toBe(0);
      }
    }
  });

  test('a doctor reaches families they serve, not the other doctor\'s', async () => {
    const token = await tokenFor('p_doc03');
    expect((await call('GET', '/families/f_0009/contacts', { token })).status).toBe(200);
    const res = await call('GET', '/families/f_0004/contacts', { token });
    expectApiError(res, 403, 'forbidden');
  });

  test('the phone route checks the member belongs to the family in the path (scope is on the family)', async () => {
    // p_cadre01 reaches f_0002 but p_m0011 lives in f_0007: not found, nothing audited.
    const token = await tokenFor('p_cadre01');
    const res = await expectSliceUnchanged(touchable({ familyId: own.familyId, memberId: other.memberId }), () =>
      call('GET', `/families/${own.familyId}/members/${other.memberId}/phone`, { token }),
    );
    expectApiError(res, 404, 'not_found');
    expect(res.body.phone).toBeUndefined();
  });
});

test('after the whole matrix the seeded family partitions are unchanged', async () => {
  expect(await sliceFingerprint(SEED_PARTITIONS)).toEqual(seedBefore);
});
