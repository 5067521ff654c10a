import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, beijingDate, type ManagedInstitution } from '../../domain';
import { db, tableName } from '../../functions/lib/db/client';
import type { PersonItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import { countyDoctorItem } from '../../functions/lib/db/staff-directory';
import { call, tokenFor } from '../support/api';
import { expectIdempotent } from './idempotency-support';
import { validInstitution } from './institutions-bad-input';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, getItem } from './support-table';

/**
 * The county commission's institutions over HTTP, in a county of this file's own (ledger-world tag
 * "ins": c_lg6ins with townships A and B, its county officer, B's township officer, family 1's
 * member in A), so the demo county's institutions that booking suites use stay as they are.
 */
const w = ledgerWorld('ins');
const [tA, tB] = w.townships;
const base = '/commission/institutions';
let county = '';
let townshipB = '';
let member = '';

const body = (change: Record<string, unknown> = {}) => ({ ...validInstitution, name: '测试县人民医院', servesTownships: [tA], departments: [{ name: '急诊科' }, { name: '心内科' }], ...change });
const create = (b: Record<string, unknown>, key = `ins-${Math.random().toString(36).slice(2)}`, token = county) => call('POST', base, { token, body: b, headers: { 'idempotency-key': key } });
const list = async (token = county) => (await call('GET', base, { token })).body as { items: ManagedInstitution[]; townships: Array<{ townshipId: string; name: string }>; canManage: boolean };
const edit = ({ institutionId, version, departments, servesTownships, retired, retiredAt, ...rest }: ManagedInstitution) => ({
  ...rest,
  version,
  departments: departments.map((d) => ({ departmentId: d.departmentId, name: d.name })),
  servesTownships: servesTownships.map((t) => t.townshipId),
});

beforeAll(async () => {
  await writeLedgerWorld(w, 4);
  [county, townshipB, member] = await Promise.all([tokenFor(w.commCounty), tokenFor(w.commTownship), tokenFor(w.member)]);
});

test('the demo county was built through the same code path: its institutions carry the form fields and a version', async () => {
  const seeded = await list(await tokenFor('p_comm01'));
  const hospital = seeded.items.find((i) => i.institutionId === 'org_xyy');
  expect(hospital).toMatchObject({ name: '清河县人民医院', kind: 'hospital', level: 'grade2', version: 1, retired: false, servesTownships: [{ townshipId: 't_chengguan', name: '城关镇' }, { townshipId: 't_liulin', name: '柳林乡' }] });
  expect(hospital!.departments.map((d) => d.departmentId)).toEqual(['xnk', 'nfm', 'qk']);
  expect(seeded.canManage).toBe(true);
});

test('a county officer adds an institution; the family of a township it serves is offered it, and it is their designated one', async () => {
  const res = await create(body());
  expect(res.status).toBe(201);
  const made = res.body as ManagedInstitution;
  expect(made).toMatchObject({ name: '测试县人民医院', version: 1, retired: false, servesTownships: [{ townshipId: tA, name: '甲镇' }] });
  // New departments get ids the sessions can name.
  for (const d of made.departments) expect(d.departmentId).toMatch(/^[a-z]{2,12}$/);
  expect((await list()).items.map((i) => i.institutionId)).toContain(made.institutionId);

  const offered = await call('GET', '/institutions', { token: member });
  expect(offered.status).toBe(200);
  expect(offered.body.items.map((i: { institutionId: string }) => i.institutionId)).toContain(made.institutionId);
  expect(offered.body.designated).toEqual({ institutionId: made.institutionId, name: '测试县人民医院', greenChannelPhone: validInstitution.greenChannelPhone });
});

test('institutions.create: a retried create answers the first one; the same key with another body is 409', async () => {
  const send = (name: string) => (key: string) => create(body({ name, servesTownships: [] }), key);
  const first = await expectIdempotent({ route: 'institutions.create', status: 201, send: send('测试乡卫生院甲'), other: send('测试乡卫生院乙') });
  expect(first.body).toMatchObject({ name: '测试乡卫生院甲', version: 1 });
  expect((await list()).items.filter((i) => i.name === '测试乡卫生院甲')).toHaveLength(1);
});

test('a township served must be one of the county\'s: refused per field, nothing written', async () => {
  const before = (await list()).items.length;
  const res = await create(body({ name: '测试越界医院', servesTownships: [tA, 't_chengguan'] }));
  expectApiError(res, 400, 'invalid_request');
  expect(res.body.fields).toEqual({ 'body.servesTownships.1': '不是本县的乡镇' });
  expect((await list()).items.length).toBe(before);
});

test('two editors at once: one is saved, the other refused with a clear message, and nothing is lost', async () => {
  const made = (await create(body({ name: '测试并发医院' }))).body as ManagedInstitution;
  const read = edit(made);
  const [a, b] = await Promise.all([
    call('PUT', `${base}/${made.institutionId}`, { token: county, body: { ...read, greenChannelPhone: '0311-86900001' } }),
    call('PUT', `${base}/${made.institutionId}`, { token: county, body: { ...read, address: '测试县城关镇新址 1 号' } }),
  ]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const [won, lost] = a.status === 200 ? [a, b] : [b, a];
  expect(lost.body.message).toBe('这个机构刚被其他人修改过，您的修改没有保存。请刷新后再改');
  const now = (await list()).items.find((i) => i.institutionId === made.institutionId)!;
  expect(now).toEqual(won.body);
  expect(now.version).toBe(2);
  // The refused editor reloads and saves on top of the other's change: both edits are kept.
  const again = await call('PUT', `${base}/${made.institutionId}`, { token: county, body: { ...edit(now), meetBy: '测试导诊员在门口等候' } });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ version: 3, meetBy: '测试导诊员在门口等候', greenChannelPhone: now.greenChannelPhone, address: now.address });
  // Departments keep their ids across edits; an id the institution does not have is refused.
  expect(again.body.departments.map((d: { departmentId: string }) => d.departmentId)).toEqual(made.departments.map((d) => d.departmentId));
  const wrong = await call('PUT', `${base}/${made.institutionId}`, { token: county, body: { ...edit(again.body as ManagedInstitution), departments: [{ departmentId: 'zzzz', name: '不存在科' }] } });
  expectApiError(wrong, 400, 'invalid_request');
  expect(wrong.body.fields).toEqual({ 'body.departments.0.departmentId': '没有这个科室' });
});

test('retire is refused while bookings are to come, saying how many and where; once they are moved it goes, and booking no longer offers it', async () => {
  const made = (await create(body({ name: '测试停用医院' }))).body as ManagedInstitution;
  const dept = made.departments[0]!;
  const tomorrow = addDays(beijingDate(new Date()), 1);
  const bookingId = `bk_insretire${Date.now()}`;
  const startsAt = `${tomorrow}T08:00:00+08:00`;
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.booking(bookingId),
        entity: 'booking',
        bookingId,
        status: 'booked',
        familyId: w.family(1),
        memberId: w.member,
        memberName: '成员1',
        institutionId: made.institutionId,
        institutionName: made.name,
        departmentId: dept.departmentId,
        departmentName: dept.name,
        sessionId: `${tomorrow}.${dept.departmentId}.am`,
        date: tomorrow,
        period: 'am',
        startsAt,
        startsAtMs: new Date(startsAt).getTime(),
        gsi2pk: keys.hospitalDayPk(made.institutionId, tomorrow),
        gsi2sk: keys.hospitalDaySk(dept.departmentId, 'am', bookingId),
      },
    }),
  );
  const refused = await call('POST', `${base}/${made.institutionId}/retire`, { token: county, body: { version: 1 } });
  expectApiError(refused, 409, 'conflict');
  expect(refused.body.message).toContain('还有 1 个预约未就诊');
  expect(refused.body.message).toContain(`上午${dept.name} 1 个`);
  expect((await getItem(keys.institution(made.institutionId)))).toMatchObject({ version: 1 });
  expect((await getItem(keys.institution(made.institutionId)))?.retiredAt).toBeUndefined();

  // The family moves the booking elsewhere (here: it is cancelled).
  await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.booking(bookingId), UpdateExpression: 'SET #s = :c', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':c': 'cancelled' } }));
  const retired = await call('POST', `${base}/${made.institutionId}/retire`, { token: county, body: { version: 1 } });
  expect(retired.status).toBe(200);
  expect(retired.body).toMatchObject({ retired: true, version: 2 });
  const after = await list();
  expect(after.items.find((i) => i.institutionId === made.institutionId)).toMatchObject({ retired: true });
  const offered = await call('GET', '/institutions', { token: member });
  expect(offered.body.items.map((i: { institutionId: string }) => i.institutionId)).not.toContain(made.institutionId);
  // Retired is final: no edit, no second retire.
  expectApiError(await call('PUT', `${base}/${made.institutionId}`, { token: county, body: edit(retired.body as ManagedInstitution) }), 409, 'conflict');
  expectApiError(await call('POST', `${base}/${made.institutionId}/retire`, { token: county, body: { version: 2 } }), 409, 'conflict');
});

test('a township officer reads only the institutions serving the township and manages none; another county\'s officer reaches none', async () => {
  const forB = (await create(body({ name: '测试乙乡卫生院', kind: 'township', level: 'grade1', servesTownships: [tB] }))).body as ManagedInstitution;
  const seen = await list(townshipB);
  expect(seen.canManage).toBe(false);
  expect(seen.townships).toEqual([{ townshipId: tB, name: '乙乡' }]);
  expect(seen.items.map((i) => i.institutionId)).toEqual([forB.institutionId]);
  expectApiError(await create(body({ servesTownships: [tB] }), undefined, townshipB), 403, 'forbidden');
  expectApiError(await call('PUT', `${base}/${forB.institutionId}`, { token: townshipB, body: edit(forB) }), 403, 'forbidden');
  expectApiError(await call('POST', `${base}/${forB.institutionId}/retire`, { token: townshipB, body: { version: 1 } }), 403, 'forbidden');
  // The demo county's officer: not his county's institution.
  const other = await tokenFor('p_comm01');
  expectApiError(await call('PUT', `${base}/${forB.institutionId}`, { token: other, body: edit(forB) }), 404, 'not_found');
  expectApiError(await call('POST', `${base}/${forB.institutionId}/retire`, { token: other, body: { version: 1 } }), 404, 'not_found');
  expect(await getItem(keys.institution(forB.institutionId))).toMatchObject({ version: 1, name: '测试乙乡卫生院' });
});

describe('hand-over stays inside the family\'s county', () => {
  const doctor = (personId: string, name: string): PersonItem => ({
    ...keys.person(personId),
    entity: 'person',
    personId,
    name,
    role: 'doctor',
    gender: 'male',
    birthDate: '1980-01-01',
    idNumberEnc: 'not-used-by-these-tests',
    phoneEnc: 'not-used-by-these-tests',
    phoneMasked: '139****0000',
    gsi1pk: `PHONE#institutions-test-${personId}`,
    gsi1sk: `PERSON#${personId}`,
    organisation: '测试县人民医院',
    title: '全科医生',
    workPhone: '13900000009',
  });
  const handOver = (b: Record<string, unknown>, key: string) => call('POST', `/families/${w.family(3)}/handovers`, { token: county, body: b, headers: { 'idempotency-key': key } });

  test('a doctor of another county, or a cadre of another county, is refused; a doctor of this county takes the place', async () => {
    // p_doc90 is the seeded doctor of the neighbouring county (local/seed/team-staff.ts).
    const outside = await handOver({ kind: 'doctor', toStaffId: 'p_doc90' }, 'ins-ho-1');
    expectApiError(outside, 400, 'invalid_request');
    expect(outside.body.fields).toEqual({ 'body.toStaffId': '不是本县的医生' });
    const cadre = await handOver({ kind: 'village_cadre', toStaffId: 'p_cadre03' }, 'ins-ho-2');
    expect(cadre.body.fields).toEqual({ 'body.toStaffId': '不在本乡镇' });
    expect(await getItem(keys.familyContact(w.family(3), w.doctor))).toBeDefined();

    const inside = doctor('p_lg6insdocnew', '接任医生');
    await db().send(new PutCommand({ TableName: tableName(), Item: inside }));
    await db().send(new PutCommand({ TableName: tableName(), Item: countyDoctorItem(inside, w.countyId) }));
    const res = await handOver({ kind: 'doctor', toStaffId: inside.personId }, 'ins-ho-3');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ from: { staffId: w.doctor }, to: { staffId: inside.personId } });
  });
});
