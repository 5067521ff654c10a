import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, getItem, operations, queryPartition } from './support-table';

/**
 * A staff reply in messaging counts as the day's 网络沟通 in the ledger (the family's
 * summary, the due list, the 14-day list, the township's week and month counters) without being
 * entered twice. Over HTTP on DynamoDB Local with the clock set by x-test-now, in this file's own
 * county (ledger-world.ts, tag "o"). Families 1, 2, 4 are in township A; 3, 5 in township B.
 * December 2026: weeks begin on 11-30, 12-07 and 12-14.
 */
const w = ledgerWorld('o');
const at = (date: string, time = '10:00:00') => ({ 'x-test-now': `${date}T${time}+08:00` });
const memberOf = (n: number) => (n === 1 ? w.member : `p_lg6m${w.family(n).slice(-6)}`);
const tA = w.townships[0];
const tB = w.townships[1];

let cadre = '';
let lead = '';
let comm = '';
beforeAll(async () => {
  await writeLedgerWorld(w, 8);
  [cadre, lead, comm] = await Promise.all([tokenFor(w.cadre), tokenFor(w.lead), tokenFor(w.commCounty)]);
});

const conversation = (n: number, staffId: string) => `/families/${w.family(n)}/conversations/${staffId}/messages`;
const reply = (n: number, token: string, staffId: string, headers: Record<string, string>, text = '收到，我记下了') =>
  call('POST', conversation(n, staffId), { token, body: { text }, headers });
const record = (n: number, token: string, body: Record<string, unknown>, headers: Record<string, string>) =>
  call('POST', `/families/${w.family(n)}/contact-log`, { token, body, headers });

/** The family's summary and its township's week and month counters, as stored. */
async function ledgerOf(n: number, date: string, township: string) {
  const week = (await call('GET', '/commission/dashboard', { token: comm, headers: at(date) })).body;
  const monday = week.weekStart as string;
  const [summary, wk, mo] = await Promise.all([
    getItem(keys.ledgerSummary(w.family(n))),
    getItem(keys.statsWeek(w.countyId, monday, township)),
    getItem(keys.statsMonth(w.countyId, date.slice(0, 7), township)),
  ]);
  return {
    summary: summary!,
    week: { contacts: wk?.contacts ?? 0, familiesContacted: wk?.familiesContacted ?? 0 },
    month: { contacts: mo?.contacts ?? 0, familiesContacted: mo?.familiesContacted ?? 0, visits: mo?.visits ?? 0 },
    stale: (week.stale as Array<{ familyId: string }>).map((s) => s.familyId),
  };
}

const onlineSlots = async (n: number) => (await queryPartition(keys.familyPk(w.family(n)))).filter((i) => String(i.sk).startsWith('CONTACTLOG#ONLINE#'));
const dueOf = async (token: string, n: number, date: string) => {
  const res = await call('GET', '/contact/due', { token, headers: at(date) });
  expect(res.status).toBe(200);
  return res.body.families.find((f: { familyId: string }) => f.familyId === w.family(n));
};

describe('a staff reply in messaging is the day’s 网络沟通', () => {
  test('the family leaves the overdue and 14-day lists; the counters move once; a family message counts nothing', async () => {
    const day = '2026-12-01';
    const before = await ledgerOf(1, day, tA);
    expect((await dueOf(cadre, 1, day)).contact.status).toBe('overdue');
    expect(before.stale).toContain(w.family(1));

    // The family writes first: nothing in the ledger moves.
    const asked = await call('POST', conversation(1, w.cadre), { token: await tokenFor(memberOf(1)), body: { text: '李主任，暖气坏了' }, headers: at(day, '08:00:00') });
    expect(asked.status).toBe(201);
    expect(await ledgerOf(1, day, tA)).toEqual(before);
    expect(await onlineSlots(1)).toEqual([]);

    // The cadre answers: the key-only scope check and the meta (GetItem each), ONE BatchGet
    // (summary + the day's slot), ONE transaction. No Idempotency-Key is sent here: with one, the
    // stack first reads its marker (one more consistent GetItem, messaging-idempotency.test.ts).
    const answered = await reply(1, cadre, w.cadre, at(day, '09:00:00'));
    expect(answered.status).toBe(201);
    expect(operations(answered)).toEqual(['GetItemCommand', 'GetItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand']);
    const after = await ledgerOf(1, day, tA);
    expect(after.summary).toMatchObject({ lastContactOn: day, weeksContacted: ['2026-11-30'], monthsContacted: ['2026-12'], version: before.summary.version + 1 });
    expect(after.summary.lastVisitOn).toBeUndefined();
    expect(after.week).toEqual({ contacts: before.week.contacts + 1, familiesContacted: before.week.familiesContacted + 1 });
    expect(after.month).toEqual({ contacts: before.month.contacts + 1, familiesContacted: before.month.familiesContacted + 1, visits: before.month.visits });
    expect(after.stale).not.toContain(w.family(1));
    expect(await dueOf(cadre, 1, day)).toMatchObject({ lastContactOn: day, contact: { status: 'ok', daysSince: 0 }, visit: { status: 'overdue' } });

    // A second reply the same day: replies counted on the slot, nothing else.
    expect((await reply(1, cadre, w.cadre, at(day, '09:30:00'), '明天上午过去')).status).toBe(201);
    expect(await ledgerOf(1, day, tA)).toEqual(after);
    const slots = await onlineSlots(1);
    expect(slots).toHaveLength(1);
    expect(slots[0]).toMatchObject({ staffId: w.cadre, date: day, replies: 2 });

    // Another family message in between: the meta (names for the notification) and ONE transaction, no ledger read; still nothing counted.
    // (Sent without a key, as above: a keyed send adds the marker's GetItem before the handler.)
    const thanks = await call('POST', conversation(1, w.cadre), { token: await tokenFor(memberOf(1)), body: { text: '好的，谢谢' }, headers: at(day, '10:00:00') });
    expect(operations(thanks)).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    expect(await ledgerOf(1, day, tA)).toEqual(after);

    // The township leader replies the same day: a contact of their own, the family already counted this week.
    expect((await reply(1, lead, w.lead, at(day, '11:00:00'))).status).toBe(201);
    const third = await ledgerOf(1, day, tA);
    expect(third.week).toEqual({ contacts: after.week.contacts + 1, familiesContacted: after.week.familiesContacted });
    expect(third.month).toEqual({ ...after.month, contacts: after.month.contacts + 1 });
    expect(third.summary.version).toBe(after.summary.version + 1);

    // The family's log shows one 网络沟通 per staff member and day.
    const log = await call('GET', `/families/${w.family(1)}/contact-log`, { token: cadre });
    expect(log.body.items.filter((c: { date: string }) => c.date === day).map((c: { staffId: string; type: string; source: string }) => [c.staffId, c.type, c.source]).sort()).toEqual([
      [w.cadre, 'online', 'messaging'],
      [w.lead, 'online', 'messaging'],
    ]);
  });

  test('Beijing days: a reply at 23:59 and one at 00:01 are two contacts', async () => {
    const before = await ledgerOf(4, '2026-12-02', tA);
    expect((await reply(4, cadre, w.cadre, at('2026-12-02', '23:59:00'))).status).toBe(201);
    expect((await reply(4, cadre, w.cadre, at('2026-12-03', '00:01:00'))).status).toBe(201);
    // In UTC both are 2 December: the day is Beijing's.
    const after = await ledgerOf(4, '2026-12-03', tA);
    expect(after.summary).toMatchObject({ lastContactOn: '2026-12-03', version: before.summary.version + 2 });
    expect(after.week).toEqual({ contacts: before.week.contacts + 2, familiesContacted: before.week.familiesContacted + 1 });
    expect(after.month.contacts).toBe(before.month.contacts + 2);
    expect((await onlineSlots(4)).map((s) => s.date).sort()).toEqual(['2026-12-02', '2026-12-03']);
    // The next week it is a new week for the family again.
    expect((await reply(4, cadre, w.cadre, at('2026-12-07'))).status).toBe(201);
    const next = await ledgerOf(4, '2026-12-07', tA);
    expect(next.summary.weeksContacted).toEqual(['2026-11-30', '2026-12-07']);
    expect(next.week).toMatchObject({ familiesContacted: 1, contacts: 1 });
  });
});

describe('not entered twice: a hand-entered 网络沟通 and a reply the same day count once', () => {
  test('after a reply, a hand 网络沟通 that day is refused with a clear message and writes nothing; a phone call still counts', async () => {
    const day = '2026-12-09';
    expect((await reply(6, cadre, w.cadre, at(day, '09:00:00'))).status).toBe(201);
    const before = await ledgerOf(6, day, tA);
    const refused = await record(6, cadre, { type: 'online', date: day, needs: '想问问补助' }, at(day, '15:00:00'));
    expectApiError(refused, 409, 'conflict');
    expect(refused.body.message).toContain('已自动记为一次网络沟通');
    expect(operations(refused)).not.toContain('TransactWriteItemsCommand');
    expect(await ledgerOf(6, day, tA)).toEqual(before);
    expect((await queryPartition(keys.familyPk(w.family(6)))).filter((i) => i.entity === 'contactLog')).toEqual([]);
    // Back-filled the day after, for that day: still refused.
    expectApiError(await record(6, cadre, { type: 'online', date: day }, at('2026-12-10')), 409, 'conflict');
    // Another kind of contact the same day is a contact of its own.
    expect((await record(6, cadre, { type: 'phone', date: day }, at(day, '16:00:00'))).status).toBe(201);
    expect((await ledgerOf(6, day, tA)).week.contacts).toBe(before.week.contacts + 1);
  });

  test('a hand 网络沟通 first: the day’s replies count nothing more, the log shows the hand entry only; a retry is idempotent', async () => {
    const day = '2026-12-09';
    const first = await record(8, cadre, { type: 'online', date: day, mood: '情绪平稳' }, { ...at(day, '08:00:00'), 'idempotency-key': 'online-8' });
    expect(first.status).toBe(201);
    const again = await record(8, cadre, { type: 'online', date: day, mood: '情绪平稳' }, { ...at(day, '08:00:05'), 'idempotency-key': 'online-8' });
    // The retry is answered from the Idempotency-Key marker: the first answer, 201 and all.
    expect(again.status).toBe(201);
    expect(again.body.contactId).toBe(first.body.contactId);
    const second = await record(8, cadre, { type: 'online', date: day }, at(day, '08:30:00'));
    expectApiError(second, 409, 'conflict');
    expect(second.body.message).toContain('已经记过一次');
    const before = await ledgerOf(8, day, tA);
    expect(before.summary.lastContactOn).toBe(day);
    expect((await reply(8, cadre, w.cadre, at(day, '09:00:00'))).status).toBe(201);
    expect(await ledgerOf(8, day, tA)).toEqual(before);
    const log = (await call('GET', `/families/${w.family(8)}/contact-log`, { token: cadre })).body.items;
    expect(log.map((c: { source: string; type: string }) => [c.source, c.type])).toEqual([['ledger', 'online']]);
    // The due list reads the same: one contact that day.
    expect(await dueOf(cadre, 8, day)).toMatchObject({ lastContactOn: day, contact: { status: 'ok' } });
  });
});

describe('concurrency', () => {
  test('12 replies at once from two staff to one family: exactly one contact per staff member, summary consistent', async () => {
    const day = '2026-12-15';
    const before = await ledgerOf(5, day, tB);
    const sends = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? reply(5, cadre, w.cadre, at(day, `09:00:0${i % 10}`), `村里回复 ${i}`) : reply(5, lead, w.lead, at(day, `09:00:0${i % 10}`), `镇里回复 ${i}`),
    );
    const results = await Promise.all(sends);
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const after = await ledgerOf(5, day, tB);
    expect(after.week).toEqual({ contacts: before.week.contacts + 2, familiesContacted: before.week.familiesContacted + 1 });
    expect(after.month.contacts).toBe(before.month.contacts + 2);
    expect(after.summary).toMatchObject({ lastContactOn: day, version: before.summary.version + 2 });
    expect(after.summary.weeksContacted.filter((x: string) => x === '2026-12-14')).toHaveLength(1);
    const slots = await onlineSlots(5);
    expect(slots.filter((s) => s.date === day).map((s) => [s.staffId, s.replies]).sort()).toEqual([
      [w.cadre, 6],
      [w.lead, 6],
    ]);
  });

  test('a reply racing a hand-recorded phone call: both count once', async () => {
    const day = '2026-12-16';
    const before = await ledgerOf(3, day, tB);
    const [r, h] = await Promise.all([reply(3, cadre, w.cadre, at(day)), record(3, lead, { type: 'phone', date: day }, at(day))]);
    expect([r.status, h.status]).toEqual([201, 201]);
    const after = await ledgerOf(3, day, tB);
    expect(after.week).toEqual({ contacts: before.week.contacts + 2, familiesContacted: before.week.familiesContacted + 1 });
    expect(after.summary.version).toBe(before.summary.version + 2);
  });

  test('a reply racing a hand 网络沟通 by the same person: exactly one counts, whichever came first', async () => {
    const day = '2026-12-17';
    const before = await ledgerOf(7, day, tB);
    const [r, h] = await Promise.all([reply(7, cadre, w.cadre, at(day)), record(7, cadre, { type: 'online', date: day }, at(day))]);
    expect(r.status).toBe(201);
    expect([201, 409]).toContain(h.status);
    const after = await ledgerOf(7, day, tB);
    expect(after.week).toEqual({ contacts: before.week.contacts + 1, familiesContacted: before.week.familiesContacted + 1 });
    expect(after.summary.version).toBe(before.summary.version + 1);
    const log = (await call('GET', `/families/${w.family(7)}/contact-log`, { token: cadre })).body.items.filter((c: { date: string }) => c.date === day);
    expect(log).toHaveLength(1);
    expect(log[0].source).toBe(h.status === 201 ? 'ledger' : 'messaging');
  });
});

describe('the monthly export', () => {
  test('lists each online day once, under the person’s own name, and its count equals the month’s counters', async () => {
    const headers = at('2026-12-31');
    const res = await call('GET', '/commission/ledger-export?month=2026-12&format=csv', { token: comm, headers });
    expect(res.status).toBe(200);
    const dashboard = await call('GET', '/commission/dashboard', { token: comm, headers });
    expect(res.body.contacts).toBe(dashboard.body.total.contactsThisMonth);
    const rows = Buffer.from(res.body.base64, 'base64').toString('utf8').trim().split('\r\n').map((r) => r.split(','));
    expect(rows.filter((r) => r[0] === '2026-12-01' && r[3] === '测试1号家').map((r) => [r[4], r[5]]).sort()).toEqual([
      ['测试村干部', '网络沟通'],
      ['测试镇领导', '网络沟通'],
    ]);
    // Family 8's day is its hand entry (claimed before the reply), once.
    expect(rows.filter((r) => r[0] === '2026-12-09' && r[3] === '测试8号家')).toHaveLength(1);
  });
});
