import { GetCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  addGreenChannelCounts,
  bookedVisitCounts,
  CARD_CODE_EXPIRED,
  CARD_CODE_INVALID,
  greenChannelCounters,
  LOOKUPS_PER_WINDOW,
  noGreenChannelCounts,
  PATIENT_NOT_FOUND,
  walkInCounts,
  type GreenChannelCounts,
} from '../../domain';
import { issuePresentedTicket } from '../../functions/lib/auth/presented-ticket';
import { db, tableName } from '../../functions/lib/db/client';
import type { GreenChannelStatsItem, WalkInItem } from '../../functions/lib/db/green-channel';
import type { FamilyProfileItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import { call } from '../support/api';
import { cardToken } from './booking-support';
import { expectIdempotent } from './idempotency-support';
import { expectApiError, expectReadsOnly, expectSliceUnchanged, operations } from './support-table';
import { idNumberOfMember, memberName, putAdmissionRequest, putBooking, walkInWorld, writeWalkInWorld } from './walk-in-world';

/**
 * The hospital window: finding a family (card code, card number, name + ID digits), walk-ins,
 * emergency admissions, and the green-channel counters against a full recount. Its own county
 * (walk-in-world.ts) and days in May 2031 at 清河县人民医院, which no other suite uses.
 */
const w = walkInWorld('t');
const NOW = '2031-05-12T09:30:00+08:00';
const DAY = '2031-05-12';
const MONTH = '2031-05';
const at = { 'x-test-now': NOW };
let tokens: Record<string, string>;

beforeAll(async () => {
  tokens = await writeWalkInWorld(w, 3);
});

const lookup = (body: unknown, token = tokens.staff) => call('POST', '/hospital/patient-lookups', { token, body, headers: at });
const ticketFor = async (n: number) => {
  const res = await lookup({ by: 'cardNo', cardNo: w.cardNo(n) });
  expect(res.status).toBe(200);
  return res.body.presentedTicket as string;
};
const walkIn = (body: Record<string, unknown>, key?: string, token = tokens.staff) =>
  call('POST', '/hospital/walk-ins', { token, body, headers: { ...at, ...(key ? { 'idempotency-key': key } : {}) } });

describe('finding the family at the window', () => {
  test('by the card number (any case): the holders, a ticket, and the read in the family access log', async () => {
    const res = await lookup({ by: 'cardNo', cardNo: ` ${w.cardNo(1).toLowerCase()} ` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ familyId: w.family(1), cardNo: w.cardNo(1), holders: [{ personId: w.member(1), name: memberName(1) }], bookingsToday: [] });
    expect(typeof res.body.presentedTicket).toBe('string');
    // rate window (the first try of a window starts it: a refused Update, then a Put), card
    // number, family + staff record and today's list, the audit BatchWrite
    expect(res.ddbRequests).toBe(6);
    const audit = await db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.auditPk(w.family(1)) } }));
    expect(audit.Items?.some((i) => i.viewerId === w.staff && i.routeId === 'hospital.findPatient')).toBe(true);
  });

  test('by name and the last 6 ID characters', async () => {
    const res = await lookup({ by: 'nameId', name: memberName(2), idLast6: idNumberOfMember(2).slice(-6).toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ familyId: w.family(2), personId: w.member(2) });
    expect(res.ddbRequests).toBe(5);
  });

  test('by the QR code, and a wrong or expired code is said plainly', async () => {
    const ok = await lookup({ by: 'code', token: await cardToken(w.family(1), new Date(NOW)) });
    expect(ok.status).toBe(200);
    expect(ok.body.familyId).toBe(w.family(1));
    expect(ok.ddbRequests).toBe(4);
    const expired = await lookup({ by: 'code', token: await cardToken(w.family(1), new Date(new Date(NOW).getTime() - 60 * 60_000)) });
    expectApiError(expired, 400, 'invalid_request');
    expect(expired.body.fields.token).toBe(CARD_CODE_EXPIRED);
    const forged = await lookup({ by: 'code', token: `LX1.GAYDAMI.1.TBK2QO.TBK3FW.${'A'.repeat(20)}` });
    expectApiError(forged, 400, 'invalid_request');
    expect(forged.body.fields.token).toBe(CARD_CODE_INVALID);
  });

  test('a wrong number, a wrong name or digits, and a revoked card all get the same 未找到', async () => {
    const answers = [
      await lookup({ by: 'cardNo', cardNo: 'WKT9999' }),
      await lookup({ by: 'nameId', name: '无此人', idLast6: '123456' }),
      await lookup({ by: 'nameId', name: memberName(1), idLast6: '000000' }),
    ];
    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.familyProfile(w.family(3)), UpdateExpression: 'SET card.#s = :r', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':r': 'revoked' } }));
    answers.push(await lookup({ by: 'cardNo', cardNo: w.cardNo(3) }));
    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.familyProfile(w.family(3)), UpdateExpression: 'SET card.#s = :a', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':a': 'active' } }));
    for (const res of answers) {
      expectApiError(res, 404, 'not_found');
      expect(res.body.message).toBe(PATIENT_NOT_FOUND);
    }
  });

  test('every try counts: past the window the staff member is refused, and nothing is looked up', async () => {
    const token = tokens.staff2;
    for (let i = 0; i < LOOKUPS_PER_WINDOW; i++) expect([200, 404]).toContain((await lookup({ by: 'cardNo', cardNo: i % 2 ? w.cardNo(1) : `WKT8${String(i).padStart(3, '0')}` }, token)).status);
    const refused = await lookup({ by: 'cardNo', cardNo: w.cardNo(1) }, token);
    expectApiError(refused, 429, 'too_many_requests');
    expect(operations(refused)).toEqual(['UpdateItemCommand', 'PutItemCommand']);
    // Another staff member's window is their own.
    expect((await lookup({ by: 'cardNo', cardNo: w.cardNo(1) })).status).toBe(200);
  });
});

const visit = (ticket: string, extra: Record<string, unknown> = {}) => ({
  presentedTicket: ticket,
  memberId: w.member(1),
  departmentId: 'qk',
  priorities: ['挂号', '就诊', '取药'],
  escort: true,
  wheelchair: false,
  reductions: [
    { item: '诊察费', amountFen: 1200 },
    { item: '检查费', amountFen: 3550 },
  ],
  payLater: true,
  ...extra,
});

describe('recording a walk-in', () => {
  test('is recorded once per Idempotency-Key, with its counters in the same transaction', async () => {
    const ticket = await ticketFor(1);
    const first = await expectIdempotent({
      route: 'hospital.recordWalkIn',
      send: (key) => walkIn(visit(ticket), key),
      other: (key) => walkIn(visit(ticket, { payLater: false }), key),
      status: 201,
    });
    expect(first.body).toMatchObject({ memberName: memberName(1), departmentName: '全科', reductionFen: 4750, payLater: true, date: DAY });
    // marker, one BatchGet (family, institution, staff), one transaction
    expect(first.ddbRequests).toBe(3);
    const listed = await call('GET', '/hospital/walk-ins', { token: tokens.staff, headers: at });
    expect(listed.body.items.map((v: { visitId: string }) => v.visitId)).toContain(first.body.visitId);
  });

  test('a ticket of another staff member, or none, is refused and nothing is written', async () => {
    const theirs = await issuePresentedTicket(w.staff2, w.family(2), new Date(NOW));
    const slice = { pks: [keys.walkInDayPk(w.institutionId, DAY), keys.greenChannelStatsPk(w.countyId)] };
    for (const ticket of [theirs, 'x.y.z']) {
      const res = await expectSliceUnchanged(slice, () => walkIn(visit(ticket, { memberId: w.member(2) })));
      expectApiError(res, 400, 'invalid_request');
      expect(res.body.fields['body.presentedTicket']).toBe('查找凭证无效，请重新查找患者家庭');
      expectReadsOnly(res, 0);
    }
  });

  test('a member of another family or a department the hospital does not have is refused', async () => {
    const ticket = await ticketFor(1);
    const other = await walkIn(visit(ticket, { memberId: w.member(2) }));
    expectApiError(other, 400, 'invalid_request');
    expect(other.body.fields['body.memberId']).toBe('不是这户家庭的成员');
    expectReadsOnly(other, 1);
    const dept = await walkIn(visit(ticket, { departmentId: 'zzz' }));
    expect(dept.body.fields['body.departmentId']).toBe('本院没有这个科室');
    expectReadsOnly(dept, 1);
  });
});

describe('emergency admission without a relative', () => {
  test("records the leader's approval and counts an admission", async () => {
    const ticket = await ticketFor(2);
    const body = { presentedTicket: ticket, memberId: w.member(2), reason: '突发胸痛，需立即住院', relativesTried: '配偶已故，村干部电话未接通', leaderName: '李院长', approvedAt: '2031-05-12T09:20:00+08:00' };
    const res = await expectIdempotent({
      route: 'hospital.recordEmergencyAdmission',
      send: (key) => call('POST', '/hospital/emergency-admissions', { token: tokens.staff, body, headers: { ...at, 'idempotency-key': key } }),
      other: (key) => call('POST', '/hospital/emergency-admissions', { token: tokens.staff, body: { ...body, leaderName: '王院长' }, headers: { ...at, 'idempotency-key': key } }),
      status: 201,
    });
    expect(res.body).toMatchObject({ status: 'accepted', admittedOn: DAY, emergency: { leaderName: '李院长', approvedAt: '2031-05-12T09:20:00+08:00' } });
    expect(res.ddbRequests).toBe(3);
    const future = await call('POST', '/hospital/emergency-admissions', { token: tokens.staff, body: { ...body, approvedAt: '2031-05-12T11:00:00+08:00' }, headers: at });
    expect(future.body.fields['body.approvedAt']).toBe('批准时间不能晚于现在');
    expectReadsOnly(future, 0);
  });
});

describe('booked visits and bed requests count too', () => {
  test('check-in, the visit record (saved twice) and an accepted bed request move the counters once each', async () => {
    await putBooking(w, 3, 'bk_wkt00000000000001', DAY, true);
    const token = await cardToken(w.family(3), new Date(NOW));
    const checkIn = await call('POST', '/hospital/bookings/bk_wkt00000000000001/check-in', { token: tokens.staff, body: { token }, headers: at });
    expect(checkIn.status).toBe(200);
    const record = (prioritiesGiven: string[], feeReductionYuan: number) =>
      call('PUT', '/hospital/bookings/bk_wkt00000000000001/visit', { token: tokens.staff, body: { prioritiesGiven, feeReductionYuan }, headers: at });
    expect((await record(['优先挂号', '导诊陪诊服务'], 20)).status).toBe(200);
    const again = await record(['优先挂号', '优先取药'], 12.5);
    expect(again.status).toBe(200);
    await putAdmissionRequest(w, 1, 'adm_wkt000000000001', '2031-05-11T10:00:00+08:00');
    const accepted = await call('POST', '/hospital/admissions/adm_wkt000000000001/decision', { token: tokens.staff, body: { accept: true, reason: '内科病房已安排' }, headers: at });
    expect(accepted.status).toBe(200);
  });
});

/** The month's counters of the world's county, recounted from the records themselves. */
async function recount(): Promise<Map<string, GreenChannelCounts>> {
  const all: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    all.push(...((out.Items ?? []) as Record<string, unknown>[]));
    start = out.LastEvaluatedKey;
  } while (start);
  const profiles = new Map(all.filter((i) => i.entity === 'family' && String(i.familyId).startsWith('f_wkt')).map((p) => [p.familyId as string, p as unknown as FamilyProfileItem]));
  const out = new Map<string, GreenChannelCounts>();
  const add = (familyId: string, institutionId: string, month: string, counts: Partial<GreenChannelCounts>) => {
    const p = profiles.get(familyId);
    if (!p) return;
    const key = `${month}#${p.townshipId}#${institutionId}`;
    out.set(key, addGreenChannelCounts(out.get(key) ?? noGreenChannelCounts(), counts));
  };
  for (const i of all) {
    if (i.entity === 'walkIn') {
      const v = i as unknown as WalkInItem;
      add(v.familyId, v.institutionId, v.date.slice(0, 7), walkInCounts(v));
    } else if (i.entity === 'booking' && (i.status === 'checked_in' || i.checkedInAt)) {
      add(i.familyId as string, i.institutionId as string, String(i.date).slice(0, 7), {
        visitsBooked: 1,
        wheelchairs: i.needsWheelchair ? 1 : 0,
        ...bookedVisitCounts(i.prioritiesGiven as string[] | undefined, i.feeReductionYuan as number | undefined),
      });
    } else if (i.entity === 'admission' && i.admittedOn) {
      const emergency = Boolean(i.emergency);
      add(i.familyId as string, i.institutionId as string, String(i.admittedOn).slice(0, 7), emergency ? { admissions: 1, emergencyAdmissions: 1 } : { admissions: 1, priorityBeds: 1 });
    }
  }
  return out;
}

test('the counters equal a full recount of the records', async () => {
  const stats = await db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.greenChannelStatsPk(w.countyId) } }));
  const counted = new Map(
    ((stats.Items ?? []) as GreenChannelStatsItem[]).map((s) => [
      `${s.month}#${s.townshipId}#${s.institutionId}`,
      Object.fromEntries(greenChannelCounters.map((c) => [c, s[c] ?? 0])) as GreenChannelCounts,
    ]),
  );
  const expected = await recount();
  expect(Object.fromEntries(counted)).toEqual(Object.fromEntries(expected));
  // The suite recorded one of each kind of event.
  const total = [...expected.values()].reduce(addGreenChannelCounts, noGreenChannelCounts());
  expect(total).toMatchObject({ visitsWalkIn: 1, visitsBooked: 1, admissions: 2, emergencyAdmissions: 1, priorityBeds: 1, reductionFen: 4750 + 1250, escorts: 1, wheelchairs: 1, payLater: 1 });
});

test("the county's commission sees the month's figures per institution and township", async () => {
  const res = await call('GET', '/commission/dashboard', { token: tokens.commission, headers: at });
  expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
  expect(res.body.greenChannel.month).toBe(MONTH);
  expect(res.body.greenChannel.institutions).toEqual([expect.objectContaining({ id: w.institutionId, name: '清河县人民医院' })]);
  expect(res.body.greenChannel.total).toMatchObject({ visitsWalkIn: 1, visitsBooked: 1, pRegistration: 2, pPharmacy: 2 });
  expect(res.body.greenChannel.townships.map((t: { id: string }) => t.id).sort()).toEqual([...w.townships].sort());
  const exported = await call('GET', `/commission/ledger-export?month=${MONTH}`, { token: tokens.commission, headers: at });
  expect(exported.status).toBe(200);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.body.base64, 'base64') as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('绿色通道')!;
  const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
  expect(rows.some((r) => r.includes('清河县人民医院'))).toBe(true);
  expect(rows.find((r) => r.includes('合计'))).toContain(60);
});

test('a stored walk-in holds amounts in fen', async () => {
  const out = await db().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.walkInDayPk(w.institutionId, DAY) } }));
  const mine = (out.Items ?? []).filter((i) => String(i.familyId).startsWith('f_wkt'));
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ reductions: [{ item: '诊察费', amountFen: 1200 }, { item: '检查费', amountFen: 3550 }], reductionFen: 4750 });
  expect((await db().send(new GetCommand({ TableName: tableName(), Key: keys.cardNumber(w.cardNo(1)) }))).Item?.familyId).toBe(w.family(1));
});
