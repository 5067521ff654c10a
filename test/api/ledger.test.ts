import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, CONTACT_BACKDATE_DAYS } from '../../domain';
import { db, tableName } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { expectIdempotent } from './idempotency-support';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, expectReadsOnly, getItem } from './support-table';

/**
 * The contact log and the "what is due" home, over HTTP on DynamoDB Local, with the clock set by
 * x-test-now. Everything happens in this file's own county (ledger-world.ts, tag "a").
 */
const w = ledgerWorld('a');
const F1 = w.family(1);
const F3 = w.family(4);
const at = (date: string, time = '10:00:00') => ({ 'x-test-now': `${date}T${time}+08:00` });

let cadre = '';
beforeAll(async () => {
  await writeLedgerWorld(w, 6, '1950-12-01');
  cadre = await tokenFor(w.cadre);
});

const record = (familyId: string, body: Record<string, unknown>, headers: Record<string, string>) =>
  call('POST', `/families/${familyId}/contact-log`, { token: cadre, body, headers });
const due = async (date: string) => {
  const res = await call('GET', '/contact/due', { token: cadre, headers: at(date) });
  expect(res.status).toBe(200);
  return res;
};
const dueOf = (res: { body: { families: Array<{ familyId: string }> } }, familyId: string) => res.body.families.find((f) => f.familyId === familyId) as any;

describe('recording a contact', () => {
  test('a home visit: 201, the entry, the family summary and the week and month counters in one go', async () => {
    const res = await record(F1, { type: 'home_visit', date: '2026-11-02', health: '血压平稳', mood: '心情不错', followUp: true }, at('2026-11-02'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ familyId: F1, staffId: w.cadre, staffName: '测试村干部', type: 'home_visit', date: '2026-11-02', followUp: true, source: 'ledger', version: 1 });
    expect(res.body.contactId).toMatch(/^ct_/);
    const summary = await getItem(keys.ledgerSummary(F1));
    expect(summary).toMatchObject({ lastContactOn: '2026-11-02', lastVisitOn: '2026-11-02', weeksContacted: ['2026-11-02'], monthsVisited: ['2026-11'] });
    expect(await getItem(keys.statsWeek(w.countyId, '2026-11-02', w.townships[0]))).toMatchObject({ contacts: 1, familiesContacted: 1 });
    expect(await getItem(keys.statsMonth(w.countyId, '2026-11', w.townships[0]))).toMatchObject({ contacts: 1, visits: 1, familiesVisited: 1, familiesContacted: 1 });
  });

  test('a second contact in the same week counts the contact, not the family again', async () => {
    const res = await record(F1, { type: 'phone', date: '2026-11-04' }, at('2026-11-04'));
    expect(res.status).toBe(201);
    expect(await getItem(keys.statsWeek(w.countyId, '2026-11-02', w.townships[0]))).toMatchObject({ contacts: 2, familiesContacted: 1 });
    expect(await getItem(keys.statsMonth(w.countyId, '2026-11', w.townships[0]))).toMatchObject({ contacts: 2, visits: 1, familiesVisited: 1 });
  });

  test('ledger.recordContact: the same Idempotency-Key twice answers the first contact again, nothing new written; other content is 409', async () => {
    const send = (needs: string) => (key: string) => record(F3, { type: 'phone', date: '2026-11-05', needs }, { ...at('2026-11-05'), 'idempotency-key': key });
    const week = await getItem(keys.statsWeek(w.countyId, '2026-11-02', w.townships[0]));
    const first = await expectIdempotent({ route: 'ledger.recordContact', status: 201, scopeReads: 1, send: send('想了解体检安排'), other: send('想了解医保报销') });
    expect(first.body).toMatchObject({ familyId: F3, type: 'phone', needs: '想了解体检安排' });
    // Counted once: the replay and the refused request wrote nothing.
    expect(await getItem(keys.statsWeek(w.countyId, '2026-11-02', w.townships[0]))).toMatchObject({ contacts: (week?.contacts ?? 0) + 1 });
  });

  test.each([
    ['tomorrow', '2026-11-06', '2026-11-05T23:59:59'],
    ['later today in UTC terms but tomorrow in Beijing', '2026-11-06', '2026-11-05T23:30:00'],
  ])('a date in the future (%s) is refused with 400 and nothing is written', async (_l, date, now) => {
    const res = await record(F1, { type: 'phone', date }, { 'x-test-now': `${now}+08:00` });
    expectApiError(res, 400, 'invalid_request');
    expect(res.body.fields).toEqual({ 'body.date': '不能填写未来的日期' });
    // Only the key-only scope read happened before the date was refused.
    expectReadsOnly(res, 1);
  });

  test('a contact further back than the ledger takes (the range the form offers), an unknown type, an oversize note: 400', async () => {
    const tooEarly = await record(F1, { type: 'phone', date: addDays('2026-11-05', -(CONTACT_BACKDATE_DAYS + 1)) }, at('2026-11-05'));
    expectApiError(tooEarly, 400, 'invalid_request');
    expect(tooEarly.body.fields).toEqual({ 'body.date': `只能补记 ${CONTACT_BACKDATE_DAYS} 天内的联系` });
    expectReadsOnly(tooEarly, 1);
    expect((await record(F1, { type: 'letter', date: '2026-11-05' }, at('2026-11-05'))).body.fields).toHaveProperty(['body.type']);
    expect((await record(F1, { type: 'phone', date: '2026-11-05', health: '好'.repeat(501) }, at('2026-11-05'))).body.fields).toEqual({ 'body.health': '身体情况不能超过 500 字' });
  });

  test('a family the cadre does not serve (family 2 has no village cadre): 403', async () => {
    const res = await record(w.family(2), { type: 'phone', date: '2026-11-05' }, at('2026-11-05'));
    expectApiError(res, 403, 'forbidden');
  });
});

describe('edits keep history', () => {
  test('the author corrects a note: version 2, and version 1 is kept with the reason', async () => {
    const created = await record(F1, { type: 'phone', date: '2026-11-05', mood: '情绪低落' }, at('2026-11-05'));
    const id = created.body.contactId;
    const edit = await call('PUT', `/families/${F1}/contact-log/${id}`, { token: cadre, body: { mood: '情绪有些低落，已约下周再访', reason: '补充情况', version: 1 }, headers: at('2026-11-05', '11:00:00') });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ contactId: id, mood: '情绪有些低落，已约下周再访', version: 2, edits: 1, date: '2026-11-05', type: 'phone' });
    const history = await call('GET', `/families/${F1}/contact-log/${id}/history`, { token: cadre });
    expect(history.status).toBe(200);
    expect(history.body.versions).toEqual([expect.objectContaining({ version: 1, mood: '情绪低落', reason: '补充情况', editedBy: w.cadre, editedAt: '2026-11-05T11:00:00+08:00' })]);
    // A stale edit (still at version 1) is refused, not applied over the newer one.
    const stale = await call('PUT', `/families/${F1}/contact-log/${id}`, { token: cadre, body: { mood: 'x', reason: '再改一次', version: 1 }, headers: at('2026-11-05') });
    expectApiError(stale, 409, 'conflict');
    // Someone else who serves the family may read it but not change it.
    const lead = await call('PUT', `/families/${F1}/contact-log/${id}`, { token: await tokenFor(w.lead), body: { mood: 'x', reason: '我来改', version: 2 }, headers: at('2026-11-05') });
    expectApiError(lead, 403, 'forbidden');
    // There is no DELETE route: nothing is deleted.
    const del = await call('DELETE', `/families/${F1}/contact-log/${id}`, { token: cadre });
    expect(del.status).toBeGreaterThanOrEqual(400);
    expect((await getItem(keys.contactLog(F1, id)))?.version).toBe(2);
  });
});

describe('what is due, at the boundaries (x-test-now)', () => {
  const F5 = w.family(6);
  beforeAll(async () => {
    // Family 6: a home visit on 1 December 2026.
    expect((await record(F5, { type: 'home_visit', date: '2026-12-01' }, at('2026-12-01'))).status).toBe(201);
  });

  test.each([
    ['2026-12-07', 'ok', 6],
    ['2026-12-08', 'due_today', 7],
    ['2026-12-09', 'overdue', 8],
  ])('contact on %s: %s', async (date, status, days) => {
    const f = dueOf(await due(date), F5);
    expect(f.contact).toEqual({ status, daysSince: days, dueBy: '2026-12-08' });
  });

  test.each([
    ['2026-12-30', 'ok'],
    ['2026-12-31', 'due_today'],
    ['2027-01-01', 'overdue'],
  ])('home visit on %s: %s', async (date, status) => {
    expect(dueOf(await due(date), F5).visit.status).toBe(status);
  });

  test('overdue families come first; a contact makes the family drop down; four requests', async () => {
    const before = await due('2026-12-10');
    // Assignments, contacts since, open urgent tasks (Queries) and the profiles (BatchGet).
    expect(before.ddbRequests).toBe(4);
    expect(before.body.families[0].late).toBe(true);
    const idx = (res: typeof before) => res.body.families.findIndex((f: { familyId: string }) => f.familyId === F5);
    expect(dueOf(before, F5).late).toBe(true);
    expect((await record(F5, { type: 'home_visit', date: '2026-12-10' }, at('2026-12-10'))).status).toBe(201);
    const after = await due('2026-12-10');
    expect(dueOf(after, F5)).toMatchObject({ late: false, contact: { status: 'ok', daysSince: 0 }, visit: { status: 'ok', daysSince: 0 } });
    expect(idx(after)).toBe(after.body.families.length - 1);
  });

  test('birthdays in the next 14 days, and the festivals ahead from the lunar calendar', async () => {
    // Members were born on 1 December 1950.
    const res = await due('2026-11-18');
    expect(dueOf(res, F5).birthdays).toEqual([{ name: '成员6 76岁生日', date: '2026-12-01', daysUntil: 13 }]);
    expect(dueOf(await due('2026-11-17'), F5).birthdays).toEqual([]);
    expect((await due('2026-09-20')).body.festivals).toEqual([{ name: '中秋节', date: '2026-09-25', daysUntil: 5 }]);
  });
});

describe('online contacts from messaging count without being entered again', () => {
  test('an item written by messaging is in the family log and the staff partition, as 网络沟通', async () => {
    const F = w.family(8 - 4); // family 4 (A township, served by the cadre)
    const date = '2026-12-20';
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.onlineContactLog(F, date, w.cadre),
          entity: 'onlineContact',
          familyId: F,
          staffId: w.cadre,
          staffName: '测试村干部',
          at: `${date}T15:30:00+08:00`,
          gsi1pk: keys.staffPk(w.cadre),
          gsi1sk: `CONTACTLOG#${date}#${F}`,
        },
      }),
    );
    const log = await call('GET', `/families/${F}/contact-log`, { token: cadre });
    expect(log.status).toBe(200);
    expect(log.ddbRequests).toBe(2); // scope check, then one Query for both kinds
    expect(log.body.items[0]).toMatchObject({ type: 'online', source: 'messaging', date, staffId: w.cadre, familyId: F });
    const f = dueOf(await due('2026-12-22'), F);
    expect(f.contact).toEqual({ status: 'ok', daysSince: 2, dueBy: '2026-12-27' });
    expect(f.lastContactOn).toBe(date);
  });

  test('commission staff of the county read the log; a township officer of another township cannot', async () => {
    expect((await call('GET', `/families/${F1}/contact-log`, { token: await tokenFor(w.commCounty) })).status).toBe(200);
    const other = await call('GET', `/families/${F1}/contact-log`, { token: await tokenFor(w.commTownship) });
    expectApiError(other, 403, 'forbidden');
    const member = await call('GET', `/families/${F1}/contact-log`, { token: await tokenFor(w.member) });
    expectApiError(member, 403, 'forbidden');
  });
});
