import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchPutAll } from '../../functions/lib/db/batch';
import { db, tableName } from '../../functions/lib/db/client';
import type { PersonItem } from '../../functions/lib/db/items';
import { staffDirectoryItem } from '../../functions/lib/db/staff-directory';
import { keys } from '../../functions/lib/db/keys';
import { requestFigures, surveyFigures } from '../../functions/lib/db/ledger-requests';
import { call, tokenFor } from '../support/api';
import { expectIdempotent } from './idempotency-support';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, expectReadsOnly, getItem, queryPartition } from './support-table';

/**
 * Requests (诉求) over HTTP on DynamoDB Local: raising (idempotent), the state machine and its
 * timeline, escalation by due date, who sees what, the hand-over moving open requests in its own
 * transaction, and the quarterly survey. This file's own county (ledger-world.ts, tag "r").
 */
const w = ledgerWorld('r');
const at = (iso: string) => ({ 'x-test-now': iso });
// Requests' overdue notices are real outbox items, and the local sender sweeps them by the real
// clock: the file's dates lie ahead of today, so a notice the test expects pending (or cancels)
// is not sent under it. Move them on when today catches up with them.
const NOW = at('2027-11-20T09:30:00+08:00');
const tA = w.townships[0];
let member = '';
let cadre = '';
beforeAll(async () => {
  expect({ filesDatesAhead: new Date('2027-11-20T09:30:00+08:00').getTime() > Date.now() }).toEqual({ filesDatesAhead: true });
  const profiles = await writeLedgerWorld(w, 10);
  expect(profiles).toHaveLength(10);
  const staff = await Promise.all([w.cadre, w.cadre2, w.lead].map((id) => getItem(keys.person(id))));
  await batchPutAll(staff.map((p) => staffDirectoryItem(p as PersonItem, w.countyId)! as unknown as Record<string, unknown>));
  member = await tokenFor(w.member);
  cadre = await tokenFor(w.cadre);
});

const raise = (familyId: string, body: Record<string, unknown>, token: string, key?: string, headers = NOW) =>
  call('POST', `/families/${familyId}/requests`, { token, body, headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) } });
const move = (familyId: string, requestId: string, body: Record<string, unknown>, token: string, headers = NOW) =>
  call('PUT', `/families/${familyId}/requests/${requestId}`, { token, body, headers });
const ids = (res: { body: { items: Array<{ requestId: string }> } }) => res.body.items.map((r) => r.requestId);

test('a member raises a request: assigned to the cadre, due in 7 days, counted, the leader\'s overdue notice scheduled; a retry writes nothing', async () => {
  const F = w.family(1);
  const statsBefore = (await getItem(keys.requestStats(w.countyId, tA))) ?? { opened: 0, active: 0 };
  const res = await raise(F, { category: 'medical', text: '老伴腿脚不便，想请人陪同去县医院复查' }, member, 'rq-r-create-1');
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    familyId: F,
    category: 'medical',
    status: 'open',
    dueDate: '2027-11-27',
    raisedBy: { personId: w.member, name: '成员1' },
    assignee: { staffId: w.cadre, name: '测试村干部' },
    escalation: 'none',
    version: 1,
    timeline: [{ status: 'open', byRole: 'family', byName: '成员1', assignedTo: '测试村干部', at: '2027-11-20T09:30:00+08:00' }],
  });
  expect(res.body.requestId).toMatch(/^rq_/);
  const stats = (await getItem(keys.requestStats(w.countyId, tA)))!;
  expect({ opened: stats.opened, active: stats.active }).toEqual({ opened: statsBefore.opened + 1, active: statsBefore.active + 1 });
  expect(await getItem(keys.outbox(keys.requestOverdueNoticeKey(res.body.requestId)))).toMatchObject({
    recipientId: w.lead,
    template: 'request.update',
    status: 'pending',
    nextAttemptAt: '2027-11-28T09:00:00+08:00',
  });

  const partition = await queryPartition(keys.familyPk(F));
  const again = await raise(F, { category: 'medical', text: '老伴腿脚不便，想请人陪同去县医院复查' }, member, 'rq-r-create-1');
  expect(again.status).toBe(201);
  expect(again.headers.get('idempotency-replayed')).toBe('true');
  expect(again.body).toEqual(res.body);
  expect(await queryPartition(keys.familyPk(F))).toEqual(partition);
  expect(await getItem(keys.requestStats(w.countyId, tA))).toEqual(stats);
  // The same key with other content is not a retry.
  expectApiError(await raise(F, { category: 'housing', text: '别的事' }, member, 'rq-r-create-1'), 409, 'idempotency_key_reused');

  // The family and the cadre see it; the cadre's list is one Query.
  expect(ids(await call('GET', `/families/${F}/requests`, { token: member, headers: NOW }))).toContain(res.body.requestId);
  const mine = await call('GET', '/contact/requests', { token: cadre, headers: NOW });
  expect(ids(mine)).toContain(res.body.requestId);
  expect(mine.ddbRequests).toBe(1);
});

test('the state machine: in progress, then resolved; stale, impossible and incomplete changes are refused and write nothing', async () => {
  const F = w.family(4);
  const memberToken = await tokenFor((await getItem(keys.familyProfile(F)))!.members[0].personId);
  const created = await raise(F, { category: 'living', text: '冬天取暖的煤不够了', dueDate: '2027-11-25' }, memberToken, 'rq-r-sm-1');
  expect(created.status).toBe(201);
  const R = created.body.requestId;

  const progress = await move(F, R, { status: 'in_progress', note: '已联系村里协调', version: 1 }, cadre, at('2027-11-21T10:00:00+08:00'));
  expect(progress.status).toBe(200);
  expect(progress.body).toMatchObject({ status: 'in_progress', version: 2 });
  expect(progress.body.timeline[1]).toMatchObject({ status: 'in_progress', byRole: 'staff', byName: '测试村干部', note: '已联系村里协调' });
  const memberId = created.body.raisedBy.personId;
  expect(await getItem(keys.outbox(`request.update#${R}#2#${memberId}`))).toMatchObject({ recipientId: memberId, template: 'request.update', data: { subject: '生活照料', status: '正在办理' } });

  const before = await queryPartition(keys.familyPk(F));
  const stale = await move(F, R, { status: 'resolved', version: 1 }, cadre);
  expectApiError(stale, 409, 'conflict');
  const backwards = await move(F, R, { status: 'in_progress', version: 2 }, cadre);
  expectApiError(backwards, 409, 'conflict');
  const noReason = await move(F, R, { status: 'declined', version: 2 }, cadre);
  expectApiError(noReason, 400, 'invalid_request');
  expect(noReason.body.fields).toEqual({ 'body.reason': '请写明原因' });
  const noDepartment = await move(F, R, { status: 'referred', version: 2 }, cadre);
  expect(noDepartment.body.fields).toEqual({ 'body.department': '请填写转交的部门' });
  expectApiError(await move(F, R, { status: 'open', version: 2 }, cadre), 400, 'invalid_request');
  // Refused before anything is read but the scope check's key-only item.
  for (const r of [noReason, noDepartment]) expectReadsOnly(r, 1);
  expect(await queryPartition(keys.familyPk(F))).toEqual(before);

  const statsBefore = (await getItem(keys.requestStats(w.countyId, tA)))!;
  const resolved = await move(F, R, { status: 'resolved', note: '已送去两吨煤', version: 2 }, cadre, at('2027-11-22T10:00:00+08:00'));
  expect(resolved.body).toMatchObject({ status: 'resolved', version: 3, escalation: 'none' });
  const stats = (await getItem(keys.requestStats(w.countyId, tA)))!;
  expect(stats.active).toBe(statsBefore.active - 1);
  expect(stats.resolved).toBe((statsBefore.resolved ?? 0) + 1);
  // Closed before its due date: the leader's overdue notice is dropped; it leaves the lists.
  expect(await getItem(keys.outbox(keys.requestOverdueNoticeKey(R)))).toBeUndefined();
  expect(ids(await call('GET', '/contact/requests', { token: cadre, headers: NOW }))).not.toContain(R);
  expectApiError(await move(F, R, { status: 'referred', department: '民政局', version: 3 }, cadre), 409, 'conflict');
  // The family sees the whole timeline.
  const family = await call('GET', `/families/${F}/requests`, { token: memberToken, headers: NOW });
  expect(family.body.items.find((r: { requestId: string }) => r.requestId === R).timeline.map((e: { status: string }) => e.status)).toEqual(['open', 'in_progress', 'resolved']);
});

test('referred and declined record the department and the reason', async () => {
  const F = w.family(6);
  const a = await raise(F, { category: 'housing', text: '房顶漏雨需要修缮' }, cadre, 'rq-r-ref-1');
  expect(a.body.timeline[0].byRole).toBe('staff');
  const referred = await move(F, a.body.requestId, { status: 'referred', department: '县住建局', version: 1 }, await tokenFor(w.commCounty));
  expect(referred.body.timeline[1]).toMatchObject({ status: 'referred', department: '县住建局', byName: '测试县卫健委' });
  const b = await raise(F, { category: 'financial', text: '想申请额外补助' }, cadre, 'rq-r-dec-1');
  const declined = await move(F, b.body.requestId, { status: 'declined', reason: '已享受最高标准补助', version: 1 }, cadre);
  expect(declined.body.timeline[1]).toMatchObject({ status: 'declined', reason: '已享受最高标准补助' });
});

test('overdue requests escalate: to the township leader the day after the due date, to commission staff after 7 more days', async () => {
  const F = w.family(8); // township A
  const R = (await raise(F, { category: 'emotional', text: '老人情绪低落，希望常来看看', dueDate: '2027-11-20' }, cadre, 'rq-r-esc-1')).body.requestId;
  const lead = await tokenFor(w.lead);
  const county = await tokenFor(w.commCounty);
  const escalatedOf = async (token: string, path: string, now: string) => {
    const res = await call('GET', path, { token, headers: at(now) });
    expect(res.status).toBe(200);
    return res.body.items.find((r: { requestId: string }) => r.requestId === R);
  };
  // Due today: in time.
  expect(await escalatedOf(lead, '/contact/requests?view=escalated', '2027-11-20T20:00:00+08:00')).toBeUndefined();
  expect((await escalatedOf(cadre, '/contact/requests', '2027-11-20T20:00:00+08:00')).escalation).toBe('none');
  // A day late: the township leader sees it, commission staff not yet.
  expect((await escalatedOf(lead, '/contact/requests?view=escalated', '2027-11-21T08:00:00+08:00')).escalation).toBe('township');
  expect(await escalatedOf(county, '/commission/requests', '2027-11-27T20:00:00+08:00')).toBeUndefined();
  // Eight days late: commission staff of the county see it; the other township's officer does not.
  expect((await escalatedOf(county, '/commission/requests', '2027-11-28T08:00:00+08:00')).escalation).toBe('commission');
  expect(await escalatedOf(await tokenFor(w.commTownship), '/commission/requests', '2027-11-28T08:00:00+08:00')).toBeUndefined();
  expectApiError(await call('GET', `/commission/requests?townshipId=${tA}`, { token: await tokenFor(w.commTownship), headers: NOW }), 403, 'forbidden');
  // A village cadre has no township view.
  expectApiError(await call('GET', '/contact/requests?view=escalated', { token: cadre, headers: NOW }), 403, 'forbidden');
  // The dashboard figures: open from the counter, overdue from the index.
  const figures = (await requestFigures(w.countyId, '2027-11-29')).find((t) => t.townshipId === tA)!;
  expect(figures.overdue).toBeGreaterThanOrEqual(1);
  expect(figures.open).toBeGreaterThanOrEqual(figures.overdue);
});

test('who sees what: a family only its own, a cadre only assigned families, a township officer only its township', async () => {
  const F = w.family(1);
  const otherMember = await tokenFor(`p_lg6m${w.family(3).slice(-6)}`);
  expectApiError(await call('GET', `/families/${F}/requests`, { token: otherMember }), 403, 'forbidden');
  expectApiError(await raise(F, { category: 'other', text: '替别人家提' }, otherMember), 403, 'forbidden');
  const notAssigned = await tokenFor(w.cadre2);
  expectApiError(await call('GET', `/families/${F}/requests`, { token: notAssigned }), 403, 'forbidden');
  expect(ids(await call('GET', '/contact/requests', { token: notAssigned, headers: NOW }))).toEqual([]);
  expectApiError(await call('GET', `/families/${F}/requests`, { token: await tokenFor(w.commTownship) }), 403, 'forbidden');
  expect((await call('GET', `/families/${F}/requests`, { token: await tokenFor(w.commCounty) })).status).toBe(200);
  // Members cannot move a request on; doctors do not handle requests.
  expectApiError(await move(F, 'rq_0123456789abcdef', { status: 'resolved', version: 1 }, member), 403, 'forbidden');
  expectApiError(await call('GET', `/families/${F}/requests`, { token: await tokenFor(w.doctor) }), 403, 'forbidden');
});

test('bad input is refused with a Chinese message and nothing written', async () => {
  const F = w.family(1);
  const before = await queryPartition(keys.familyPk(F));
  const past = await raise(F, { category: 'medical', text: '看病', dueDate: '2027-11-19' }, member);
  expectApiError(past, 400, 'invalid_request');
  expect(past.body.fields).toEqual({ 'body.dueDate': '不能早于今天' });
  expect((await raise(F, { category: 'medical', text: '看病', dueDate: '2028-06-01' }, member)).body.fields).toEqual({ 'body.dueDate': '日期太远' });
  expect((await raise(F, { category: 'medical', text: ' ' }, member)).body.fields).toEqual({ 'body.text': '请填写诉求内容' });
  expect(Object.keys((await raise(F, { category: 'money', text: '看病' }, member)).body.fields)).toEqual(['body.category']);
  expect((await raise(F, { category: 'medical', text: '看病' }, member, 'bad key!')).status).toBe(400);
  expect(await queryPartition(keys.familyPk(F))).toEqual(before);
});

test('a hand-over moves the open requests to the new cadre in the same transaction; a failed one moves nothing', async () => {
  const F = w.family(10); // township A, where the incoming cadre works
  const open = (await raise(F, { category: 'medical', text: '想预约体检' }, cadre, 'rq-r-ho-1')).body;
  const closed = (await raise(F, { category: 'other', text: '已经办好的事' }, cadre, 'rq-r-ho-2')).body;
  expect((await move(F, closed.requestId, { status: 'resolved', version: 1 }, cadre)).status).toBe(200);
  const comm = await tokenFor(w.commCounty);
  const handOver = (key: string) => call('POST', `/families/${F}/handovers`, { token: comm, body: { kind: 'village_cadre', toStaffId: w.cadre2 }, headers: { ...NOW, 'idempotency-key': key } });

  // Injected failure: an item at the new contact's key that the family's contact list does not
  // show, so the handler goes ahead and the transaction is cancelled on it.
  const injected = { ...keys.familyContact(F, w.cadre2), entity: 'injected' };
  await db().send(new PutCommand({ TableName: tableName(), Item: injected }));
  const before = await queryPartition(keys.familyPk(F));
  expectApiError(await handOver('rq-r-ho-fail'), 409, 'conflict');
  expect(await queryPartition(keys.familyPk(F))).toEqual(before);
  expect((await getItem(keys.request(F, open.requestId)))!.assignee).toEqual({ staffId: w.cadre, name: '测试村干部' });
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.familyContact(F, w.cadre2) }));

  const res = await handOver('rq-r-ho-ok');
  expect(res.status).toBe(201);
  const moved = (await getItem(keys.request(F, open.requestId)))!;
  expect(moved).toMatchObject({ assignee: { staffId: w.cadre2, name: '接任村干部' }, gsi1pk: keys.staffPk(w.cadre2), version: 2 });
  expect(moved.timeline.at(-1)).toMatchObject({ assignedTo: '接任村干部', byName: '测试县卫健委' });
  expect((await getItem(keys.request(F, closed.requestId)))!.assignee.staffId).toBe(w.cadre);
  expect(ids(await call('GET', '/contact/requests', { token: await tokenFor(w.cadre2), headers: NOW }))).toContain(open.requestId);
  expect(ids(await call('GET', '/contact/requests', { token: cadre, headers: NOW }))).not.toContain(open.requestId);
});

test('the quarterly survey: one answer per family per quarter, counted per township', async () => {
  const F = w.family(1);
  const Q = at('2027-10-05T09:00:00+08:00');
  const state = await call('GET', `/families/${F}/survey`, { token: member, headers: Q });
  expect(state.body).toMatchObject({ quarter: '2027-Q4', quarterLabel: '2027年第四季度', answered: false });
  const countsBefore = (await surveyFigures(w.countyId, '2027-Q4')).find((t) => t.townshipId === tA);
  const body = { awareness: 'know_all', satisfaction: 'satisfied' };
  const answered = await call('POST', `/families/${F}/survey`, { token: member, body, headers: Q });
  expect(answered.status).toBe(201);
  expect(answered.body).toMatchObject({ answered: true, answer: { awareness: 'know_all', satisfaction: 'satisfied', byName: '成员1' } });
  const counts = (await surveyFigures(w.countyId, '2027-Q4')).find((t) => t.townshipId === tA)!;
  expect(counts.answered).toBe((countsBefore?.answered ?? 0) + 1);
  expect(counts.satisfaction.satisfied).toBe((countsBefore?.satisfaction.satisfied ?? 0) + 1);
  expect(counts.awareness.know_all).toBe((countsBefore?.awareness.know_all ?? 0) + 1);

  // A retry of the same answer: 200, nothing new. A different answer the same quarter: 409.
  const before = await queryPartition(keys.familyPk(F));
  expect((await call('POST', `/families/${F}/survey`, { token: member, body, headers: Q })).status).toBe(200);
  expectApiError(await call('POST', `/families/${F}/survey`, { token: member, body: { awareness: 'know_none', satisfaction: 'neutral' }, headers: at('2027-12-31T23:00:00+08:00') }), 409, 'conflict');
  expect(await queryPartition(keys.familyPk(F))).toEqual(before);
  expect((await surveyFigures(w.countyId, '2027-Q4')).find((t) => t.townshipId === tA)).toEqual(counts);
  // Next quarter it is asked again; staff cannot answer for the family; answers are from the list.
  expect((await call('GET', `/families/${F}/survey`, { token: member, headers: at('2028-01-01T08:00:00+08:00') })).body).toMatchObject({ quarter: '2028-Q1', answered: false });
  expectApiError(await call('POST', `/families/${F}/survey`, { token: cadre, body, headers: Q }), 403, 'forbidden');
  expect(Object.keys((await call('POST', `/families/${F}/survey`, { token: member, body: { ...body, satisfaction: 'ok' }, headers: Q })).body.fields)).toEqual(['body.satisfaction']);
});

test('the hand-over page lists who can take over in a township: county officer any of the county, township officer only theirs', async () => {
  const county = await call('GET', `/commission/handover-candidates?townshipId=${tA}`, { token: await tokenFor(w.commCounty) });
  expect(county.status).toBe(200);
  expect(county.ddbRequests).toBe(1);
  expect(county.body.items.map((c: { staffId: string; kind: string }) => [c.staffId, c.kind]).sort()).toEqual(
    [[w.cadre, 'village_cadre'], [w.cadre2, 'village_cadre'], [w.lead, 'township_leader']].sort(),
  );
  expectApiError(await call('GET', `/commission/handover-candidates?townshipId=${tA}`, { token: await tokenFor(w.commTownship) }), 403, 'forbidden');
  // Another county's officer gets nothing of this county's directory.
  expect((await call('GET', `/commission/handover-candidates?townshipId=${tA}`, { token: await tokenFor('p_comm01') })).body.items).toEqual([]);
  expectApiError(await call('GET', `/commission/handover-candidates?townshipId=${tA}`, { token: cadre }), 403, 'forbidden');
});

test('requests.create: a retried request answers the first one; the same key with other content is 409', async () => {
  const F = w.family(5);
  const token = await tokenFor((await getItem(keys.familyProfile(F)))!.members[0].personId);
  const send = (text: string) => (key: string) => raise(F, { category: 'medical', text }, token, key);
  const first = await expectIdempotent({ route: 'requests.create', status: 201, scopeReads: 1, send: send('想请医生上门量血压'), other: send('想问问低保的事') });
  expect(first.body.requestId).toMatch(/^rq_/);
});
