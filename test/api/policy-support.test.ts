import { addDays, beijingDate, PRIVACY_GUIDE_VERSION } from '../../domain';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, getItem } from './support-table';

/**
 * 双签约 made in the product: the commission signs a cadre to a 因病致贫 family, the cadre's claims
 * move filed → submitted → paid or refused with amounts, the doctor team sees the cost burden only
 * with the family's consent, and the cadre sees the follow-up dates. Own county (tag "ps").
 */
const w = ledgerWorld('ps');
const f1 = w.family(1);
let county = '';
let cadre = '';
beforeAll(async () => {
  await writeLedgerWorld(w, 3);
  [county, cadre] = await Promise.all([tokenFor(w.commCounty), tokenFor(w.cadre)]);
});

const contract = { cadreId: w.cadre, yearlyIncomeFen: 1_000_000, startDate: '2026-01-01', endDate: '2026-12-31' };

test('only a 因病致贫 family gets a contract, with one of its own cadres, once', async () => {
  const refused = await call('POST', `/families/${f1}/policy/contract`, { token: county, body: contract });
  expectApiError(refused, 409, 'conflict');
  expect(refused.body.message).toBe('只有登记为因病致贫的家庭可以签订政策帮扶协议，请先在家庭信息中登记');
  expect(await getItem(keys.policyContract(f1))).toBeUndefined();
  const flagged = await call('PUT', `/families/${f1}/details`, { token: county, body: { version: 1, address: '测试村 1 号', lowIncome: false, registeredPoor: true, illnessPoverty: true, familyType: 'bereaved' } });
  expect(flagged.status).toBe(200);
  const stranger = await call('POST', `/families/${f1}/policy/contract`, { token: county, body: { ...contract, cadreId: w.cadre2 } });
  expect(stranger.body.fields).toEqual({ 'body.cadreId': '不是这户家庭的联系人' });
  const res = await call('POST', `/families/${f1}/policy/contract`, { token: county, body: contract });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ familyId: f1, cadreName: '测试村干部', pendingClaims: 0, warning: false });
  expectApiError(await call('POST', `/families/${f1}/policy/contract`, { token: county, body: contract }), 409, 'conflict');
  const list = await call('GET', '/policy/families', { token: cadre });
  expect(list.body.items.map((i: { familyId: string }) => i.familyId)).toContain(f1);
});

test('a claim moves filed → submitted → paid; the paid amount comes off the out-of-pocket, and is paid once', async () => {
  const cost = { memberId: w.member, visitDate: '2026-03-02', place: '测试县医院', totalFen: 600_000, basicInsuranceFen: 200_000, seriousIllnessFen: 0, medicalAssistanceFen: 0, commercialFen: 0, claimPending: true };
  const added = await call('POST', `/families/${f1}/policy/ledger`, { token: cadre, body: cost });
  expect(added.status).toBe(201);
  expect(added.body.summary).toMatchObject({ outOfPocketFen: 400_000, pendingClaims: 1, warning: false });
  const entry = added.body.entries[0];
  expect(entry.claim).toMatchObject({ status: 'filed', statusLabel: '已登记待报' });
  const path = `/families/${f1}/policy/ledger/${entry.entryId}/claim`;
  expectApiError(await call('PUT', path, { token: cadre, body: { status: 'paid', paidFen: 1 } }), 409, 'conflict');
  const submitted = await call('PUT', path, { token: cadre, body: { status: 'submitted', claimedFen: 300_000 } });
  expect(submitted.status).toBe(200);
  expect(submitted.body.entries[0].claim).toMatchObject({ status: 'submitted', claimedFen: 300_000 });
  const tooMuch = await call('PUT', path, { token: cadre, body: { status: 'paid', paidFen: 300_001 } });
  expect(tooMuch.body.fields).toEqual({ 'body.paidFen': '到账金额不能超过申报金额' });
  const [a, b] = await Promise.all([
    call('PUT', path, { token: cadre, body: { status: 'paid', paidFen: 250_000 } }),
    call('PUT', path, { token: cadre, body: { status: 'paid', paidFen: 250_000 } }),
  ]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const ledger = await call('GET', `/families/${f1}/policy/ledger`, { token: cadre });
  expect(ledger.body.summary).toMatchObject({ outOfPocketFen: 150_000, pendingClaims: 0 });
  expect(ledger.body.entries[0]).toMatchObject({ claimPending: false, outOfPocketFen: 150_000, claim: { status: 'paid', paidFen: 250_000, statusLabel: '已报销到账' } });
  expect((await getItem(keys.policyContract(f1)))!.totals).toMatchObject({ outOfPocketFen: 150_000, pendingClaims: 0 });
});

test('the doctor team sees the cost burden only with the family\'s consent; the cadre sees follow-up dates', async () => {
  const doctor = await tokenFor(w.doctor);
  const refused = await call('GET', `/families/${f1}/policy/cost-burden`, { token: doctor });
  expectApiError(refused, 403, 'forbidden');
  const member = await tokenFor(w.member);
  expect((await call('PUT', '/me/consent', { token: member, body: { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData: true } })).status).toBe(200);
  const burden = await call('GET', `/families/${f1}/policy/cost-burden`, { token: doctor });
  expect(burden.status).toBe(200);
  expect(burden.body).toEqual({ familyId: f1, cadreName: '测试村干部', yearlyIncomeFen: 1_000_000, outOfPocketFen: 150_000, pendingClaims: 0, warning: false });
  const dates = await call('GET', `/families/${f1}/policy/follow-up-dates`, { token: cadre });
  expect(dates.status).toBe(200);
  expect(dates.body.members).toEqual([{ personId: w.member, name: '成员1' }]);
  // The family's doctor is not its policy cadre.
  expectApiError(await call('GET', `/families/${f1}/policy/follow-up-dates`, { token: await tokenFor(w.lead) }), 403, 'forbidden');
});

test("the demo county's 双签约 is what the product's writes made: 孙长海家 below the warning line, 韩永福家 above it, a claim pending in each", async () => {
  // Read only: the demo's two ledgers are written by the seed alone (bad-input cases on f_0004 write nothing).
  const [zhao, sun] = await Promise.all([tokenFor('p_cadre02'), tokenFor('p_cadre04')]);
  const [below, above] = await Promise.all([call('GET', '/policy/families', { token: zhao }), call('GET', '/policy/families', { token: sun })]);
  expect(below.body.items).toEqual([expect.objectContaining({ familyId: 'f_0004', cadreName: '赵永强', totalFen: 2_280_000, outOfPocketFen: 591_000, pendingClaims: 1, warning: false })]);
  expect(above.body.items).toEqual([expect.objectContaining({ familyId: 'f_0010', cadreName: '孙志刚', totalFen: 3_600_000, outOfPocketFen: 1_080_000, pendingClaims: 1, warning: true })]);
  // The seed dates them back from its own day (the SEED marker's seededAt).
  const seededOn = beijingDate(((await getItem({ pk: 'SEED', sk: 'demo-county' })) as { seededAt: string }).seededAt);
  const ago = (days: number) => addDays(seededOn, -days);
  const [sunLedger, hanLedger] = await Promise.all([call('GET', '/families/f_0004/policy/ledger', { token: zhao }), call('GET', '/families/f_0010/policy/ledger', { token: sun })]);
  expect(sunLedger.body.entries.map((e: { visitDate: string; claim?: { status: string }; enteredByName: string }) => [e.visitDate, e.claim?.status, e.enteredByName])).toEqual([
    [ago(108), 'filed', '赵永强'],
    [ago(270), undefined, '赵永强'],
  ]);
  expect(hanLedger.body.entries).toEqual([expect.objectContaining({ visitDate: ago(187), enteredAt: `${ago(187)}T16:00:00+08:00`, claim: expect.objectContaining({ status: 'submitted', claimedFen: 300_000 }) })]);
});
