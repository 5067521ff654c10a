import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beijingDate } from '../../domain';
import { db, tableName } from '../../functions/lib/db/client';
import { batchPutAll } from '../../functions/lib/db/batch';
import { keys } from '../../functions/lib/db/keys';
import { teamItems } from '../../functions/lib/db/signing';
import { call, tokenFor } from '../support/api';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectAgrees, recount } from './ledger-recount';
import { expectApiError, queryPartition } from './support-table';

/**
 * The coverage dashboard reads running counters; these tests recount everything independently
 * from the records (every item of every family partition) and compare. Own county, tag "c"; and
 * the seeded demo county, recounted the same way.
 */
const w = ledgerWorld('c');
const FAMILIES = 10;
const NOW = '2026-11-20T10:00:00+08:00';
const at = (date: string) => ({ 'x-test-now': `${date}T10:00:00+08:00` });

let comm = '';
beforeAll(async () => {
  await writeLedgerWorld(w, FAMILIES);
  comm = await tokenFor(w.commCounty);
  const cadre = await tokenFor(w.cadre);
  const lead = await tokenFor(w.lead);
  const contacts: Array<[number, string, string, string]> = [
    [1, 'home_visit', '2026-11-02', cadre],
    [1, 'phone', '2026-11-18', cadre],
    [4, 'phone', '2026-11-17', cadre],
    [4, 'phone', '2026-11-19', lead],
    [6, 'festival', '2026-10-29', cadre],
    [6, 'home_visit', '2026-11-16', lead],
    [8, 'birthday', '2026-11-05', cadre],
    [3, 'home_visit', '2026-11-20', lead],
    [5, 'phone', '2026-11-06', lead],
    [7, 'home_visit', '2026-11-07', lead],
  ];
  for (const [n, type, date, token] of contacts) {
    const res = await call('POST', `/families/${w.family(n)}/contact-log`, { token, body: { type, date }, headers: at(date) });
    expect(res.status).toBe(201);
  }
  // Family 2 gets its missing village cadre.
  expect((await call('POST', `/families/${w.family(2)}/handovers`, { token: comm, body: { kind: 'village_cadre', toStaffId: w.cadre2 }, headers: at('2026-11-19') })).status).toBe(201);
  // Requests: one due on the 27th, one overdue since the 12th, one resolved.
  const raise = async (n: number, date: string, token: string) => {
    const res = await call('POST', `/families/${w.family(n)}/requests`, { token, body: { category: 'living', text: `测试诉求 ${n}` }, headers: at(date) });
    expect(res.status).toBe(201);
    return res.body.requestId as string;
  };
  await raise(1, '2026-11-20', await tokenFor(w.member));
  await raise(4, '2026-11-05', cadre);
  const done = await raise(6, '2026-11-10', cadre);
  expect((await call('PUT', `/families/${w.family(6)}/requests/${done}`, { token: cadre, body: { status: 'resolved', note: '已办好', version: 1 }, headers: at('2026-11-11') })).status).toBe(200);
  // This quarter's survey: family 1 knows its contacts and is satisfied; family 3 neither.
  const answer = async (n: number, memberId: string, body: Record<string, string>) =>
    expect((await call('POST', `/families/${w.family(n)}/survey`, { token: await tokenFor(memberId), body, headers: at('2026-11-18') })).status).toBe(201);
  await answer(1, w.member, { awareness: 'know_all', satisfaction: 'satisfied' });
  await answer(3, `p_lg6m${w.family(3).slice(-6)}`, { awareness: 'know_some', satisfaction: 'neutral' });
});

const familyIds = () => Array.from({ length: FAMILIES }, (_, i) => w.family(i + 1));

test('county: the counters agree with a full recount from the records, in 5 requests + 1 per township with active requests', async () => {
  const res = await call('GET', '/commission/dashboard', { token: comm, headers: { 'x-test-now': NOW } });
  expect(res.status).toBe(200);
  expect(res.ddbRequests).toBe(6 + res.body.townships.filter((t: { requestsOpen: number }) => t.requestsOpen > 0).length);
  expect(res.headers.get('x-lianxin-ddb-operations')).not.toMatch(/Scan/);
  expect(res.body).toMatchObject({ today: '2026-11-20', weekStart: '2026-11-16', month: '2026-11', quarter: '2026-Q4' });
  expect(res.body.total).toMatchObject({ requestsOpen: 2, requestsOverdue: 1, surveyAnswered: 2, surveyAware: 1, surveySatisfied: 1 });
  expectAgrees(res.body, await recount(familyIds(), '2026-11-20'));
  expect(res.body.total.families).toBe(FAMILIES);
  expect(res.body.total.familiesWithAllContacts).toBe(FAMILIES);
  // Families 5 (last contact 14 days ago) and 9, 10 (never) are on the work list; 6 is not (4 days).
  expect(res.body.stale.map((s: { familyId: string }) => s.familyId)).toEqual(expect.arrayContaining([w.family(5), w.family(9), w.family(10)]));
  expect(res.body.stale.find((s: { familyId: string }) => s.familyId === w.family(5))).toMatchObject({ lastContactOn: '2026-11-06', daysSince: 14 });
});

test('a week later the week counters start again, and the recount still agrees', async () => {
  const res = await call('GET', '/commission/dashboard', { token: comm, headers: at('2026-11-27') });
  expect(res.body.total.contactedThisWeek).toBe(0);
  // The request raised on the 20th is due today: not yet overdue.
  expect(res.body.total).toMatchObject({ requestsOpen: 2, requestsOverdue: 1, surveyAnswered: 2 });
  expectAgrees(res.body, await recount(familyIds(), '2026-11-27'));
});

test('a county officer narrows to one township; a township officer sees only theirs', async () => {
  const narrowed = await call('GET', `/commission/dashboard?townshipId=${w.townships[1]}`, { token: comm, headers: { 'x-test-now': NOW } });
  expect(narrowed.body.townships.map((t: { townshipId: string }) => t.townshipId)).toEqual([w.townships[1]]);
  const townshipOfficer = await tokenFor(w.commTownship);
  const own = await call('GET', '/commission/dashboard', { token: townshipOfficer, headers: { 'x-test-now': NOW } });
  expect(own.status).toBe(200);
  expect(own.body).toEqual(narrowed.body);
  expect(own.ddbRequests).toBeLessThanOrEqual(7);
  expectApiError(await call('GET', `/commission/dashboard?townshipId=${w.townships[0]}`, { token: townshipOfficer }), 403, 'forbidden');
  expectApiError(await call('GET', '/commission/dashboard?townshipId=t_chengguan', { token: comm }), 403, 'forbidden');
  expectApiError(await call('GET', '/commission/dashboard', { token: await tokenFor(w.cadre) }), 403, 'forbidden');
});

test('the seeded demo county: counters agree with a recount of the seeded records', async () => {
  const out = await db().send(new QueryCommand({ TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.countyPk('c_qinghe') } }));
  const ids = (out.Items ?? []).map((i) => i.familyId as string);
  expect(ids).toHaveLength(12);
  const token = await tokenFor('p_comm01');
  // The authorization matrix may record a contact in f_0002 meanwhile: recount until stable.
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await recount(ids, beijingDate(new Date()));
    const res = await call('GET', '/commission/dashboard', { token });
    const after = await recount(ids, beijingDate(new Date()));
    if (JSON.stringify([...before.perTownship]) !== JSON.stringify([...after.perTownship])) continue;
    expectAgrees(res.body, after);
    expect(res.body.total).toMatchObject({ families: 12, familiesWithAllContacts: 11, members: 20, cardHolders: 12 });
    return;
  }
  throw new Error('the demo county kept changing');
});

describe('monthly ledger export', () => {
  test('.xlsx: exceljs opens it; contacts, per-family and per-person totals and coverage match the records', async () => {
    const res = await call('GET', '/commission/ledger-export?month=2026-11', { token: comm, headers: { 'x-test-now': NOW } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ filename: '连心台账-2026-11.xlsx', contacts: 9 });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.body.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['覆盖情况', '联系记录', '按家庭汇总', '按联系人汇总', '交接记录', '绿色通道']);
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    const contactRows = rows('联系记录').slice(1);
    expect(contactRows).toHaveLength(9);
    // Dates are Excel dates (the Beijing day), not text.
    expect(contactRows[0]).toEqual([new Date('2026-11-02T00:00:00Z'), '甲镇', '测试村', '测试1号家', '测试村干部', '登门走访', undefined, undefined, undefined, '否']);
    expect(wb.getWorksheet('联系记录')!.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    const family1 = rows('按家庭汇总').find((r) => r[0] === '测试1号家');
    expect(family1).toEqual(['测试1号家', '测试村', 2, 1, 0, new Date('2026-11-18T00:00:00Z')]);
    // Every family, those not contacted this month with zeros.
    expect(rows('按家庭汇总').slice(1).map((r) => r[0]).sort()).toEqual(familyIds().map((_, i) => `测试${i + 1}号家`).sort());
    expect(rows('按家庭汇总').find((r) => r[0] === '测试9号家')).toEqual(['测试9号家', '测试村', 0, 0, 0]);
    // The month's hand-over: family 2 got its village cadre on the 19th.
    const handovers = rows('交接记录').slice(1);
    expect(handovers.find((r) => r[3] === '测试2号家')).toEqual([expect.any(Date), '甲镇', '测试村', '测试2号家', '村（社区）联系人', '（原无）', '接任村干部']);
    expect(handovers.find((r) => r[3] === '测试2号家')![0]).toEqual(new Date('2026-11-19T10:00:00Z'));
    const lead = rows('按联系人汇总').find((r) => r[0] === '测试镇领导');
    expect(lead).toEqual(['测试镇领导', 5, 3, 5]);
    const coverage = rows('覆盖情况').slice(1);
    const counted = await recount(familyIds(), '2026-11-20');
    for (const [name, families, withAll, , members, signed, cards, visited, contacts, visits, greetings, wanting] of coverage as Array<[string, ...number[]]>) {
      const t = [...counted.perTownship.entries()].find(([id]) => (name === '甲镇' ? id === w.townships[0] : id === w.townships[1]))![1];
      expect({ families, withAll, members, wanting, signed, cards, visited, contacts, visits, greetings }).toEqual({
        families: t.families,
        withAll: t.familiesWithAllContacts,
        members: t.members,
        wanting: t.wantingMembers,
        signed: t.signedMembers,
        cards: t.cardHolders,
        visited: t.visitedThisMonth,
        contacts: t.contactsThisMonth,
        visits: t.visitsThisMonth,
        greetings: t.greetingsThisMonth,
      });
    }
  });

  test('CSV of the same month, and a future month refused', async () => {
    const res = await call('GET', '/commission/ledger-export?month=2026-11&format=csv', { token: comm, headers: { 'x-test-now': NOW } });
    const text = Buffer.from(res.body.base64, 'base64').toString('utf8');
    expect(text.startsWith('\ufeff日期,乡镇,村（社区）,家庭,联系人,方式')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(10);
    const future = await call('GET', '/commission/ledger-export?month=2026-12', { token: comm, headers: { 'x-test-now': NOW } });
    expectApiError(future, 400, 'invalid_request');
  });
});

describe('members signed among those who want it', () => {
  const teamId = 'tm_lg6c';
  const memberOf = (n: number) => (n === 1 ? w.member : `p_lg6m${w.family(n).slice(-6)}`);
  const apply = async (n: number) =>
    call('POST', `/families/${w.family(n)}/signing/applications`, { token: await tokenFor(memberOf(n)), body: { memberId: memberOf(n) }, headers: { 'x-test-now': NOW } });
  const answer = async (n: number, applicationId: string, verb: 'accept' | 'decline') =>
    call('POST', `/team/applications/${memberOf(n)}/${applicationId}/${verb}`, { token: await tokenFor(w.doctor), body: verb === 'decline' ? { reason: '团队本月已满' } : {}, headers: { 'x-test-now': NOW } });
  /** Township B's wanting and signed figures on the dashboard (families 3, 5, 7, 9 live there). */
  const figuresB = async () => {
    const res = await call('GET', `/commission/dashboard?townshipId=${w.townships[1]}`, { token: comm, headers: { 'x-test-now': NOW } });
    expect(res.status).toBe(200);
    const t = res.body.townships[0];
    return { wanting: t.wantingMembers as number, signed: t.signedMembers as number };
  };

  beforeAll(async () => {
    // One team for both of this world's villages, led by the world's doctor.
    const doctor = { personId: w.doctor, name: '测试医生', role: 'gp' as const, title: '全科医生', organisation: '测试卫生院', phone: '13900000004' };
    await batchPutAll(
      teamItems({
        teamId, name: '测试签约团队', countyId: w.countyId, townshipId: w.townships[0], povertyForm: false,
        villageIds: [...w.villages], villageNames: ['测试村', '测试村'], leadId: w.doctor, responsibleByVillage: {}, members: [doctor],
      }) as unknown as Record<string, unknown>[],
    );
  });

  test('apply +1; decline and re-apply keep it; acceptance adds a signed member; termination takes the member out of both', async () => {
    const start = await figuresB();
    const first = await apply(3);
    expect(first.status).toBe(201);
    expect(await figuresB()).toEqual({ wanting: start.wanting + 1, signed: start.signed });
    expect((await answer(3, first.body.applicationId, 'decline')).status).toBe(200);
    expect(await figuresB()).toEqual({ wanting: start.wanting + 1, signed: start.signed });
    const again = await apply(3);
    expect(again.status).toBe(201);
    expect(await figuresB()).toEqual({ wanting: start.wanting + 1, signed: start.signed });
    const contract = await answer(3, again.body.applicationId, 'accept');
    expect(contract.status).toBe(201);
    expect(await figuresB()).toEqual({ wanting: start.wanting + 1, signed: start.signed + 1 });
    const ended = await call('POST', `/families/${w.family(3)}/members/${memberOf(3)}/contracts/${contract.body.contractId}/terminate`, {
      token: await tokenFor(w.doctor),
      body: { reason: 'moved_out', date: '2026-11-20' },
      headers: { 'x-test-now': NOW },
    });
    expect(ended.status).toBe(200);
    expect(await figuresB()).toEqual(start);
    // Asking again after the contract ended counts the member again.
    expect((await apply(3)).status).toBe(201);
    expect(await figuresB()).toEqual({ wanting: start.wanting + 1, signed: start.signed });
  });

  test('two applications by one member at the same moment: one is made, the other refused, counted once', async () => {
    const start = await figuresB();
    const both = await Promise.all([apply(5), apply(5)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await figuresB()).toEqual({ wanting: start.wanting + 1, signed: start.signed });
    const apps = (await queryPartition(keys.signingPk(memberOf(5)))).filter((i) => String(i.sk).startsWith('APP#'));
    expect(apps).toHaveLength(1);
  });

  test('the dashboard agrees with a recount and with the signing coverage page; a township officer sees only their township', async () => {
    const res = await call('GET', '/commission/dashboard', { token: comm, headers: { 'x-test-now': NOW } });
    expectAgrees(res.body, await recount(familyIds(), '2026-11-20'));
    // The signing page counts wanting from a Query of the states; the dashboard from its counters.
    const signing = await call('GET', '/commission/signing/coverage', { token: comm, headers: { 'x-test-now': NOW } });
    expect(signing.status).toBe(200);
    for (const t of res.body.townships) {
      const s = signing.body.townships.find((x: { townshipId: string }) => x.townshipId === t.townshipId);
      expect({ wanting: t.wantingMembers, signed: t.signedMembers }).toEqual({ wanting: s?.wanting ?? 0, signed: s?.signed ?? 0 });
    }
    expect(res.body.total.wantingMembers).toBe(signing.body.totals.wanting);
    expect(res.body.total.wantingMembers).toBeGreaterThan(res.body.total.signedMembers);
    const own = await call('GET', '/commission/dashboard', { token: await tokenFor(w.commTownship), headers: { 'x-test-now': NOW } });
    expect(own.body.townships.map((t: { townshipId: string }) => t.townshipId)).toEqual([w.townships[1]]);
    expect(own.body.total.wantingMembers).toBe(res.body.townships.find((t: { townshipId: string }) => t.townshipId === w.townships[1]).wantingMembers);
  });
});

// Last: its contacts are dated after the other blocks' clock (NOW), and a recount counts to its own day.
describe('online contacts from messaging are in the counters and the recount', () => {
  test('replies, a family message, a hand 网络沟通 and racing hand entries: the counters still equal a full recount', async () => {
    const cadre = await tokenFor(w.cadre);
    const lead = await tokenFor(w.lead);
    const send = (n: number, token: string, staffId: string, date: string, time = '10:00:00') =>
      call('POST', `/families/${w.family(n)}/conversations/${staffId}/messages`, { token, body: { text: '您好，我是联系人' }, headers: { 'x-test-now': `${date}T${time}+08:00` } });
    // Family 5 (last contact 11-06, on the 14-day list) gets replies from both contacts, twice each.
    for (const time of ['09:00:00', '09:05:00']) {
      expect((await send(5, cadre, w.cadre, '2026-11-30', time)).status).toBe(201);
      expect((await send(5, lead, w.lead, '2026-11-30', time)).status).toBe(201);
    }
    // Family 9 (never contacted): replies racing a hand-entered phone call, at 23:59 and 00:01 Beijing time.
    const raced = await Promise.all([
      send(9, cadre, w.cadre, '2026-12-01', '23:59:00'),
      send(9, lead, w.lead, '2026-12-01', '23:59:00'),
      call('POST', `/families/${w.family(9)}/contact-log`, { token: lead, body: { type: 'phone', date: '2026-12-01' }, headers: at('2026-12-01') }),
    ]);
    expect(raced.map((r) => r.status)).toEqual([201, 201, 201]);
    expect((await send(9, cadre, w.cadre, '2026-12-02', '00:01:00')).status).toBe(201);
    // Family 10: a hand 网络沟通 first; the same day's reply counts nothing more.
    expect((await call('POST', `/families/${w.family(10)}/contact-log`, { token: cadre, body: { type: 'online', date: '2026-12-02' }, headers: at('2026-12-02') })).status).toBe(201);
    expect((await send(10, cadre, w.cadre, '2026-12-02', '11:00:00')).status).toBe(201);
    // Family 7: only the family writes; nothing counts.
    expect((await call('POST', `/families/${w.family(7)}/conversations/${w.lead}/messages`, { token: await tokenFor(`p_lg6m${w.family(7).slice(-6)}`), body: { text: '想问问' }, headers: at('2026-12-02') })).status).toBe(201);

    const res = await call('GET', '/commission/dashboard', { token: comm, headers: at('2026-12-02') });
    expect(res.status).toBe(200);
    const counted = await recount(familyIds(), '2026-12-02');
    expectAgrees(res.body, counted);
    // December: family 9 two replies and a call on 12-01 and a reply on 12-02, family 10 one (5's were in November).
    expect(res.body.total).toMatchObject({ contactsThisMonth: 5, contactedThisWeek: 3 });
    const stale = res.body.stale.map((s: { familyId: string }) => s.familyId);
    expect(stale).not.toContain(w.family(5));
    expect(stale).not.toContain(w.family(9));
  });
});
