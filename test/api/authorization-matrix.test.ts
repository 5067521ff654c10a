import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { addDays, allRoles, beijingDate, PRIVACY_GUIDE_VERSION, type Principal, type Role } from '../../domain';
import { issueSessionToken } from '../../functions/lib/auth/tokens';
import { followupsRoutes } from '../../functions/followups/routes';
import { routes, type RouteDef } from '../../functions/routes';
import { db, tableName } from '../../functions/lib/db/client';
import { seedContactId } from '../../local/seed/ledger';
import { personItem } from '../../local/seed/seed';
import { SEED_CONSULTATION_ID } from '../../local/seed/messaging';
import { call, tokenFor } from '../support/api';
import { bookingMatrixBodies, bookingNeedsResources, fillBookingIds } from './booking-authorization';
import { institutionsMatrixBodies, institutionsReachedStatus } from './institutions-authorization';
import { countySupportMatrixBodies, countySupportReachedStatus } from './county-support-authorization';
import { walkInMatrixBodies, walkInNeedsResources } from './walk-in-authorization';
import { fillPeopleIds, peopleMatrixBodies, peopleReachedStatus } from './people-authorization';
import { actingMatrixBodies, actingNeedsResources, actingTeamScoped } from './acting-authorization';
import { lifecycleMatrixBodies, lifecycleReachedStatus, policySupportMatrixBodies } from './lifecycle-authorization';
import { describeCityOfficer } from './city-authorization';
import { changesReachedStatus } from './changes-authorization';
import { expectApiError, expectReadsOnly, expectSliceUnchanged, operations, ownedBy, SEED_PARTITIONS, sliceFingerprint, type SliceFingerprint, touchable } from './support-table';

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
  'signing.apply': { memberId: own.memberId },
  'signing.accept': {},
  'signing.decline': { reason: '团队已满员' },
  'signing.presignSignature': { contentType: 'image/png', size: 2048 },
  'signing.signHomeVisit': { familyId: own.familyId, memberId: own.memberId },
  // 东关社区 is served already: the officer reaches the handler and is refused, nothing written.
  'signing.createTeam': { name: '矩阵团队', townshipId: 't_chengguan', villages: [{ villageId: 'v_dongguan', name: '东关社区' }], leadId: 'p_doc01', members: [{ personId: 'p_doc01', role: 'gp' }], povertyForm: false },
  'signing.updateTeam': { name: '矩阵团队', townshipId: 't_chengguan', villages: [{ villageId: 'v_dongguan', name: '东关社区' }], leadId: 'p_doc01', members: [{ personId: 'p_doc01', role: 'gp' }], povertyForm: false, version: 1 },
  'signing.confirm': { key: 'sign/f_0002/ct_20260101nothere/p_m0003/0b7f0c1e-2d2c-4a8f-9d55-1f0f3f9d1a2b.png' },
  'signing.renew': {},
  'signing.terminate': { reason: 'death', date: '2026-01-01' },
  'signing.changeTeam': { teamId: 'tm_liulin', reason: 'member_request', date: '2026-01-01' },
  'me.grantSubscriptions': { accepted: ['message.new'] },
  'messaging.presignConversationUpload': { kind: 'image', contentType: 'image/jpeg', size: 1024 },
  ...bookingMatrixBodies,
  ...institutionsMatrixBodies,
  ...countySupportMatrixBodies,
  ...walkInMatrixBodies,
  ...peopleMatrixBodies,
  ...actingMatrixBodies,
  ...lifecycleMatrixBodies,
  ...policySupportMatrixBodies,
  'followups.putHealthFile': { conditions: ['hypertension'], otherConditions: [], mobility: 'independent', medicines: [{ name: '氨氯地平片' }], allergies: [], stability: 'stable' },
  'followups.putPlan': { cadence: 'monthly' },
  'followups.submit': { readings: { systolic: 128, diastolic: 82 }, symptoms: [], missedDoses: 0, mood: 'good' },
  'followups.recordVisit': { kind: 'phone', note: '电话随访，血压平稳' },
  'followups.reply': { advice: '继续按时服药' },
  'prescriptions.create': { items: [{ medicine: '氨氯地平片', dose: '每日1次，每次1片', quantity: '2盒' }], supplyDays: 28, refills: 1, validUntil: addDays(beijingDate(new Date()), 180) },
  'prescriptions.approveRefill': {},
  'prescriptions.refillReady': {},
  'prescriptions.requestRefill': { fulfilment: 'delivery' },
  'prescriptions.declineRefill': { reason: '请先复查' },
  'policy.addCost': { memberId: own.memberId, visitDate: '2026-10-01', place: '清河县人民医院', totalFen: 100, basicInsuranceFen: 0, seriousIllnessFen: 0, medicalAssistanceFen: 0, commercialFen: 0, claimPending: false },
  'ledger.recordContact': { type: 'phone', date: beijingDate(new Date()) },
  'ledger.editContact': { reason: '权限矩阵测试', version: 1 },
  // Hands the leader's place to the person who holds it: past the role and scope checks the
  // handler refuses the no-op with 409. A real hand-over would change a seeded family others read.
  'ledger.handOver': { kind: 'township_leader', toStaffId: 'p_lead01' },
  'requests.create': { category: 'other', text: '权限矩阵测试' },
  'requests.update': { status: 'in_progress', version: 1 },
  'survey.answer': { awareness: 'know_all', satisfaction: 'satisfied' },
  'imports.presignUpload': { contentType: 'text/csv', size: 100 },
  // Names no uploaded file: past the role check the handler answers 404 and writes nothing.
  'imports.start': { kind: 'staff', key: 'imports/p_comm01/matrix-nothere.csv' },
  'messaging.sendConversationMessage': { text: '权限矩阵测试' },
  'messaging.readConversation': {},
  'messaging.createConsultation': { consultationId: 'q_matrixcreate01', subject: '权限矩阵', description: '权限矩阵测试', urgentSymptoms: false },
  'messaging.presignConsultationUpload': { kind: 'image', contentType: 'image/jpeg', size: 1024 },
  'messaging.sendConsultationMessage': { text: '权限矩阵测试' },
  'messaging.readConsultation': {},
  // Last of the consultation routes in the table, so the sends above still find it open.
  'messaging.closeConsultation': {},
  'articles.publish': { title: '权限矩阵测试', text: '权限矩阵测试，这是一篇测试文章。' },
  // Raised in 城关镇 with its leader responsible: a problem of its own, nothing seeded is touched.
  'problems.create': { townshipId: 't_chengguan', area: 'other', description: '权限矩阵测试', responsibleUnit: '城关镇人民政府', leaderName: '张建华', responsiblePersonId: 'p_lead01', measures: '权限矩阵测试', deadline: '2099-12-31' },
  'problems.update': { area: 'other', description: '权限矩阵测试', responsibleUnit: '城关镇人民政府', leaderName: '张建华', responsiblePersonId: 'p_lead01', measures: '权限矩阵测试', deadline: '2099-12-31', version: 1 },
  'problems.rectify': { evidence: '权限矩阵测试，已经整改完成。', version: 1 },
};
/** A seeded contact in f_0002 by p_cadre01 (local/seed/ledger.ts), for the ledger's {contactId}. */
const matrixContactId = seedContactId('f_0002', 'p_cadre01', 9);

/**
 * Routes whose allowed callers reach the handler and get a business answer rather than 2xx with
 * the matrix's placeholder ids: p_m0003 is already signed (409); there is no application, contract
 * or policy-support ledger under these ids or for f_0002 (404). Any 403 here would be a wrong denial.
 */
const reachedHandlerStatus: Partial<Record<string, number>> = {
  'signing.apply': 409,
  'signing.accept': 404,
  'signing.decline': 404,
  'signing.presignSignature': 404,
  'signing.createTeam': 400,
  // p_m0003 is signed already: one active contract, so the home visit is refused.
  'signing.signHomeVisit': 409,
  'signing.updateTeam': 404,
  // {staffId} is the village cadre p_cadre01, not a doctor: the county's doctor directory has no such number.
  'signing.lookupTeamStaff': 404,
  'signing.confirm': 404,
  'signing.getSignature': 404,
  'signing.renew': 404,
  'signing.terminate': 404,
  'signing.changeTeam': 404,
  'policy.getLedger': 404,
  'policy.addCost': 404,
  'ledger.handOver': 409,
  // No request under the placeholder id.
  'requests.update': 404,
  'imports.start': 404,
  // No import under the placeholder id (and only its importer may read one).
  'imports.get': 404,
  // No article under the placeholder id.
  'articles.read': 404,
  // No problem under the placeholder id.
  'problems.update': 404,
  'problems.rectify': 404,
  ...institutionsReachedStatus,
  ...countySupportReachedStatus,
  ...peopleReachedStatus,
  ...lifecycleReachedStatus,
  ...changesReachedStatus,
};
/**
 * Routes whose success needs an earlier state (a refill to decide, a follow-up to reply to): the
 * matrix names ids that do not exist, so passing the gate shows as 404 or 409, never 403.
 */
/** Routes where a doctor's authority is the contract's team (functions/signing/contract-access.ts). */
const teamScoped = new Set(['signing.presignSignature', 'signing.confirm', 'signing.terminate']);
/** Health routes: a doctor's reach is the member's signed doctor or contract team (domain/policy/health-access.ts). */
const healthTeamScoped = new Set<string>([...followupsRoutes.filter((r) => r.path.includes('{memberId}')).map((r) => r.id), ...actingTeamScoped]);
const needsState = new Set(['followups.reply', 'prescriptions.requestRefill', 'prescriptions.approveRefill', 'prescriptions.declineRefill', 'prescriptions.refillReady']);
const otherIds = { followUpId: 'fu_000176377100000abcdef0123456789', prescriptionId: 'rx_0123456789abcdef01234567', refillId: 'rf_0123456789abcdef01234567' };
const bodyRoutes = new Set(['POST', 'PUT']);

const placeholderIds = { ...otherIds, contractId: 'ct_20260101nothere', applicationId: 'ap_20260101nothere', contactId: matrixContactId, teamId: 'tm_nothere', requestId: 'rq_matrixnothere01', importId: 'imp_000000000000000000000000', entryId: 'ce_matrixnothere01', articleId: 'ar_matrixnothere01', problemId: 'pb_matrixnothere01' };
const fill = (route: RouteDef, target: Target) =>
  fillPeopleIds(fillBookingIds(
    Object.entries(placeholderIds).reduce(
      (p, [k, v]) => p.replace(`{${k}}`, v),
      route.path.replace('{familyId}', target.familyId).replace('{memberId}', target.memberId).replace('{staffId}', target.staffId).replace('{consultationId}', target.consultationId),
    ),
  ));

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
  // A family in the path is checked for scope, by the route table (`scope: 'family'`) or, for
  // health data, by the one health-access rule in the handler (domain/policy/health-access.ts).
  const familyScoped = ('scope' in route.access && route.access.scope === 'family') || route.path.includes('{familyId}');
  for (const role of allRoles) {
    const allowed = (route.access.roles as readonly Role[]).includes(role);
    const caller = callers[role];
    if (!familyScoped) {
      cases.push({ route, role, scope: 'none', path: fill(route, caller.own ?? own), expected: allowed ? 'allowed' : 'role-denied' });
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
    if (c.expected === 'allowed' && (bookingNeedsResources.has(c.route.id) || walkInNeedsResources.has(c.route.id) || actingNeedsResources.has(c.route.id))) {
      // Past the role and scope checks; booking-authorization.test.ts exercises it on real data.
      const res = await send();
      expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
      return;
    }
    if (c.expected === 'allowed') {
      const res = await send();
      if (needsState.has(c.route.id) && (res.status === 404 || res.status === 409)) return;
      const reached = reachedHandlerStatus[c.route.id];
      if (reached) {
        expect({ status: res.status, error: res.body?.error }).toEqual({ status: reached, error: ({ 400: 'invalid_request', 409: 'conflict' } as Record<number, string>)[reached] ?? 'not_found' });
        return;
      }
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      return;
    }
    // Denied: 403 forbidden, only {error, message}, and nothing of the resource read or written.
    const res = await expectSliceUnchanged(touchable({ familyId: c.target?.familyId, memberId: c.target?.memberId }), send);
    if (c.expected === 'scope-denied' && c.role === 'doctor' && teamScoped.has(c.route.id)) {
      // A doctor's reach here is the contract's team, not the family: the contract is read to
      // know its team, so a made-up one is "not found" (signing.test.ts covers another team's).
      expectApiError(res, 404, 'not_found');
      expectReadsOnly(res, 1);
      return;
    }
    expectApiError(res, 403, 'forbidden');
    expect(Object.keys(res.body).sort()).toEqual(['error', 'message']);
    if (c.expected === 'role-denied') {
      // Refused on the token alone, before any DynamoDB request.
      expect(res.ddbRequests).toBe(0);
    } else if (c.role === 'doctor' && healthTeamScoped.has(c.route.id)) {
      // Health data: the member's context (one BatchGet), then, for a doctor who is not the
      // signed one, whether they are on the member's contract team (one key-only GetItem).
      expectReadsOnly(res, 2);
      expect(operations(res)).toEqual(['BatchGetItemCommand', 'GetItemCommand']);
    } else {
      // At most the key-only scope read (member: none, the family is in the token).
      expectReadsOnly(res, c.role === 'member' ? 0 : 1);
    }
  });
});

describeCityOfficer(protectedRoutes, (route) => ({ path: fill(route, own), body: validBodies[route.id] }));

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
    // Lists that show families' types audit the read under the viewer's name: the officer has a record.
    const officer = await personItem({ personId: township.personId, name: '城关镇卫健办', role: 'commission', gender: 'female', birthDate: '1980-01-01', commissionLevel: 'township', regionId: 't_chengguan', orgId: 'org_wjw', organisation: '城关镇卫健办' }, '13900000001');
    await db().send(new PutCommand({ TableName: tableName(), Item: officer }));
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
