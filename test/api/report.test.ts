import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { festivalDates } from '../../domain/festival-dates';
import { batchPutAll } from '../../functions/lib/db/batch';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, getItem, queryPartition } from './support-table';

/**
 * The self-inspection report over a county of its own (ledger world, tag "k": two townships, types,
 * ages, couples, 建档立卡, contacts of every kind over two months, requests, a survey answer): every
 * figure recounted here from the records, family partition by family partition (the test may read
 * item by item; the product reads counters and per-region Queries), the request count bounded, and
 * the Word document opened and read.
 */
const w = ledgerWorld('k');
const FAMILIES = 12;
const NOW = '2026-11-20T10:00:00+08:00';
const at = (date: string) => ({ 'x-test-now': `${date}T10:00:00+08:00` });
const PERIOD = { from: '2026-10', to: '2026-11' };
const TODAY = '2026-11-20';

const vary = (n: number) => ({
  familyType: n % 4 === 0 ? ('disabled' as const) : ('bereaved' as const),
  poverty: n % 3 === 1,
  birthDate: ['1940-01-01', '1962-12-30', '1950-06-15', '1950-06-15', '1985-03-01'][n % 5],
  spouseBirthDate: n % 2 === 1 ? '1978-02-01' : undefined,
});

let comm = '';
beforeAll(async () => {
  await writeLedgerWorld(w, FAMILIES, undefined, vary);
  // The contact persons in both townships' directories (they serve families in both here).
  await batchPutAll(
    w.townships.flatMap((t) =>
      ([[w.cadre, 'village', '测试村干部'], [w.cadre2, 'village', '接任村干部'], [w.lead, 'township', '测试镇领导']] as const).map(([personId, level, name]) => ({
        ...keys.staffDirectory(t, level, personId),
        entity: 'staffDirectory', personId, name, title: '', organisation: '', contactLevel: level, countyId: w.countyId, townshipId: t,
      })),
    ),
  );
  comm = await tokenFor(w.commCounty);
  const cadre = await tokenFor(w.cadre);
  const lead = await tokenFor(w.lead);
  const contacts: Array<[number, string, string, string]> = [
    [1, 'home_visit', '2026-11-02', cadre],
    [1, 'phone', '2026-11-18', cadre],
    [4, 'phone', '2026-11-17', cadre],
    [4, 'online', '2026-11-19', lead],
    [6, 'festival', '2026-10-29', cadre],
    [6, 'home_visit', '2026-11-16', lead],
    [8, 'birthday', '2026-11-05', cadre],
    // 重阳节: a home visit that is a greeting too.
    [5, 'home_visit', '2026-10-18', lead],
    [7, 'phone', '2026-10-07', lead],
    // Before the period: family 9 is not reached in it.
    [9, 'home_visit', '2026-09-28', cadre],
  ];
  for (const [n, type, date, token] of contacts) {
    const res = await call('POST', `/families/${w.family(n)}/contact-log`, { token, body: { type, date }, headers: at(date) });
    expect(res.status).toBe(201);
  }
  const raise = async (n: number, date: string) => {
    const res = await call('POST', `/families/${w.family(n)}/requests`, { token: cadre, body: { category: 'living', text: `报告测试诉求 ${n}` }, headers: at(date) });
    expect(res.status).toBe(201);
    return res.body.requestId as string;
  };
  await raise(4, '2026-11-05');
  const done = await raise(6, '2026-11-10');
  expect((await call('PUT', `/families/${w.family(6)}/requests/${done}`, { token: cadre, body: { status: 'resolved', note: '已办好', version: 1 }, headers: at('2026-11-11') })).status).toBe(200);
  expect((await call('POST', `/families/${w.family(1)}/survey`, { token: await tokenFor(w.member), body: { awareness: 'know_all', satisfaction: 'satisfied' }, headers: at('2026-11-18') })).status).toBe(201);
});

const ids = () => Array.from({ length: FAMILIES }, (_, i) => w.family(i + 1));
const age = (birth: string, on: string) => Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
const festivalDays = new Set(Object.values(festivalDates).flatMap((l) => l.map((f) => f.date)));

/** Every figure from the records, written out as a person with the paper ledger would count. */
async function recount(months: string[], asOf: string) {
  const perTownship = new Map<string, Record<string, number>>();
  const population = new Map<string, number>();
  const gaps = { missing: [] as string[], notReached: [] as string[], poorUnsigned: [] as string[], withoutCard: [] as string[], overdue: 0 };
  const monthly = new Map<string, number>();
  for (const familyId of ids()) {
    const items = await queryPartition(keys.familyPk(familyId));
    const p = items.find((i) => i.sk === 'FAMILY')!;
    const kinds = items.filter((i) => String(i.sk).startsWith('FAMILY#CONTACT#')).map((i) => i.kind as string);
    const log = items.filter((i) => i.entity === 'contactLog' || (i.entity === 'onlineContact' && !i.handContactId));
    for (const c of log) monthly.set(c.date.slice(0, 7), (monthly.get(c.date.slice(0, 7)) ?? 0) + 1);
    const inPeriod = log.filter((c) => months.includes(c.date.slice(0, 7)));
    const states = await Promise.all(p.members.map((m: { personId: string }) => getItem(keys.signingState(m.personId))));
    const requests = items.filter((i) => i.entity === 'request');
    const active = requests.filter((r) => r.status === 'open' || r.status === 'in_progress');
    const answer = items.find((i) => i.entity === 'survey' && i.quarter === '2026-Q4');
    const t = perTownship.get(p.townshipId) ?? {};
    const add = (k: string, n: number) => (t[k] = (t[k] ?? 0) + n);
    const covered = kinds.includes('township_leader') && kinds.includes('village_cadre');
    add('families', 1);
    add('members', p.members.length);
    add('familiesWithAllContacts', covered ? 1 : 0);
    add('contacts', inPeriod.length);
    add('visits', inPeriod.filter((c) => c.type === 'home_visit').length);
    add('calls', inPeriod.filter((c) => c.type === 'phone').length);
    add('online', inPeriod.filter((c) => c.type === 'online' || c.entity === 'onlineContact').length);
    add('festivalGreetings', inPeriod.filter((c) => c.type === 'festival').length);
    add('birthdayGreetings', inPeriod.filter((c) => c.type === 'birthday').length);
    add('greetings', inPeriod.filter((c) => c.type === 'festival' || c.type === 'birthday' || (c.type === 'home_visit' && festivalDays.has(c.date))).length);
    add('familiesReached', inPeriod.length ? 1 : 0);
    add('familiesVisited', inPeriod.some((c) => c.type === 'home_visit') ? 1 : 0);
    add('wantingMembers', states.filter((s) => s && ['applied', 'signed', 'declined'].includes(s.state)).length);
    add('signedMembers', items.filter((i) => String(i.sk).startsWith('FAMILY#SIGN#')).length);
    add('poorMembers', p.registeredPoor ? p.members.length : 0);
    add('poorSignedMembers', p.registeredPoor ? states.filter((s) => s?.state === 'signed').length : 0);
    // A card counts once it is active and was handed over to the family.
    add('cardHolders', p.card.status === 'active' && p.card.handedOver ? 1 : 0);
    add('requestsRaised', requests.length);
    add('requestsResolved', requests.filter((r) => r.status === 'resolved').length);
    add('requestsOpen', active.length);
    add('requestsOverdue', active.filter((r) => r.dueDate < TODAY).length);
    add('surveyAnswered', answer ? 1 : 0);
    add('surveyAware', answer?.awareness === 'know_all' ? 1 : 0);
    add('surveySatisfied', ['very_satisfied', 'satisfied'].includes(answer?.satisfaction) ? 1 : 0);
    perTownship.set(p.townshipId, t);
    for (const band of [0, 49, 60, 80]) {
      const people = p.members.filter((m: { birthDate: string }) => age(m.birthDate, asOf) >= band).length;
      if (!people) continue;
      for (const type of ['total', p.familyType]) {
        population.set(`${band}.${type}.families`, (population.get(`${band}.${type}.families`) ?? 0) + 1);
        population.set(`${band}.${type}.people`, (population.get(`${band}.${type}.people`) ?? 0) + people);
      }
    }
    if (!covered) gaps.missing.push(familyId);
    if (!inPeriod.length) gaps.notReached.push(familyId);
    if (!(p.card.status === 'active' && p.card.handedOver)) gaps.withoutCard.push(familyId);
    if (p.registeredPoor) p.members.forEach((m: { name: string }, i: number) => states[i]?.state !== 'signed' && gaps.poorUnsigned.push(m.name));
    gaps.overdue += active.filter((r) => r.dueDate < TODAY).length;
  }
  return { perTownship, population, gaps, monthly };
}

test('county report: every figure equals a full recount of the records, in a bounded number of requests and no Scan', async () => {
  const res = await call('GET', `/commission/report?from=${PERIOD.from}&to=${PERIOD.to}`, { token: comm, headers: { 'x-test-now': NOW } });
  expect(res.status).toBe(200);
  const r = res.body;
  const counted = await recount(['2026-10', '2026-11'], TODAY);
  expect(r).toMatchObject({ level: 'county', from: '2026-10', to: '2026-11', asOf: TODAY, quarter: '2026-Q4' });
  for (const t of r.townships) {
    const { townshipId, townshipName: _n, ...figures } = t;
    expect({ townshipId, ...figures }).toEqual({ townshipId, ...counted.perTownship.get(townshipId) });
  }
  expect(r.townships.map((t: { townshipId: string }) => t.townshipId).sort()).toEqual([...counted.perTownship.keys()].sort());
  // The seeds' table: 合计, 49+, 60+, 80+, each by type.
  for (const row of r.population) {
    const band = row.band === 'all' ? 0 : Number(row.band);
    for (const type of ['total', 'bereaved', 'disabled'])
      expect([row.band, type, row[type]]).toEqual([row.band, type, { families: counted.population.get(`${band}.${type}.families`) ?? 0, people: counted.population.get(`${band}.${type}.people`) ?? 0 }]);
  }
  expect(r.population[0].total).toEqual({ families: FAMILIES, people: FAMILIES + FAMILIES / 2 });
  // The names behind every gap.
  expect(r.gaps.missingContacts.map((f: { familyId: string }) => f.familyId).sort()).toEqual(counted.gaps.missing.sort());
  expect(r.gaps.missingContacts[0].missing).toEqual(['village_cadre']);
  expect(r.gaps.notReached.map((f: { familyId: string }) => f.familyId).sort()).toEqual(counted.gaps.notReached.sort());
  expect(r.gaps.withoutCard.map((f: { familyId: string }) => f.familyId).sort()).toEqual(counted.gaps.withoutCard.sort());
  expect(r.gaps.poorUnsigned.map((m: { memberName: string }) => m.memberName).sort()).toEqual(counted.gaps.poorUnsigned.sort());
  expect(r.gaps.overdueRequests).toHaveLength(counted.gaps.overdue);
  expect(r.gaps.staff.map((s: { staffId: string }) => s.staffId).sort()).toEqual([w.cadre, w.lead].sort());
  // The 12-month trend from the monthly counters, as the log counts per month.
  expect(r.trend).toHaveLength(12);
  for (const m of r.trend) expect([m.month, m.contacts]).toEqual([m.month, counted.monthly.get(m.month) ?? 0]);
  expect(r.total).toMatchObject({ greetings: 3, visits: 3, requestsOverdue: 1, requestsResolved: 1 });
  // Bounded: 1 (townships) + 6 (profiles, states, months, request and survey counters, heading) +
  // per township: a contact-log Query per month, the staff directory, each contact person's
  // assignments (3 in each directory here), the overdue requests where some are active.
  // (+1: the county's problem ledger, one Query.)
  const townships = 2;
  expect(res.ddbRequests).toBeLessThanOrEqual(1 + 7 + townships * (2 + 1 + 3 + 1));
  expect(res.headers.get('x-lianxin-ddb-operations')).not.toMatch(/Scan/);
});

test('the problem ledger in the report: raised and rectified in the period, the open ones, the late ones named', async () => {
  const raise = (deadline: string, description: string, date: string) =>
    call('POST', '/commission/problems', {
      token: comm,
      body: { townshipId: w.townships[0], area: 'visits', description, responsibleUnit: '甲镇政府', leaderName: '测试镇领导', responsiblePersonId: w.cadre, measures: '本月内入户走访', deadline },
      headers: { ...at(date), 'idempotency-key': `rp-${date}-${Math.random().toString(36).slice(2)}` },
    });
  const late = await raise('2026-11-05', '报告测试逾期问题', '2026-11-01');
  const onTime = await raise('2026-12-31', '报告测试按期问题', '2026-11-02');
  const done = await raise('2026-12-31', '报告测试已整改问题', '2026-11-03');
  // Raised before the period: open, but not counted as raised in it.
  const older = await raise('2026-12-31', '报告测试上期问题', '2026-09-10');
  for (const r of [late, onTime, done, older]) expect(r.status).toBe(201);
  expect((await call('POST', `/problems/${done.body.problemId}/rectify`, { token: await tokenFor(w.cadre), body: { evidence: '已于11月10日入户走访并补记台账', version: 1 }, headers: at('2026-11-10') })).status).toBe(200);

  const res = await call('GET', `/commission/report?from=${PERIOD.from}&to=${PERIOD.to}`, { token: comm, headers: { 'x-test-now': NOW } });
  expect(res.body.problems).toEqual({
    raised: 3,
    rectified: 1,
    open: 3,
    overdue: [{ problemId: late.body.problemId, townshipName: '甲镇', area: '走访慰问', description: '报告测试逾期问题', responsibleName: '测试村干部', deadline: '2026-11-05' }],
  });
  // The township officer of the other township sees none of them.
  const other = await call('GET', '/commission/report', { token: await tokenFor(w.commTownship), headers: { 'x-test-now': NOW } });
  expect(other.body.problems).toEqual({ raised: 0, rectified: 0, open: 0, overdue: [] });
});

test('the same figure is the same number on the dashboard and the report', async () => {
  const [dash, report] = await Promise.all([
    call('GET', '/commission/dashboard', { token: comm, headers: { 'x-test-now': NOW } }),
    call('GET', '/commission/report', { token: comm, headers: { 'x-test-now': NOW } }),
  ]);
  const d = dash.body.total;
  const r = report.body.total;
  expect(r).toMatchObject({
    families: d.families, members: d.members, familiesWithAllContacts: d.familiesWithAllContacts, wantingMembers: d.wantingMembers, signedMembers: d.signedMembers,
    cardHolders: d.cardHolders, contacts: d.contactsThisMonth, visits: d.visitsThisMonth, greetings: d.greetingsThisMonth, familiesVisited: d.visitedThisMonth,
    requestsOpen: d.requestsOpen, requestsOverdue: d.requestsOverdue, surveyAnswered: d.surveyAnswered, surveyAware: d.surveyAware, surveySatisfied: d.surveySatisfied,
  });
});

test('a township officer gets the report of their township only; another county or township is refused', async () => {
  const own = await call('GET', '/commission/report', { token: await tokenFor(w.commTownship), headers: { 'x-test-now': NOW } });
  expect(own.status).toBe(200);
  expect(own.body.level).toBe('township');
  expect(own.body.townships.map((t: { townshipId: string }) => t.townshipId)).toEqual([w.townships[1]]);
  const narrowed = await call('GET', `/commission/report?townshipId=${w.townships[1]}`, { token: comm, headers: { 'x-test-now': NOW } });
  expect(narrowed.body.total).toEqual(own.body.total);
  expectApiError(await call('GET', `/commission/report?townshipId=${w.townships[0]}`, { token: await tokenFor(w.commTownship) }), 403, 'forbidden');
  expectApiError(await call('GET', '/commission/report?townshipId=t_chengguan', { token: comm }), 403, 'forbidden');
});

test('the Word document: opened, its text carries the figures, East Asian fonts set; the workbook has the three tables', async () => {
  const res = await call('GET', `/commission/report-export?from=${PERIOD.from}&to=${PERIOD.to}&format=docx`, { token: comm, headers: { 'x-test-now': NOW } });
  expect(res.status).toBe(200);
  expect(res.body.filename).toMatch(/\.docx$/);
  const zip = await JSZip.loadAsync(Buffer.from(res.body.base64, 'base64'));
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const report = (await call('GET', `/commission/report?from=${PERIOD.from}&to=${PERIOD.to}`, { token: comm, headers: { 'x-test-now': NOW } })).body;
  const all = report.population[0];
  expect(text).toContain(`共有计划生育特殊家庭${all.total.families}户${all.total.people}人（失独${all.bereaved.families}户${all.bereaved.people}人、伤残${all.disabled.families}户${all.disabled.people}人）`);
  expect(text).toContain(`其中49岁以上${report.population[1].total.families}户${report.population[1].total.people}人`);
  expect(text).toContain(`联系${report.total.contacts}次，其中登门走访${report.total.visits}次、电话联络${report.total.calls}次、网络沟通${report.total.online}次`);
  expect(text).toContain(`建档立卡贫困家庭成员${report.total.poorMembers}人，已签约${report.total.poorSignedMembers}人`);
  expect(text).toContain('特殊家庭基本情况统计表');
  expect(text).toContain(report.gaps.missingContacts[0].familyName);
  expect(xml).toMatch(/w:eastAsia="仿宋"/);

  const book = await call('GET', `/commission/report-export?from=${PERIOD.from}&to=${PERIOD.to}&format=xlsx`, { token: comm, headers: { 'x-test-now': NOW } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(book.body.base64, 'base64') as unknown as ArrayBuffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['特殊家庭基本情况统计表', '联系人制度落实情况表', '扶助关怀情况统计表', '未达标名单']);
  const pop = wb.getWorksheet('特殊家庭基本情况统计表')!;
  expect(pop.getRow(2).values).toEqual([undefined, '合计', all.total.families, all.total.people, all.bereaved.families, all.bereaved.people, all.disabled.families, all.disabled.people]);
  const contactSheet = wb.getWorksheet('联系人制度落实情况表')!;
  expect(contactSheet.getRow(contactSheet.rowCount).getCell(5).value).toBe(report.total.contacts);
});
