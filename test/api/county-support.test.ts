import { COUNTY_MEASURES_PENDING_LINE, countySupportMessages, type CountySupportResponse, defaultCountySupport, type Entitlement } from '../../domain';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { expectIdempotent, idemKey } from './idempotency-support';
import { validMeasure } from './county-support-bad-input';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, getItem } from './support-table';

/**
 * The county's own support measures over HTTP, in a county of this file's own (ledger-world tag
 * "gm", c_lg6gm: its county officer, a township officer, family 1's member), built from an empty
 * county as a real one would be: the draft first, then what the commission saves.
 */
const w = ledgerWorld('gm');
const path = '/commission/county-support';
let county = '';
let township = '';
let member = '';

const read = async (token = county) => {
  const res = await call('GET', path, { token });
  expect(res.status).toBe(200);
  return res.body as CountySupportResponse;
};
const save = (body: unknown, token = county, key = idemKey('csm')) => call('PUT', path, { token, body, headers: { 'idempotency-key': key } });
const familyCountyItems = async () => {
  const res = await call('GET', `/families/${w.family(1)}/entitlements`, { token: member });
  expect(res.status).toBe(200);
  return (res.body.items as Entitlement[]).filter((i) => i.group === 'county');
};
const stored = () => getItem(keys.countySupport(w.countyId));
/** A response's list as a save's body (ids kept). */
const asInput = (extras: CountySupportResponse['extras']) => extras.map(({ id, title, detail, appliesTo, contact }) => ({ id, title, detail, ...(appliesTo ? { appliesTo } : {}), ...(contact ? { contact } : {}) }));

beforeAll(async () => {
  await writeLedgerWorld(w, 3);
  [county, township, member] = await Promise.all([tokenFor(w.commCounty), tokenFor(w.commTownship), tokenFor(w.member)]);
});

test('the demo county was confirmed through the same code path: version 1, saved by its officer', async () => {
  const seeded = await read(await tokenFor('p_comm01'));
  expect(seeded).toMatchObject({ countyId: 'c_qinghe', confirmed: true, version: 1, updatedByName: '郑国栋', canManage: true });
  expect(seeded.extras.map((e) => e.id)).toEqual(['free_consult_fee', 'transfer_120', 'care_home_priority']);
  // The save's own change record, which only the route's save writes.
  expect(await getItem(keys.countySupportChange('c_qinghe', 1))).toMatchObject({ version: 1, before: null, byId: 'p_comm01', byName: '郑国栋', summary: '确认本县帮扶措施（3 项）' });
});

test('a new county has only the draft, marked not confirmed; its families are promised none of it, only told whom to ask', async () => {
  const draft = await read();
  expect(draft).toEqual({ countyId: w.countyId, confirmed: false, version: 0, extras: defaultCountySupport.extras, canManage: true });
  expect(await read(township)).toMatchObject({ confirmed: false, canManage: false });
  const items = await familyCountyItems();
  expect(items).toEqual([{ id: 'county:pending', group: 'county', title: '本县帮扶措施', lines: [COUNTY_MEASURES_PENDING_LINE], calls: [{ name: '测试县卫健委', role: '卫健委', phone: '0311-86900000' }] }]);
});

test('a township officer reads but may not save: 403 with a Chinese message, nothing written', async () => {
  const res = await save({ version: 0, extras: [validMeasure] }, township);
  expectApiError(res, 403, 'forbidden');
  expect(res.body.message).toBe(countySupportMessages.townshipReadOnly);
  expect(await stored()).toBeUndefined();
});

test('an id that is not on the list read is refused per field, nothing written', async () => {
  const res = await save({ version: 0, extras: [{ ...validMeasure, id: 'cm_0000000000000000' }] });
  expectApiError(res, 400, 'invalid_request');
  expect(res.body.fields).toEqual({ 'body.extras.0.id': countySupportMessages.unknownMeasure });
  expect(await stored()).toBeUndefined();
});

test('confirm, edit, remove: each save versioned with a change record; families see exactly the saved list', async () => {
  // Confirm the draft without 120 transfer (this county does not offer it), plus one of its own.
  const draft = await read();
  const first = await save({ version: 0, extras: [...asInput(draft.extras.filter((e) => e.id !== 'transfer_120')), validMeasure] });
  expect(first.status).toBe(200);
  const confirmed = first.body as CountySupportResponse;
  expect(confirmed).toMatchObject({ confirmed: true, version: 1, canManage: true });
  const added = confirmed.extras.find((e) => e.title === validMeasure.title)!;
  expect(added.id).toMatch(/^cm_[0-9a-f]{16}$/);
  // povertyOnly false narrows nothing, so it is not stored.
  expect(added).toEqual({ id: added.id, title: validMeasure.title, detail: validMeasure.detail, appliesTo: { familyTypes: ['bereaved'], minAge: 60 }, contact: validMeasure.contact });
  expect(await read()).toEqual(confirmed);
  expect(await getItem(keys.countySupportChange(w.countyId, 1))).toMatchObject({ entity: 'countySupportChange', version: 1, before: null, summary: '确认本县帮扶措施（3 项）', byName: expect.any(String) });

  // The family (失独, member born 1950) sees the saved list, the draft's 120 promise gone.
  let items = await familyCountyItems();
  expect(items.map((i) => i.id)).toEqual(['county:free_consult_fee', 'county:care_home_priority', `county:${added.id}`]);
  expect(items.find((i) => i.id === `county:${added.id}`)!.calls).toEqual([{ name: '柳林乡卫生院', role: '办理单位', phone: '0311-86901234' }]);

  // Edit one (poverty families only: this family is not one), remove another.
  const edited = asInput(confirmed.extras.filter((e) => e.id !== 'care_home_priority')).map((e) => (e.id === added.id ? { ...e, title: '建档立卡家庭免费接送', appliesTo: { povertyOnly: true } } : e));
  const second = await save({ version: 1, extras: edited });
  expect(second.status).toBe(200);
  expect(second.body).toMatchObject({ version: 2, extras: [{ id: 'free_consult_fee' }, { id: added.id, title: '建档立卡家庭免费接送', appliesTo: { povertyOnly: true } }] });
  expect(await getItem(keys.countySupportChange(w.countyId, 2))).toMatchObject({ version: 2, summary: '修改：建档立卡家庭免费接送；删除：优先入住公办养老机构' });
  items = await familyCountyItems();
  expect(items.map((i) => i.id)).toEqual(['county:free_consult_fee']);
});

test('two editors at once: one is saved, the other gets 409 with a Chinese message, and the first edit stands', async () => {
  const now = await read();
  const by = (title: string) => save({ version: now.version, extras: [...asInput(now.extras), { ...validMeasure, title }] });
  const [a, b] = await Promise.all([by('并发措施甲'), by('并发措施乙')]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const [won, lost] = a.status === 200 ? [a, b] : [b, a];
  expectApiError(lost, 409, 'conflict');
  expect(lost.body.message).toBe(countySupportMessages.stale);
  const after = await read();
  expect(after).toEqual(won.body);
  expect(after.version).toBe(now.version + 1);
  expect(after.extras.filter((e) => e.title.startsWith('并发措施'))).toHaveLength(1);

  // A stale version read earlier is refused the same way.
  const stale = await save({ version: now.version, extras: asInput(now.extras) });
  expectApiError(stale, 409, 'conflict');
  expect((await read()).version).toBe(now.version + 1);
});

test('countySupport.put: a retried save answers the first one; the same key with another list is 409', async () => {
  const now = await read();
  const send = (title: string) => (key: string) => save({ version: now.version, extras: [...asInput(now.extras), { ...validMeasure, title }] }, county, key);
  const first = await expectIdempotent({ route: 'countySupport.put', send: send('重试措施甲'), other: send('重试措施乙') });
  expect(first.body).toMatchObject({ version: now.version + 1 });
  expect((await read()).extras.filter((e) => e.title === '重试措施甲')).toHaveLength(1);
});
