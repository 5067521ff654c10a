import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { batchPutAll } from '../../functions/lib/db/batch';
import { cityItem } from '../../functions/lib/db/cities';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { recount } from './ledger-recount';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, expectSliceUnchanged, touchable } from './support-table';

/**
 * The city level: a city (city_lg6qc) of two counties of this file's own (ledger worlds "qcx" with
 * 6 families and "qcy" with 4), a city commission officer who reads their report side by side and
 * writes nothing, and county officers who keep to their county.
 */
const x = ledgerWorld('qcx');
const y = ledgerWorld('qcy');
const CITY = 'city_lg6qc';
const CITY_OFFICER = 'p_lg6qccity';
const NOW = '2026-11-20T10:00:00+08:00';
const TODAY = '2026-11-20';
const at = (date: string) => ({ 'x-test-now': `${date}T10:00:00+08:00` });
const xIds = Array.from({ length: 6 }, (_, i) => x.family(i + 1));
const yIds = Array.from({ length: 4 }, (_, i) => y.family(i + 1));

let city = '';
beforeAll(async () => {
  await writeLedgerWorld(x, 6, undefined, (n) => ({ familyType: n % 3 === 0 ? 'disabled' : 'bereaved', poverty: n === 2, spouseBirthDate: n % 2 ? '1970-02-01' : undefined }));
  await writeLedgerWorld(y, 4, '1940-03-01', (n) => ({ poverty: n === 1 }));
  const openid = `demo-openid-${CITY_OFFICER}`;
  await batchPutAll([
    cityItem(CITY, '测试市', [
      { countyId: x.countyId, countyName: '甲县' },
      { countyId: y.countyId, countyName: '乙县' },
    ]) as unknown as Record<string, unknown>,
    {
      ...keys.person(CITY_OFFICER), entity: 'person', personId: CITY_OFFICER, name: '测试市卫健委', role: 'commission', commissionLevel: 'city', post: 'city_commission', regionId: CITY,
      gender: 'female', birthDate: '1975-01-01', idNumberEnc: 'not-used-by-these-tests', phoneEnc: 'not-used-by-these-tests', phoneMasked: '139****0000',
      gsi1pk: `PHONE#ledger-test-${CITY_OFFICER}`, gsi1sk: `PERSON#${CITY_OFFICER}`, openid, organisation: '测试市卫健委', title: '科长',
    },
    { ...keys.binding(openid), entity: 'binding', openid, personId: CITY_OFFICER, boundAt: '2025-01-01T09:00:00+08:00' },
  ]);
  const contacts: Array<[typeof x, number, string, string]> = [
    [x, 1, 'home_visit', '2026-11-02'],
    [x, 3, 'phone', '2026-11-10'],
    [x, 4, 'festival', '2026-10-29'],
    [y, 1, 'home_visit', '2026-11-05'],
    [y, 3, 'online', '2026-11-19'],
  ];
  for (const [w, n, type, date] of contacts) {
    const res = await call('POST', `/families/${w.family(n)}/contact-log`, { token: await tokenFor(w.cadre), body: { type, date }, headers: at(date) });
    expect(res.status).toBe(201);
  }
  const raised = await call('POST', `/families/${y.family(3)}/requests`, { token: await tokenFor(y.cadre), body: { category: 'living', text: '市级报告测试诉求' }, headers: at('2026-11-06') });
  expect(raised.status).toBe(201);
  city = await tokenFor(CITY_OFFICER);
});

const report = (token: string, query = '') => call('GET', `/commission/report?from=2026-11&to=2026-11${query}`, { token, headers: { 'x-test-now': NOW } });

test('every city figure is the sum of its two county reports and of a full recount, in (counties x a county report) + 2 requests, no Scan', async () => {
  const [res, rx, ry] = await Promise.all([report(city), report(await tokenFor(x.commCounty)), report(await tokenFor(y.commCounty))]);
  for (const r of [res, rx, ry]) expect(r.status).toBe(200);
  const c = res.body;
  expect(c).toMatchObject({ level: 'city', regionName: '测试市', from: '2026-11', to: '2026-11', asOf: TODAY, townships: [] });
  // Counties side by side: each is its own county's report total, in the city's order.
  expect(c.counties.map((k: { countyName: string }) => k.countyName)).toEqual(['甲县', '乙县']);
  for (const [k, own] of [[c.counties[0], rx.body], [c.counties[1], ry.body]]) {
    const { countyId: _i, countyName: _n, problems, ...figures } = k;
    expect(figures).toEqual(own.total);
    expect(problems).toEqual({ raised: own.problems.raised, rectified: own.problems.rectified, open: own.problems.open, overdue: own.problems.overdue.length });
  }
  for (const key of Object.keys(c.total)) expect([key, c.total[key]]).toEqual([key, rx.body.total[key] + ry.body.total[key]]);
  c.population.forEach((row: { band: string; total: object; bereaved: object; disabled: object }, i: number) => {
    for (const type of ['total', 'bereaved', 'disabled'] as const) {
      const a = rx.body.population[i][type];
      const b = ry.body.population[i][type];
      expect([row.band, type, row[type]]).toEqual([row.band, type, { families: a.families + b.families, people: a.people + b.people }]);
    }
  });
  c.trend.forEach((m: { month: string; contacts: number }, i: number) => expect([m.month, m.contacts]).toEqual([m.month, rx.body.trend[i].contacts + ry.body.trend[i].contacts]));
  // The names behind the gaps, county by county, each named with its county.
  for (const gap of ['missingContacts', 'notReached', 'poorUnsigned', 'withoutCard'] as const) {
    expect(c.gaps[gap].map((f: { familyId: string; countyName: string }) => [f.countyName, f.familyId])).toEqual([
      ...rx.body.gaps[gap].map((f: { familyId: string }) => ['甲县', f.familyId]),
      ...ry.body.gaps[gap].map((f: { familyId: string }) => ['乙县', f.familyId]),
    ]);
  }

  // A full recount from the records of both counties' families.
  const counted = await recount([...xIds, ...yIds], TODAY);
  const sum = (k: string) => [...counted.perTownship.values()].reduce((n, t) => n + t[k], 0);
  expect(c.total).toMatchObject({
    families: sum('families'), members: sum('members'), familiesWithAllContacts: sum('familiesWithAllContacts'), wantingMembers: sum('wantingMembers'),
    signedMembers: sum('signedMembers'), cardHolders: sum('cardHolders'), contacts: sum('contactsThisMonth'), visits: sum('visitsThisMonth'),
    greetings: sum('greetingsThisMonth'), familiesVisited: sum('visitedThisMonth'), requestsOpen: sum('requestsOpen'), requestsOverdue: sum('requestsOverdue'),
  });
  expect(c.total).toMatchObject({ families: 10, contacts: 4, visits: 2, requestsOpen: 1 });

  // Bounded: the city item, then each county's report as its own officer reads it.
  expect(res.ddbRequests).toBeLessThanOrEqual(rx.ddbRequests + ry.ddbRequests + 2);
  expect(res.headers.get('x-lianxin-ddb-operations')).not.toMatch(/Scan/);
});

test('countyId narrows the city report to one county: the county officer\'s own report; a county outside the city is refused', async () => {
  const [narrowed, own] = await Promise.all([report(city, `&countyId=${x.countyId}`), report(await tokenFor(x.commCounty))]);
  expect(narrowed.status).toBe(200);
  expect(narrowed.body).toMatchObject({ level: 'county', regionName: '甲县' });
  expect(narrowed.body.total).toEqual(own.body.total);
  expect(narrowed.body.townships).toEqual(own.body.townships);
  const township = await report(city, `&countyId=${y.countyId}&townshipId=${y.townships[1]}`);
  expect(township.body).toMatchObject({ level: 'township', townships: [{ townshipId: y.townships[1] }] });
  expectApiError(await report(city, '&countyId=c_qinghe'), 403, 'forbidden');
  expectApiError(await report(city, `&townshipId=${x.townships[0]}`), 400, 'invalid_request');
});

test('a county officer keeps to their county: neither the other county nor the city', async () => {
  const token = await tokenFor(x.commCounty);
  expectApiError(await report(token, `&countyId=${y.countyId}`), 403, 'forbidden');
  expectApiError(await report(token, `&townshipId=${y.townships[0]}`), 403, 'forbidden');
  const own = await report(token, `&countyId=${x.countyId}`);
  expect(own.body).toMatchObject({ level: 'county', total: { families: 6 } });
  expect(own.body.counties).toBeUndefined();
  // A township officer neither.
  expectApiError(await report(await tokenFor(y.commTownship), `&countyId=${y.countyId}`), 403, 'forbidden');
});

test('a city officer writes nothing: contacts, hand-overs, imports, problems, staff are refused on the token alone', async () => {
  const familyId = x.family(1);
  const writes: Array<[string, string, unknown]> = [
    ['POST', `/families/${familyId}/contact-log`, { type: 'phone', date: '2026-11-20' }],
    ['POST', `/families/${familyId}/handovers`, { kind: 'township_leader', toStaffId: x.lead }],
    ['POST', '/commission/imports', { kind: 'staff', key: `imports/${CITY_OFFICER}/x.csv` }],
    ['POST', '/commission/problems', { townshipId: x.townships[0], area: 'other', description: '市级测试', responsibleUnit: '甲镇', leaderName: '测试镇领导', responsiblePersonId: x.lead, measures: '无', deadline: '2099-12-31' }],
    ['POST', '/commission/staff', { post: 'county_commission', name: '测试人员', idNumber: '130529198203140010', phone: '13900000009', organisation: '测试', title: '测试' }],
  ];
  for (const [method, path, body] of writes) {
    const res = await expectSliceUnchanged(touchable({ familyId }), () => call(method as 'POST', path, { token: city, body, headers: { 'idempotency-key': `city-${path.length}-${Math.random().toString(36).slice(2)}` } }));
    expectApiError(res, 403, 'forbidden');
    expect([path, res.ddbRequests]).toEqual([path, 0]);
  }
  // Nor does it read as a county officer would: families, a family's contacts, the dashboard.
  for (const path of ['/commission/families', `/families/${familyId}/contacts`, '/commission/dashboard', '/commission/staff']) {
    const res = await call('GET', path, { token: city });
    expectApiError(res, 403, 'forbidden');
    expect([path, res.ddbRequests]).toEqual([path, 0]);
  }
  expect((await call('GET', '/me', { token: city })).body).toMatchObject({ role: 'commission', commissionLevel: 'city', regionId: CITY });
});

test('the city report as Word and Excel: the city in the title, the counties side by side, names with their county', async () => {
  const r = (await report(city)).body;
  const docx = await call('GET', '/commission/report-export?from=2026-11&to=2026-11&format=docx', { token: city, headers: { 'x-test-now': NOW } });
  expect(docx.status).toBe(200);
  expect(docx.body.filename).toBe('自查报告-测试市-2026年11月.docx');
  const xml = await (await JSZip.loadAsync(Buffer.from(docx.body.base64, 'base64'))).file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  expect(text).toContain('测试市计划生育特殊家庭“三个全覆盖”工作自查报告');
  expect(text).toContain(`我市共有计划生育特殊家庭${r.population[0].total.families}户${r.population[0].total.people}人`);
  expect(text).toContain(`甲县：特殊家庭${r.counties[0].families}户`);
  expect(text).toContain(`乙县：特殊家庭${r.counties[1].families}户`);

  const book = await call('GET', '/commission/report-export?from=2026-11&to=2026-11&format=xlsx', { token: city, headers: { 'x-test-now': NOW } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(book.body.base64, 'base64') as unknown as ArrayBuffer);
  const contactSheet = wb.getWorksheet('联系人制度落实情况表')!;
  expect(contactSheet.getRow(1).getCell(1).value).toBe('县（市、区）');
  expect([2, 3, 4].map((n) => contactSheet.getRow(n).getCell(1).value)).toEqual(['甲县', '乙县', '合计']);
  expect(contactSheet.getRow(4).getCell(5).value).toBe(r.total.contacts);
  const gaps = wb.getWorksheet('未达标名单')!;
  expect(String(gaps.getRow(2).getCell(2).value)).toMatch(/^甲县/);
});
