import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { db, tableName } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/keys';
import { listHospitalDay } from '../../functions/lib/db/booking/bookings';
import { type ApiResponse, call, tokenFor } from '../support/api';
import { contentionMembers } from '../support/booking-load';
import { at, HOSPITAL, makeSession } from './booking-support';
import { burst, describeRun, faultScope, MIXED, newTally, type Tally } from './faults-support';
import { expectAgrees, recount } from './ledger-recount';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { getItem, queryPartition } from './support-table';

/**
 * DynamoDB misbehaving under the API (local/dynamo-faults.ts, a proxy in front of DynamoDB Local):
 * throttling, 500s, hung requests and replies lost after the write on a quarter of the DynamoDB
 * requests of each burst. The client retries a 503 after Retry-After with the same Idempotency-Key,
 * as the mini-program does. Afterwards: no 500, every 503 had Retry-After and a Chinese message,
 * exactly one write per logical request, and the running counters equal a recount from the records.
 *
 * Faults hit only this file's calls (their scope header), so it shares the stack with the others;
 * its faulted calls keep the deployed 2 s DynamoDB request timeout.
 */
const RATE = 0.25;
const figures: string[] = [];

beforeAll(async () => {
  await writeLedgerWorld(w, FAMILIES);
});

function expectClean(tally: Tally) {
  expect(tally.statuses[500] ?? 0).toBe(0);
  expect(tally.withoutRetryAfter).toBe(0);
  expect(tally.unreadable).toBe(0);
}

/**
 * A burst of `n` logical requests under faults: each gets its own Idempotency-Key, kept across the
 * client's retries; afterwards the run's figures are noted and no caller saw a 500 or a 503 without
 * Retry-After. `send` gets the request's index and the headers to add (key and fault scope).
 */
async function faultedBurst(tag: string, feature: string, n: number, send: (i: number, headers: Record<string, string>) => Promise<ApiResponse>): Promise<ApiResponse[]> {
  const faults = faultScope(`fx-${tag}`);
  const tally = newTally();
  const started = performance.now();
  await faults.on({ rate: RATE, kinds: MIXED });
  const results = await burst(
    n,
    (i) => {
      const headers = { 'idempotency-key': `fx-${tag}-${i}-${randomBytes(4).toString('hex')}`, ...faults.header };
      return () => send(i, headers);
    },
    tally,
  );
  const stats = await faults.off();
  figures.push(describeRun(feature, n, tally, stats, (performance.now() - started) / 1000));
  expectClean(tally);
  return results;
}

afterAll(() => {
  console.log(`DynamoDB fault injection, ${RATE * 100}% of each burst's DynamoDB requests:\n${figures.join('\n')}`);
});

describe('booking', () => {
  const DATE = '2033-04-05';
  const NOW = at('2033-04-01', '09:00');

  test('a lost reply, then 500s: the caller gets 503 + Retry-After, and its retry with the same key gets the one booking made', async () => {
    const [m] = await contentionMembers(1, 'fxone');
    const session = await makeSession({ date: DATE, quota: 5 });
    const faults = faultScope('fx-one');
    const key = `fx-one-${randomBytes(6).toString('hex')}`;
    const send = (extra: Record<string, string> = {}) =>
      call('POST', `/families/${m.familyId}/bookings`, {
        token: m.token,
        body: { institutionId: session.institutionId, sessionId: session.sessionId, memberId: m.personId },
        headers: { 'x-test-now': NOW, 'idempotency-key': key, ...extra },
      });
    // The transaction reaches DynamoDB and commits, but its reply is lost; the SDK's two retries of
    // it meet a 500 each. The booking exists; the caller has only a 503.
    await faults.on({ rate: 0, operations: ['TransactWriteItems'], script: ['lostReply', 'internal', 'internal'] });
    const failed = await send(faults.header);
    const stats = await faults.off();
    expect(stats.injected).toMatchObject({ lostReply: 1, internal: 2 });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('1');
    expect(failed.body).toEqual({ error: 'service_busy', message: '服务繁忙，请稍后再试' });
    expect((await queryPartition(`MEMBERBK#${m.personId}`)).filter((i) => i.entity === 'bookingGuard')).toHaveLength(1);

    const retried = await send();
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotency-replayed')).toBe('true');
    const guard = await getItem(keys.bookingGuard(m.personId, session.institutionId, session.sessionId));
    expect(retried.body.bookingId).toBe(guard!.bookingId);
    expect((await listHospitalDay(HOSPITAL, DATE, session.departmentId)).map((b) => b.bookingId)).toEqual([guard!.bookingId]);
    expect(await getItem(keys.bookingCounter(m.personId))).toMatchObject({ active: 1 });
    expect((await queryPartition(session.pk)).find((s) => s.sk === session.sk)!.priorityLeft).toBe(4);
  });

  test('a burst of bookings: one booking each, the quota and every member counter equal a recount', async () => {
    const N = 16;
    const QUOTA = 20;
    const members = await contentionMembers(N, 'fxb');
    const session = await makeSession({ date: DATE, quota: QUOTA });
    const results = await faultedBurst('book', 'booking', N, (i, headers) =>
      call('POST', `/families/${members[i].familyId}/bookings`, {
        token: members[i].token,
        body: { institutionId: session.institutionId, sessionId: session.sessionId, memberId: members[i].personId },
        headers: { 'x-test-now': NOW, ...headers },
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(N).fill(201));

    // Recount from the records: the session's bookings, each member's guard and counter.
    const booked = await listHospitalDay(HOSPITAL, DATE, session.departmentId);
    expect(booked).toHaveLength(N);
    expect(new Set(booked.map((b) => b.memberId))).toEqual(new Set(members.map((m) => m.personId)));
    expect(new Set(results.map((r) => r.body.bookingId))).toEqual(new Set(booked.map((b) => b.bookingId)));
    expect((await queryPartition(session.pk)).find((s) => s.sk === session.sk)!.priorityLeft).toBe(QUOTA - booked.length);
    for (const m of members) {
      const own = await queryPartition(`MEMBERBK#${m.personId}`);
      expect(own.filter((i) => i.entity === 'bookingGuard')).toHaveLength(1);
      expect(own.find((i) => i.entity === 'bookingCounter')).toMatchObject({ active: booked.filter((b) => b.memberId === m.personId).length });
    }
  });
});

/** One county of this file's own for messaging, the contact ledger and requests (ledger-world.ts). */
const w = ledgerWorld('fx');
const FAMILIES = 8;
const TODAY = '2026-12-01';
const NOW_HEADER = { 'x-test-now': `${TODAY}T10:00:00+08:00` };
const familyIds = () => Array.from({ length: FAMILIES }, (_, i) => w.family(i + 1));

async function expectDashboardAgrees() {
  const res = await call('GET', '/commission/dashboard', { token: await tokenFor(w.commCounty), headers: NOW_HEADER });
  expect(res.status).toBe(200);
  expectAgrees(res.body, await recount(familyIds(), TODAY));
}

describe('messaging', () => {
  test('messaging: a burst of messages in one conversation, each once; the unread counter equals a recount', async () => {
    const N = 16;
    const token = await tokenFor(w.member);
    const threadId = keys.conversationThreadId(w.family(1), w.cadre);
    const results = await faultedBurst('msg', 'messaging', N, (i, headers) =>
      call('POST', `/families/${w.family(1)}/conversations/${w.cadre}/messages`, { token, body: { text: `故障测试消息 ${i}` }, headers: { ...NOW_HEADER, ...headers } }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(N).fill(201));

    const items = await queryPartition(keys.threadPk(threadId));
    const messages = items.filter((i) => i.entity === 'message');
    expect(messages.map((m) => m.text).sort()).toEqual(Array.from({ length: N }, (_, i) => `故障测试消息 ${i}`).sort());
    expect(new Set(results.map((r) => r.body.message.id))).toEqual(new Set(messages.map((m) => m.messageId)));
    const meta = await getItem(keys.threadMeta(threadId));
    expect(meta!.unreadStaff).toBe(messages.filter((m) => m.senderSide === 'family').length);
  });

});

describe('contact ledger', () => {
  test('the contact ledger: a burst of contacts, each recorded once; the dashboard counters equal a recount', async () => {
    const token = await tokenFor(w.lead);
    const logical = familyIds().flatMap((familyId) => [
      { familyId, type: 'phone', date: '2026-11-30' },
      { familyId, type: 'home_visit', date: TODAY },
    ]);
    const results = await faultedBurst('ledger', 'ledger contact', logical.length, (i, headers) => {
      const { familyId, ...body } = logical[i];
      return call('POST', `/families/${familyId}/contact-log`, { token, body, headers: { ...NOW_HEADER, ...headers } });
    });
    expect(results.map((r) => r.status)).toEqual(Array(logical.length).fill(201));

    for (const familyId of familyIds()) {
      const log = (await queryPartition(keys.familyPk(familyId))).filter((i) => i.entity === 'contactLog' && i.staffId === w.lead);
      expect(log.map((c) => `${c.type}@${c.date}`).sort()).toEqual([`home_visit@${TODAY}`, 'phone@2026-11-30']);
    }
    await expectDashboardAgrees();
  });

});

describe('requests', () => {
  test('requests: a burst of requests, each raised once; the open-request counters equal a recount', async () => {
    const token = await tokenFor(w.cadre);
    const perFamily = 2;
    const logical = familyIds().filter((id) => id !== w.family(2)).flatMap((familyId) => Array.from({ length: perFamily }, (_, n) => ({ familyId, text: `故障测试诉求 ${familyId} ${n}` })));
    const results = await faultedBurst('req', 'requests', logical.length, (i, headers) => {
      const { familyId, text } = logical[i];
      return call('POST', `/families/${familyId}/requests`, { token, body: { category: 'living', text }, headers: { ...NOW_HEADER, ...headers } });
    });
    expect(results.map((r) => r.status)).toEqual(Array(logical.length).fill(201));

    for (const { familyId, text } of logical) {
      const raised = (await queryPartition(keys.familyPk(familyId))).filter((i) => i.entity === 'request' && i.text === text);
      expect(raised).toHaveLength(1);
    }
    await expectDashboardAgrees();
  });

});

describe('follow-ups and signing', () => {
  test("follow-ups: rounds of the signed doctor's visits, each recorded once; the contract's service counters equal a recount", async () => {
    // The signed members (even families) get an active contract to count on and share their health data.
    const signed = familyIds().filter((_, i) => (i + 1) % 2 === 0).map((familyId) => ({ familyId, memberId: `p_lg6m${familyId.slice(-6)}`, contractId: `ct_fx${familyId.slice(-3)}` }));
    for (const m of signed) {
      await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.signingContract(m.memberId, m.contractId), entity: 'signingContract', contractId: m.contractId, memberId: m.memberId, familyId: m.familyId, status: 'active', delivered: { followUps: 0, homeVisits: 0, refills: 0, consultations: 0 } } }));
      await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.signingState(m.memberId), UpdateExpression: 'SET contractId = :c', ExpressionAttributeValues: { ':c': m.contractId } }));
      await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.person(m.memberId), UpdateExpression: 'SET consent = :c', ExpressionAttributeValues: { ':c': { privacyGuideVersion: 'test', agreedAt: `${TODAY}T08:00:00+08:00`, healthData: true, healthDataDecidedAt: `${TODAY}T08:00:00+08:00` } } }));
    }
    const token = await tokenFor(w.doctor);
    const ROUNDS = 3;
    const faults = faultScope('fx-fu');
    const tally = newTally();
    const started = performance.now();
    await faults.on({ rate: RATE, kinds: MIXED });
    // One visit per member at a time: two at once on one plan are told apart by its version (409).
    for (let round = 0; round < ROUNDS; round++) {
      const results = await burst(
        signed.length,
        (i) => {
          const key = `fx-fu-${round}-${i}-${randomBytes(4).toString('hex')}`;
          const { familyId, memberId } = signed[i];
          const kind = round === 1 ? 'visit' : 'phone';
          return () => call('POST', `/families/${familyId}/members/${memberId}/followup-visits`, { token, body: { kind, note: `故障测试随访 ${round}` }, headers: { 'x-test-now': `${TODAY}T1${round}:00:00+08:00`, 'idempotency-key': key, ...faults.header } });
        },
        tally,
      );
      expect(results.map((r) => r.status)).toEqual(Array(signed.length).fill(201));
    }
    const stats = await faults.off();
    figures.push(describeRun('follow-ups', ROUNDS * signed.length, tally, stats, (performance.now() - started) / 1000));
    expectClean(tally);

    for (const m of signed) {
      const visits = (await queryPartition(keys.healthPk(m.memberId))).filter((i) => i.entity === 'followUp' && String(i.note).startsWith('故障测试随访'));
      expect(visits.map((v) => v.note).sort()).toEqual(Array.from({ length: ROUNDS }, (_, r) => `故障测试随访 ${r}`));
      const contract = await getItem(keys.signingContract(m.memberId, m.contractId));
      expect(contract!.delivered).toEqual({ followUps: visits.length, homeVisits: visits.filter((v) => v.kind === 'visit').length, refills: 0, consultations: 0 });
    }
  });
});
