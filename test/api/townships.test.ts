import type { Principal } from '../../domain';
import { countyOfTownship } from '../../functions/lib/db/dashboard';
import { countyForTeams } from '../../functions/signing/team-writes';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { expectIdempotent } from './idempotency-support';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, expectSliceUnchanged, getItem, type Slice } from './support-table';

/**
 * The county commission's townships over HTTP (乡镇撤并: a township added, one renamed), in a county
 * of this file's own (ledger-world tag "twn": c_lg6twn with townships 甲镇 and 乙乡, its county
 * officer, 乙乡's township officer). New townships take codes 1305991xx, which no other suite uses.
 */
const w = ledgerWorld('twn');
const [tA, tB] = w.townships;
const base = '/commission/townships';
let county = '';
let townshipB = '';

const add = (body: unknown, token = county, key?: string) => call('POST', base, { token, body, headers: key ? { 'idempotency-key': key } : {} });
const rename = (townshipId: string, name: string, token = county) => call('PUT', `${base}/${townshipId}`, { token, body: { name } });
const list = async (token = county) => (await call('GET', base, { token })).body.items as Array<{ townshipId: string; name: string; families: number }>;
const mine: Slice = { pks: [keys.statsPk(w.countyId)], skPrefixes: ['TOWNSHIP#'] };
const claims = (code: string): Slice => ({ pks: [keys.townshipClaim(`t_${code}`).pk] });

beforeAll(async () => {
  await writeLedgerWorld(w, 4);
  [county, townshipB] = await Promise.all([tokenFor(w.commCounty), tokenFor(w.commTownship)]);
});

test('the demo county\'s townships were added through the same path: zero-based figures and a claim on each id', async () => {
  const demo = await list(await tokenFor('p_comm01'));
  expect(demo.map((t) => [t.townshipId, t.name])).toEqual([
    ['t_chengguan', '城关镇'],
    ['t_liulin', '柳林乡'],
  ]);
  expect(demo.every((t) => t.families > 0)).toBe(true);
  for (const t of demo) expect(await getItem(keys.townshipClaim(t.townshipId))).toMatchObject({ entity: 'townshipClaim', countyId: 'c_qinghe' });
});

test('a county officer adds a township by its division code: zero figures, listed, and offered to the institutions\' form', async () => {
  const res = await add({ code: '130599101', name: '新兴镇' });
  expect(res.status).toBe(201);
  expect(res.body).toEqual({ townshipId: 't_130599101', name: '新兴镇', families: 0 });
  expect(await getItem(keys.statsTownship(w.countyId, 't_130599101'))).toMatchObject({
    entity: 'townshipStats',
    townshipName: '新兴镇',
    families: 0,
    familiesWithAllContacts: 0,
    members: 0,
    wantingMembers: 0,
    signedMembers: 0,
    cardHolders: 0,
  });
  expect(await getItem(keys.townshipClaim('t_130599101'))).toMatchObject({ countyId: w.countyId });
  // Its township officer is placed in the county before any family is imported (the claim names it), and may set up its doctor teams.
  expect(await countyOfTownship('t_130599101')).toBe(w.countyId);
  const officer: Principal = { personId: 'p_lg6twnnew', role: 'commission', level: 'township', regionId: 't_130599101' };
  await expect(countyForTeams(officer, 't_130599101')).resolves.toBe(w.countyId);
  expect((await list()).map((t) => t.townshipId)).toEqual(['t_130599101', tA, tB]);
  const institutions = await call('GET', '/commission/institutions', { token: county });
  expect(institutions.body.townships).toContainEqual({ townshipId: 't_130599101', name: '新兴镇' });
});

test('institutions.addTownship: a retried add answers the first one; the same key with another body is 409', async () => {
  const send = (code: string, name: string) => (key: string) => add({ code, name }, county, key);
  const first = await expectIdempotent({ route: 'institutions.addTownship', status: 201, send: send('130599102', '新二镇'), other: send('130599103', '新三镇') });
  expect(first.body).toEqual({ townshipId: 't_130599102', name: '新二镇', families: 0 });
  expect(await getItem(keys.statsTownship(w.countyId, 't_130599103'))).toBeUndefined();
});

test('the same code or the same name again is refused (409), nothing written', async () => {
  const again = await expectSliceUnchanged(mine, () => add({ code: '130599101', name: '另一镇' }));
  expectApiError(again, 409, 'conflict');
  expect(again.body.message).toContain('130599101');
  const sameName = await expectSliceUnchanged(mine, () => add({ code: '130599104', name: '甲镇' }));
  expectApiError(sameName, 409, 'conflict');
  expect(sameName.body.message).toBe('本县已有甲镇，名称不能重复');
});

test('a rename keeps the id, families and figures; the same name again changes nothing; another township\'s name is refused', async () => {
  const before = await getItem(keys.statsTownship(w.countyId, tA));
  const res = await rename(tA, '甲城镇');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ townshipId: tA, name: '甲城镇', families: before?.families });
  expect(await getItem(keys.statsTownship(w.countyId, tA))).toEqual({ ...before, townshipName: '甲城镇' });
  expect((await list()).find((t) => t.townshipId === tA)).toMatchObject({ name: '甲城镇' });
  const again = await rename(tA, '甲城镇');
  expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: res.body });
  const taken = await expectSliceUnchanged(mine, () => rename(tA, '乙乡'));
  expectApiError(taken, 409, 'conflict');
});

describe('authorization: only the county\'s own officers', () => {
  test('a township officer may not list, add or rename (403), nothing written', async () => {
    for (const send of [() => call('GET', base, { token: townshipB }), () => add({ code: '130599105', name: '乡办镇' }, townshipB), () => rename(tB, '乙新乡', townshipB)]) {
      const res = await expectSliceUnchanged(mine, send);
      expectApiError(res, 403, 'forbidden');
    }
    expect(await getItem(keys.townshipClaim('t_130599105'))).toBeUndefined();
  });

  test("another county's officer: renaming this county's township is not found; taking its code is refused; nothing written", async () => {
    const other = await tokenFor('p_comm01');
    const res = await expectSliceUnchanged(mine, () => rename(tA, '外县镇', other));
    expectApiError(res, 404, 'not_found');
    const theirs: Slice = { pks: [keys.statsPk('c_qinghe')], skPrefixes: ['TOWNSHIP#t_1305991'] };
    const taken = await expectSliceUnchanged(theirs, () => expectSliceUnchanged(claims('130599101'), () => add({ code: '130599101', name: '外县新镇' }, other)));
    expectApiError(taken, 409, 'conflict');
    expect(taken.body.message).toBe('这个乡镇区划代码已由其他县区使用，请核对');
  });
});
