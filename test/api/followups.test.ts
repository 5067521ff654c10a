import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PRIVACY_GUIDE_VERSION } from '../../domain';
import { db, tableName } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { expectIdempotent } from './idempotency-support';
import { auditEventsOf, expectApiError, expectSliceUnchanged, getItem, operations, ownedBy, queryPartition } from './support-table';

/**
 * Chronic follow-ups over HTTP on DynamoDB Local, with the injectable clock (x-test-now). This file
 * owns families f_0010 (poverty: 韩永福 p_m0016, 杨淑芬 p_m0017), f_0011 (朱宝山 p_m0018) and
 * f_0012 (秦桂兰 p_m0019, 尤志明 p_m0020), all signed to 马德福 p_doc03 (support-table.ts).
 */
const DOC = 'p_doc03';
const at = (iso: string) => ({ 'x-test-now': iso });
const day = (d: string, time = '09:00:00') => `${d}T${time}+08:00`;
const path = (familyId: string, memberId: string, rest = '') => `/families/${familyId}/members/${memberId}${rest}`;
const ZHU = { familyId: 'f_0011', memberId: 'p_m0018' };
const HAN = { familyId: 'f_0010', memberId: 'p_m0016' };
const YANG = { familyId: 'f_0010', memberId: 'p_m0017' };
const QIN = { familyId: 'f_0012', memberId: 'p_m0019' };
const YOU = { familyId: 'f_0012', memberId: 'p_m0020' };

const fileBody = (change: Record<string, unknown> = {}) => ({
  conditions: ['hypertension'],
  otherConditions: [],
  mobility: 'independent',
  medicines: [{ name: '氨氯地平片', usage: '每日1次，每次1片' }, { name: '阿司匹林肠溶片' }],
  allergies: ['青霉素'],
  stability: 'stable',
  ...change,
});
const form = (readings: Record<string, unknown>, change: Record<string, unknown> = {}) => ({ readings, symptoms: [], missedDoses: 0, mood: 'good', ...change });

async function consent(memberId: string, healthData: boolean) {
  const res = await call('PUT', '/me/consent', { token: await tokenFor(memberId), body: { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData } });
  expect(res.status).toBe(200);
}
const doctor = () => tokenFor(DOC);

beforeAll(async () => {
  expect(ownedBy.followups.persons).toEqual(['p_m0016', 'p_m0017', 'p_m0018', 'p_m0019', 'p_m0020']);
  for (const m of ['p_m0016', 'p_m0017', 'p_m0018', 'p_m0020']) await consent(m, true);
  await consent('p_m0019', false);
});

describe('health file and plan cadence', () => {
  test('monthly by default; weekly for a semi-disabled elder; weekly in the poverty programme with its three tiers', async () => {
    const t = at(day('2026-12-01'));
    const zhu = await call('PUT', path(ZHU.familyId, ZHU.memberId, '/health-file'), { token: await doctor(), body: fileBody(), headers: t });
    expect(zhu.status).toBe(200);
    expect(zhu.body.plan).toMatchObject({ cadence: 'monthly', startedOn: '2026-12-01', dueOn: '2026-12-01', state: 'due' });
    expect(zhu.body.file.stability).toEqual({ status: 'stable', assessedOn: '2026-12-01', doctorId: DOC, doctorName: '马德福' });

    const yang = await call('PUT', path(YANG.familyId, YANG.memberId, '/health-file'), { token: await doctor(), body: fileBody({ mobility: 'semi_disabled', stability: 'unstable' }), headers: t });
    expect(yang.body.plan).toMatchObject({ cadence: 'weekly', reason: '失能、半失能老人每周随访' });

    const han = await call('PUT', path(HAN.familyId, HAN.memberId, '/health-file'), { token: await doctor(), body: fileBody({ conditions: ['copd'] }), headers: t });
    expect(han.body.plan.cadence).toBe('weekly');
    expect(han.body.plan.tiers).toEqual([
      { label: '村医', cadence: 'weekly' },
      { label: '乡镇卫生院', cadence: 'monthly' },
      { label: '县级医院', cadence: 'quarterly' },
    ]);
    // The doctor adjusts the plan; the file written again keeps the doctor's choice.
    const adjusted = await call('PUT', path(HAN.familyId, HAN.memberId, '/followup-plan'), { token: await doctor(), body: { cadence: 'monthly', note: '病情平稳' }, headers: t });
    expect(adjusted.body.plan).toMatchObject({ cadence: 'monthly', reason: '医生调整', note: '病情平稳' });
    const again = await call('PUT', path(HAN.familyId, HAN.memberId, '/health-file'), { token: await doctor(), body: fileBody({ conditions: ['copd'] }), headers: t });
    expect(again.body.plan.cadence).toBe('monthly');
  });

  test('due and overdue follow the clock and the last completed follow-up, for the family and its contacts', async () => {
    const submit = await call('POST', path(ZHU.familyId, ZHU.memberId, '/followups'), { token: await tokenFor(ZHU.memberId), body: form({ systolic: 132, diastolic: 84, pulse: 72 }), headers: at(day('2026-12-02')) });
    expect(submit.status).toBe(201);
    expect(submit.body.plan).toMatchObject({ lastCompletedOn: '2026-12-02', dueOn: '2027-01-02', state: 'upcoming' });
    const status = async (d: string, who = 'p_cadre04') => (await call('GET', `/families/${ZHU.familyId}/followup-status`, { token: await tokenFor(who), headers: at(day(d)) })).body.items[0];
    expect(await status('2026-12-25')).toEqual({ memberId: ZHU.memberId, name: '朱宝山', state: 'upcoming', dueOn: '2027-01-02' });
    expect((await status('2026-12-26')).state).toBe('due');
    expect((await status('2027-01-02')).state).toBe('due');
    expect((await status('2027-01-03')).state).toBe('overdue');
    expect((await status('2027-01-03', ZHU.memberId)).state).toBe('overdue');
  });
});

describe('who reads the file and readings', () => {
  test('the member reads their own file with last readings in 2 requests; the signed doctor too, and the read is audited', async () => {
    const mine = await call('GET', path(ZHU.familyId, ZHU.memberId, '/health'), { token: await tokenFor(ZHU.memberId), headers: at(day('2026-12-03')) });
    expect(mine.status).toBe(200);
    expect(mine.ddbRequests).toBeLessThanOrEqual(2);
    expect(operations(mine)).toEqual(['BatchGetItemCommand', 'QueryCommand']);
    expect(mine.body.trends.systolic).toEqual([{ at: day('2026-12-02'), value: 132, urgent: false }]);
    expect(mine.body.file.allergies).toEqual(['青霉素']);

    const before = (await auditEventsOf(ZHU.familyId)).length;
    const doc = await call('GET', path(ZHU.familyId, ZHU.memberId, '/health'), { token: await doctor(), headers: at(day('2026-12-03')) });
    expect(doc.status).toBe(200);
    // Two reads, then the audit event.
    expect(operations(doc)).toEqual(['BatchGetItemCommand', 'QueryCommand', 'PutItemCommand']);
    const audit = await auditEventsOf(ZHU.familyId);
    expect(audit.length).toBe(before + 1);
    expect(audit.some((a) => a.field === 'health' && a.viewerId === DOC && a.subjectId === ZHU.memberId)).toBe(true);
  });

  test('a contact person sees that a follow-up is overdue, never the readings; another doctor, another family and no consent are refused', async () => {
    const contact = await call('GET', path(ZHU.familyId, ZHU.memberId, '/health'), { token: await tokenFor('p_cadre04') });
    expectApiError(contact, 403, 'forbidden');
    const status = await call('GET', `/families/${ZHU.familyId}/followup-status`, { token: await tokenFor('p_cadre04') });
    expect(JSON.stringify(status.body)).not.toMatch(/132|systolic|readings|高血压|氨氯地平/);

    const otherDoctor = await call('GET', path(ZHU.familyId, ZHU.memberId, '/health'), { token: await tokenFor('p_doc01') });
    expectApiError(otherDoctor, 403, 'forbidden');
    const otherFamily = await call('GET', path(ZHU.familyId, ZHU.memberId, '/health'), { token: await tokenFor(QIN.memberId) });
    expectApiError(otherFamily, 403, 'forbidden');
    expect(otherFamily.ddbRequests).toBe(0);

    // 秦桂兰 declined to share health data: her doctor may not read it, nor write her file.
    const noConsent = await call('GET', path(QIN.familyId, QIN.memberId, '/health'), { token: await doctor() });
    expectApiError(noConsent, 403, 'forbidden');
    expect(noConsent.body.message).toMatch(/同意/);
    // Her husband in the same family may (an elderly couple manage each other's follow-ups).
    const spouse = await call('GET', path(QIN.familyId, QIN.memberId, '/health'), { token: await tokenFor(YOU.memberId) });
    expect(spouse.status).toBe(200);
  });
});

describe('urgent readings', () => {
  test('systolic 179/109 is not urgent; 180 is: the doctor and the family contacts are notified, the member gets advice', async () => {
    const token = await tokenFor(YOU.memberId);
    const calm = await call('POST', path(YOU.familyId, YOU.memberId, '/followups'), { token, body: form({ systolic: 179, diastolic: 109 }), headers: at(day('2026-12-05')) });
    expect(calm.status).toBe(201);
    expect(operations(calm)).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect(calm.body.followUp.urgent).toEqual([]);
    expect(calm.body.advice).toEqual([]);

    const high = await call('POST', path(YOU.familyId, YOU.memberId, '/followups'), { token, body: form({ systolic: 180, diastolic: 100 }, { symptoms: ['headache'] }), headers: at(day('2026-12-05', '10:00:00')) });
    expect(high.status).toBe(201);
    // One transaction, after the context and (urgent only) the family's contacts.
    expect(operations(high)).toEqual(['BatchGetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
    expect(high.body.followUp.urgent).toEqual(['bp_high']);
    expect(high.body.advice.join('')).toMatch(/休息.*120/);
    const id = high.body.followUp.followUpId as string;
    // f_0012's contacts: township p_lead02, village p_cadre04, and the doctor.
    for (const recipient of [DOC, 'p_lead02', 'p_cadre04']) {
      const item = await getItem(keys.outbox(`urgent#urgentReading.${id}#${recipient}`));
      expect(item).toMatchObject({ template: 'followup.urgent', recipientId: recipient, status: 'pending' });
      expect(item!.data.member).toBe('尤志明');
    }

    const low = await call('POST', path(YOU.familyId, YOU.memberId, '/followups'), { token, body: form({ glucose: 3.8, glucoseTiming: 'fasting' }), headers: at(day('2026-12-05', '11:00:00')) });
    expect(low.body.followUp.urgent).toEqual(['glucose_low']);
    const ok = await call('POST', path(YOU.familyId, YOU.memberId, '/followups'), { token, body: form({ glucose: 3.9, glucoseTiming: 'fasting' }), headers: at(day('2026-12-05', '11:30:00')) });
    expect(ok.body.followUp.urgent).toEqual([]);
  });

  test('a retried submission with the same Idempotency-Key returns the same answer and writes nothing new', async () => {
    const token = await tokenFor(YANG.memberId);
    const headers = { ...at(day('2026-12-06')), 'idempotency-key': 'fu-retry-0001' };
    const first = await call('POST', path(YANG.familyId, YANG.memberId, '/followups'), { token, body: form({ weight: 61.5 }), headers });
    expect(first.status).toBe(201);
    const count = (await queryPartition(keys.healthPk(YANG.memberId))).length;
    const again = await call('POST', path(YANG.familyId, YANG.memberId, '/followups'), { token, body: form({ weight: 61.5 }), headers: { ...headers, 'x-test-now': day('2026-12-06', '09:00:05') } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    // The stack's marker read answers it: one consistent GetItem, nothing written.
    expect(operations(again)).toEqual(['GetItemCommand']);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect((await queryPartition(keys.healthPk(YANG.memberId))).length).toBe(count);
  });
});

describe("the doctor's queue", () => {
  test('one Query: urgent first, then overdue (discharge hand-back), then due (consultation item); done items leave', async () => {
    // Items the booking and consultation features write into the doctor's partition (the contract).
    const discharge = {
      pk: 'QITEM#admission#a_test01', sk: 'DISCHARGE', entity: 'dischargeNote', gsi1pk: keys.staffPk(DOC), gsi1sk: 'DISCHARGE#2026-12-04#a_test01',
      familyId: HAN.familyId, memberId: HAN.memberId, memberName: '韩永福', doctorId: DOC, hospitalName: '清河县人民医院',
      admittedOn: '2026-11-20', dischargedAt: day('2026-11-27'), note: '慢阻肺急性加重，已好转', followUpDueBy: '2026-12-04',
    };
    const consultItem = {
      pk: 'QITEM#consultation#c_test01', sk: 'ITEM', entity: 'followUpItem', gsi1pk: keys.staffPk(DOC), gsi1sk: 'FOLLOWUP-ITEM#2026-12-09#fi_test01',
      familyId: QIN.familyId, memberId: QIN.memberId, summary: '一周后电话问问头晕好些没有', consultationId: 'c_test01', dueBy: '2026-12-09', createdAt: day('2026-12-02'), status: 'open',
    };
    for (const Item of [discharge, consultItem]) await db().send(new PutCommand({ TableName: tableName(), Item }));

    const res = await call('GET', '/doctor/followups', { token: await doctor(), headers: at(day('2026-12-05', '12:00:00')) });
    expect(res.status).toBe(200);
    // One Query; the members' consent read fresh (BatchGet); the members shown are audited once a day
    // (list-read rule, test/api/access-log.test.ts).
    expect(operations(res).slice(0, 3)).toEqual(['QueryCommand', 'BatchGetItemCommand', 'BatchGetItemCommand']);
    expect(operations(res).slice(3).every((o) => o === 'BatchWriteItemCommand')).toBe(true);
    const mine = res.body.items.filter((e: { memberId: string }) => ['p_m0016', 'p_m0017', 'p_m0018', 'p_m0019', 'p_m0020'].includes(e.memberId));
    const summary = mine.map((e: { kind: string; priority: string; memberId: string }) => `${e.priority}:${e.kind}:${e.memberId}`);
    // 秦桂兰 does not share health data online: her consultation item keeps its place and due date,
    // but not its summary, and offers nothing to act on online; she is not in the day's audit.
    const qin = mine.find((e: { memberId: string }) => e.memberId === QIN.memberId);
    expect(qin).toEqual({ kind: 'item', priority: 'due', familyId: QIN.familyId, memberId: QIN.memberId, memberName: '签约居民', dueOn: '2026-12-09', title: '需要当面随访', detail: expect.stringContaining('当面'), withheld: true });
    expect(JSON.stringify(res.body)).not.toContain('头晕');
    // 尤志明's newest submission (3.9 mmol/L) is normal, so his is a review, not urgent.
    expect(summary).toEqual(expect.arrayContaining(['overdue:discharge:p_m0016', 'due:item:p_m0019', 'due:review:p_m0020', 'due:review:p_m0017']));
    const ranks = { urgent: 0, overdue: 1, due: 2 } as Record<string, number>;
    const order = res.body.items.map((e: { priority: string }) => ranks[e.priority]);
    expect(order).toEqual([...order].sort());
    // 朱宝山 answered on 12-02 (monthly): not due again, only his answer awaits a reply.
    expect(summary.filter((s: string) => s.endsWith(ZHU.memberId))).toEqual(['due:review:p_m0018']);

    // An urgent submission goes first.
    const urgent = await call('POST', path(HAN.familyId, HAN.memberId, '/followups'), { token: await tokenFor(HAN.memberId), body: form({ systolic: 190, diastolic: 115 }), headers: at(day('2026-12-05', '13:00:00')) });
    const after = await call('GET', '/doctor/followups', { token: await doctor(), headers: at(day('2026-12-05', '14:00:00')) });
    expect(after.body.items[0]).toMatchObject({ kind: 'urgent', priority: 'urgent', memberId: HAN.memberId, followUpId: urgent.body.followUp.followUpId });

    // The doctor replies: the member reads the advice; the entry leaves the queue.
    const reply = await call('POST', path(HAN.familyId, HAN.memberId, `/followups/${urgent.body.followUp.followUpId}/reply`), { token: await doctor(), body: { advice: '今天下午我上门看您，先躺下休息' }, headers: at(day('2026-12-05', '14:05:00')) });
    expect(reply.status).toBe(200);
    const twice = await call('POST', path(HAN.familyId, HAN.memberId, `/followups/${urgent.body.followUp.followUpId}/reply`), { token: await doctor(), body: { advice: '再说一次' } });
    expect(twice.status).toBe(409);
    const memberView = await call('GET', path(HAN.familyId, HAN.memberId, '/health'), { token: await tokenFor(HAN.memberId) });
    expect(memberView.body.recent[0].reply).toMatchObject({ advice: '今天下午我上门看您，先躺下休息', doctorName: '马德福' });

    // A visit that handles the discharge note and one that handles the consultation item close them.
    const visit = await call('POST', path(HAN.familyId, HAN.memberId, '/followup-visits'), { token: await doctor(), body: { kind: 'visit', note: '上门随访，呼吸平稳', readings: { systolic: 150, diastolic: 92 }, handles: discharge.gsi1sk }, headers: at(day('2026-12-05', '16:00:00')) });
    expect(visit.status).toBe(201);
    const phone = await call('POST', path(QIN.familyId, QIN.memberId, '/followup-visits'), { token: await doctor(), body: { kind: 'phone', note: '头晕好多了', handles: consultItem.gsi1sk }, headers: at(day('2026-12-05', '16:30:00')) });
    // 秦桂兰 declined health data sharing: the doctor records nothing online for her.
    expect(phone.status).toBe(403);
    expect((await getItem({ pk: consultItem.pk, sk: consultItem.sk }))?.status).toBe('open');
    const closed = await call('GET', '/doctor/followups', { token: await doctor(), headers: at(day('2026-12-05', '17:00:00')) });
    const left = closed.body.items.map((e: { kind: string; memberId: string }) => `${e.kind}:${e.memberId}`);
    expect(left).not.toContain('discharge:p_m0016');
    expect(left).not.toContain('urgent:p_m0016');
    expect(left).toContain('item:p_m0019');
    expect((await getItem({ pk: discharge.pk, sk: discharge.sk }))?.followedUpAt).toBe(day('2026-12-05', '16:00:00'));
  });
});

describe('long prescriptions', () => {
  const rx = (change: Record<string, unknown> = {}) => ({ items: [{ medicine: '氨氯地平片', dose: '每日1次，每次1片', quantity: '4盒' }], supplyDays: 28, refills: 1, validUntil: '2027-03-31', ...change });
  const create = (body: unknown, d = '2026-12-02', who = ZHU) => doctor().then((token) => call('POST', path(who.familyId, who.memberId, '/prescriptions'), { token, body, headers: at(day(d)) }));

  test('a medicine not on the member\'s list: 400, nothing written; an unstable member: 409', async () => {
    const before = (await queryPartition(keys.healthPk(ZHU.memberId))).length;
    const res = await create(rx({ items: [{ medicine: '硝苯地平控释片', dose: '每日1片', quantity: '2盒' }] }));
    expectApiError(res, 400, 'invalid_request');
    expect(res.body.fields).toEqual({ 'body.items.0.medicine': '“硝苯地平控释片”不在这位居民的用药清单上' });
    expect(operations(res).every((o) => o !== 'TransactWriteItemsCommand' && o !== 'PutItemCommand')).toBe(true);
    expect((await queryPartition(keys.healthPk(ZHU.memberId))).length).toBe(before);
    const unstable = await create(rx(), '2026-12-02', YANG);
    expect(unstable.status).toBe(409);
    expect(unstable.body.message).toMatch(/稳定/);
    // Assessed stable on 12-01: on day 91 after that, no more.
    const stale = await create(rx(), '2027-03-02');
    expect(stale.status).toBe(409);
  });

  test('refill rules at their boundaries, one approval under concurrency, Idempotency-Key honoured', async () => {
    const made = await create(rx({ refills: 1, validUntil: '2027-02-15' }));
    expect(made.status).toBe(201);
    const id = made.body.prescription.prescriptionId as string;
    // Issued 12-02 with 28 days: runs out 12-30, refills open on 12-23.
    expect(made.body.prescription).toMatchObject({ supplyEndsOn: '2026-12-30', refillsRemaining: 1, refill: { canRequest: false, opensOn: '2026-12-23' } });
    const member = await tokenFor(ZHU.memberId);
    const ask = (d: string, key?: string) => call('POST', path(ZHU.familyId, ZHU.memberId, `/prescriptions/${id}/refills`), { token: member, body: { fulfilment: 'pickup', pharmacy: 'org_llwsy' }, headers: { ...at(day(d)), ...(key ? { 'idempotency-key': key } : {}) } });

    const early = await ask('2026-12-22');
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/12月23日/);
    // The page's one read lists the county's pick-up places with the prescriptions: a Query more,
    // only because a refill may be asked for now (on 12-22 none may, and the places are not read).
    const shut = await call('GET', path(ZHU.familyId, ZHU.memberId, '/prescriptions'), { token: member, headers: at(day('2026-12-22')) });
    expect(shut.body.pickupPlaces).toEqual([]);
    const open = await call('GET', path(ZHU.familyId, ZHU.memberId, '/prescriptions'), { token: member, headers: at(day('2026-12-23')) });
    expect(open.body.pickupPlaces).toEqual([
      { institutionId: 'org_xyy', name: '清河县人民医院' },
      { institutionId: 'org_cgwsy', name: '城关镇卫生院' },
      { institutionId: 'org_llwsy', name: '柳林乡卫生院' },
    ]);
    expect(open.ddbRequests).toBe(shut.ddbRequests + 1);
    // A place that is not an active institution of the family's county is bad input; nothing written.
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.institution('org_pharmothercounty'), entity: 'institution', institutionId: 'org_pharmothercounty', countyId: 'c_pharm_other', name: '外县医院', kind: 'hospital' } }));
    for (const pharmacy of ['org_pharmothercounty', 'org_pharmnowhere']) {
      const wrong = await expectSliceUnchanged({ pks: [keys.healthPk(ZHU.memberId)] }, () =>
        call('POST', path(ZHU.familyId, ZHU.memberId, `/prescriptions/${id}/refills`), { token: member, body: { fulfilment: 'pickup', pharmacy }, headers: at(day('2026-12-23')) }),
      );
      expectApiError(wrong, 400, 'invalid_request');
      expect(wrong.body.fields).toEqual({ 'body.pharmacy': '请选择本县的取药药房' });
    }
    const first = await ask('2026-12-23', 'refill-key-0001');
    expect(first.status).toBe(201);
    // The institution's id and its name at request time (history reads right after a rename).
    expect(first.body.refill).toMatchObject({ status: 'submitted', pharmacy: 'org_llwsy', pharmacyName: '柳林乡卫生院' });
    expect(await getItem(keys.refill(ZHU.memberId, id, first.body.refill.refillId))).toMatchObject({ pharmacy: 'org_llwsy', pharmacyName: '柳林乡卫生院' });
    expect((await ask('2026-12-23', 'refill-key-0001')).body).toEqual(first.body);
    const second = await ask('2026-12-24');
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/办理中/);

    // Someone else's prescription: another family's member is refused, nothing written.
    const strangerToken = await tokenFor(QIN.memberId);
    const stranger = await expectSliceUnchanged({ pks: [keys.healthPk(ZHU.memberId)] }, () =>
      call('POST', path(ZHU.familyId, ZHU.memberId, `/prescriptions/${id}/refills`), { token: strangerToken, body: { fulfilment: 'delivery' } }),
    );
    expectApiError(stranger, 403, 'forbidden');

    const refillId = first.body.refill.refillId as string;
    const approve = (d: string, key: string) => doctor().then((token) => call('POST', path(ZHU.familyId, ZHU.memberId, `/prescriptions/${id}/refills/${refillId}/approve`), { token, body: {}, headers: { ...at(day(d)), 'idempotency-key': key } }));
    // Last follow-up 12-02: on 01-02 that is 31 days ago, so the doctor is told to follow up first.
    const stale = await approve('2027-01-02', 'approve-stale-01');
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('follow_up_needed');
    // Within 30 days: two approvals at once (two devices), exactly one wins.
    const [a, b] = await Promise.all([approve('2027-01-01', 'approve-aaaa-01'), approve('2027-01-01', 'approve-bbbb-01')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    // The signed doctor: the key's marker (a GetItem before the handler), one BatchGet (context,
    // refill, prescription), one transaction.
    expect(operations(winner)).toEqual(['GetItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand']);
    const stored = await getItem(keys.prescription(ZHU.memberId, id));
    expect(stored).toMatchObject({ refillsRemaining: 0, supplyEndsOn: '2027-01-29' });
    expect(stored?.openRefillId).toBeUndefined();
    // The winner's retry answers the same and changes nothing.
    const retry = await approve('2027-01-01', a.status === 200 ? 'approve-aaaa-01' : 'approve-bbbb-01');
    expect(retry.body).toEqual(winner.body);
    expect(operations(retry)).toEqual(['GetItemCommand']);
    expect((await getItem(keys.prescription(ZHU.memberId, id)))?.refillsRemaining).toBe(0);

    // A refill stored before pick-up places were institutions (an old pharmacy code, no name)
    // reads back under that institution's name, here and in the ready notice.
    const { pharmacyName: _name, ...rest } = (await getItem(keys.refill(ZHU.memberId, id, refillId)))!;
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...rest, pharmacy: 'll_health_centre' } }));
    // Ready for pickup: the last step the member sees.
    const ready = await doctor().then((token) => call('POST', path(ZHU.familyId, ZHU.memberId, `/prescriptions/${id}/refills/${refillId}/ready`), { token, body: {}, headers: at(day('2027-01-02')) }));
    expect(ready.body.refill).toMatchObject({ status: 'ready', pharmacy: 'll_health_centre', pharmacyName: '柳林乡卫生院' });
    expect((await getItem(keys.outbox(`refill#${refillId}#ready`)))?.data?.status).toMatch(/到柳林乡卫生院药房/);
    const list = await call('GET', path(ZHU.familyId, ZHU.memberId, '/prescriptions'), { token: member, headers: at(day('2027-01-22')) });
    expect(list.body.items[0].requests[0].history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'approved', 'ready']);
    // Refills used up: day 7 before the new run-out (01-29) is 01-22, still refused.
    expect(list.body.items[0].refill).toMatchObject({ canRequest: false });
    const exhausted = await ask('2027-01-22');
    expect(exhausted.status).toBe(409);
    expect(exhausted.body.message).toMatch(/用完/);
  });

  test('an expired prescription takes no refill request', async () => {
    const made = await create(rx({ refills: 3, validUntil: '2026-12-30', supplyDays: 28 }));
    const id = made.body.prescription.prescriptionId as string;
    const ask = (d: string) => tokenFor(ZHU.memberId).then((token) => call('POST', path(ZHU.familyId, ZHU.memberId, `/prescriptions/${id}/refills`), { token, body: { fulfilment: 'delivery' }, headers: at(day(d)) }));
    const expired = await ask('2026-12-31');
    expect(expired.status).toBe(409);
    expect(expired.body.message).toMatch(/过期/);
    expect((await ask('2026-12-30')).status).toBe(201);
  });
});

/** The member's one due reminder (functions/lib/db/followups.ts: followUpReminderPut). */
const reminderOf = (memberId: string) => getItem(keys.outbox(`followup.due#${memberId}`));
/** Every pending `followup.due` item of a member in the outbox's due index (test-only read). */
async function pendingRemindersOf(memberId: string): Promise<Record<string, unknown>[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      FilterExpression: 'recipientId = :m AND template = :t',
      ExpressionAttributeValues: { ':pk': keys.outboxDuePk, ':m': memberId, ':t': 'followup.due' },
    }),
  );
  return out.Items ?? [];
}

describe('due reminders', () => {
  test('one pending reminder per member, at 09:00 on the first due day, replaced by each follow-up and plan change', async () => {
    // 杨淑芬 (weekly) answered on 12-06: due 12-13, due from 12-12 (one day's window).
    expect(await reminderOf(YANG.memberId)).toMatchObject({
      template: 'followup.due', recipientId: YANG.memberId, status: 'pending', nextAttemptAt: '2026-12-12T09:00:00+08:00',
      gsi2sk: `2026-12-12T01:00:00.000Z#followup.due#${YANG.memberId}`, page: 'packages/health/followup/index',
      data: { doctor: '柳林乡“1+1+1”家庭医生团队', item: '慢病随访：量血压、填随访表', time: '12月13日' },
    });
    expect(await pendingRemindersOf(YANG.memberId)).toHaveLength(1);

    // She answers on 12-10 (with a retry): the reminder moves to 12-16 for 12-17, still one.
    const token = await tokenFor(YANG.memberId);
    const headers = { ...at(day('2026-12-10', '08:00:00')), 'idempotency-key': 'fu-reminder-0001' };
    const first = await call('POST', path(YANG.familyId, YANG.memberId, '/followups'), { token, body: form({ systolic: 128, diastolic: 80 }), headers });
    expect(first.status).toBe(201);
    // A keyed submission: the marker's GetItem first, then the one read and the one transaction.
    expect(operations(first)).toEqual(['GetItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand']);
    const moved = await reminderOf(YANG.memberId);
    expect(moved).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: '2026-12-16T09:00:00+08:00', createdAt: day('2026-12-10', '08:00:00'), data: { time: '12月17日' } });
    const retry = await call('POST', path(YANG.familyId, YANG.memberId, '/followups'), { token, body: form({ systolic: 128, diastolic: 80 }), headers });
    expect(retry.body).toEqual(first.body);
    expect(await reminderOf(YANG.memberId)).toEqual(moved);
    expect(await pendingRemindersOf(YANG.memberId)).toHaveLength(1);

    // The doctor rewrites the file without changing the cadence: the reminder is left as it is.
    const file = await call('PUT', path(YANG.familyId, YANG.memberId, '/health-file'), { token: await doctor(), body: fileBody({ mobility: 'semi_disabled', stability: 'unstable', allergies: [] }), headers: at(day('2026-12-11')) });
    expect(file.status).toBe(200);
    expect(await reminderOf(YANG.memberId)).toEqual(moved);

    // Monthly instead: due 01-10, reminded from 01-03.
    const monthly = await call('PUT', path(YANG.familyId, YANG.memberId, '/followup-plan'), { token: await doctor(), body: { cadence: 'monthly' }, headers: at(day('2026-12-11', '10:00:00')) });
    expect(monthly.body.plan.dueOn).toBe('2027-01-10');
    expect(await reminderOf(YANG.memberId)).toMatchObject({ nextAttemptAt: '2027-01-03T09:00:00+08:00', data: { time: '2027年1月10日' } });

    // A visit completes the follow-up: the next one is a month later.
    const visit = await call('POST', path(YANG.familyId, YANG.memberId, '/followup-visits'), { token: await doctor(), body: { kind: 'phone', note: '电话随访，血压平稳' }, headers: at(day('2026-12-12', '15:00:00')) });
    expect(visit.status).toBe(201);
    expect(await reminderOf(YANG.memberId)).toMatchObject({ nextAttemptAt: '2027-01-05T09:00:00+08:00', data: { time: '2027年1月12日' } });
    expect(await pendingRemindersOf(YANG.memberId)).toHaveLength(1);
  });

  test('a due day already past is reminded at once', async () => {
    // 韩永福 (monthly, visited 12-05, due 01-05): weekly from 12-20 makes him due 12-12, already past.
    const res = await call('PUT', path(HAN.familyId, HAN.memberId, '/followup-plan'), { token: await doctor(), body: { cadence: 'weekly' }, headers: at(day('2026-12-20', '10:30:00')) });
    expect(res.body.plan).toMatchObject({ dueOn: '2026-12-12', state: 'overdue' });
    expect(await reminderOf(HAN.memberId)).toMatchObject({ status: 'pending', nextAttemptAt: day('2026-12-20', '10:30:00'), data: { time: '12月12日' } });
    expect(await pendingRemindersOf(HAN.memberId)).toHaveLength(1);
  });
});

describe("the signed doctor's team and the contract's service counters", () => {
  // 朱宝山's contract is with 柳林乡's 1+1+1 team: 高志远 (lead, p_doc04), 马德福 (p_doc03, his
  // signed doctor) and 林慧 (specialist, p_doc05). 陈立新 (p_doc01) is on 城关镇's team.
  const delivered = async () => {
    const state = await getItem(keys.signingState(ZHU.memberId));
    expect(state).toMatchObject({ state: 'signed', teamId: 'tm_liulin' });
    const contract = await getItem(keys.signingContract(ZHU.memberId, state!.contractId));
    return { followUps: 0, homeVisits: 0, refills: 0, consultations: 0, ...(contract?.delivered ?? {}) } as Record<string, number>;
  };

  test('everyone on the contract team reads the file and acts; the plan stays in the signed doctor\'s queue; others get 403', async () => {
    const start = await delivered();
    const specialist = await tokenFor('p_doc05');
    const read = await call('GET', path(ZHU.familyId, ZHU.memberId, '/health'), { token: specialist, headers: at(day('2027-02-01')) });
    expect(read.status).toBe(200);
    expect(operations(read)).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'QueryCommand', 'PutItemCommand']);
    const audit = await queryPartition(keys.auditPk(ZHU.familyId));
    expect(audit.some((a) => a.field === 'health' && a.viewerId === 'p_doc05' && a.viewerName === '林慧')).toBe(true);

    // The specialist's phone follow-up: counted once, the plan stays 马德福's, the reminder moves.
    const phone = await call('POST', path(ZHU.familyId, ZHU.memberId, '/followup-visits'), { token: specialist, body: { kind: 'phone', note: '电话随访，血糖平稳' }, headers: at(day('2027-02-01', '10:00:00')) });
    expect(phone.status).toBe(201);
    expect(await getItem(keys.followUpPlan(ZHU.memberId))).toMatchObject({ doctorId: DOC, gsi1pk: keys.staffPk(DOC), lastCompletedOn: '2027-02-01' });
    expect(await reminderOf(ZHU.memberId)).toMatchObject({ nextAttemptAt: '2027-02-22T09:00:00+08:00', data: { time: '3月1日' } });
    expect(await delivered()).toEqual({ ...start, followUps: start.followUps + 1 });

    // The lead's home visit is a follow-up and a home visit.
    const lead = await tokenFor('p_doc04');
    const visit = await call('POST', path(ZHU.familyId, ZHU.memberId, '/followup-visits'), { token: lead, body: { kind: 'visit', note: '上门随访，测血压 130/80', readings: { systolic: 130, diastolic: 80 } }, headers: at(day('2027-02-02')) });
    expect(visit.status).toBe(201);
    expect(await delivered()).toEqual({ ...start, followUps: start.followUps + 2, homeVisits: start.homeVisits + 1 });

    // A member's submission counts when the team reviews it (once: a second reply is refused).
    const submitted = await call('POST', path(ZHU.familyId, ZHU.memberId, '/followups'), { token: await tokenFor(ZHU.memberId), body: form({ systolic: 126, diastolic: 78 }), headers: at(day('2027-02-03')) });
    expect(submitted.status).toBe(201);
    expect(await delivered()).toEqual({ ...start, followUps: start.followUps + 2, homeVisits: start.homeVisits + 1 });
    const replyPath = path(ZHU.familyId, ZHU.memberId, `/followups/${submitted.body.followUp.followUpId}/reply`);
    expect((await call('POST', replyPath, { token: specialist, body: { advice: '血压控制得好，继续按时服药' }, headers: at(day('2027-02-03', '11:00:00')) })).status).toBe(200);
    expect((await call('POST', replyPath, { token: lead, body: { advice: '再说一次' }, headers: at(day('2027-02-03', '11:05:00')) })).status).toBe(409);
    expect(await delivered()).toEqual({ ...start, followUps: start.followUps + 3, homeVisits: start.homeVisits + 1 });

    // A doctor of another team: refused after the member's context and one key-only team read,
    // nothing read of the health data, nothing written.
    const outsider = await tokenFor('p_doc01');
    for (const [method, rest, body] of [['GET', '/health', undefined], ['POST', '/followup-visits', { kind: 'phone', note: '电话随访' }], ['PUT', '/followup-plan', { cadence: 'weekly' }]] as const) {
      const res = await expectSliceUnchanged({ pks: [keys.healthPk(ZHU.memberId), keys.auditPk(ZHU.familyId)] }, () => call(method, path(ZHU.familyId, ZHU.memberId, rest), { token: outsider, body, headers: at(day('2027-02-04')) }));
      expectApiError(res, 403, 'forbidden');
      expect(res.body.message).toMatch(/团队/);
      expect(operations(res)).toEqual(['BatchGetItemCommand', 'GetItemCommand']);
    }
    expect(await delivered()).toEqual({ ...start, followUps: start.followUps + 3, homeVisits: start.homeVisits + 1 });
  });

  test('an approved refill counts once on the contract; a declined one does not', async () => {
    const start = await delivered();
    const made = await call('POST', path(ZHU.familyId, ZHU.memberId, '/prescriptions'), {
      token: await doctor(),
      body: { items: [{ medicine: '氨氯地平片', dose: '每日1次，每次1片', quantity: '4盒' }], supplyDays: 28, refills: 2, validUntil: '2027-06-30' },
      headers: at(day('2027-02-03')),
    });
    expect(made.status).toBe(201);
    const id = made.body.prescription.prescriptionId as string;
    const member = await tokenFor(ZHU.memberId);
    const ask = (d: string) => call('POST', path(ZHU.familyId, ZHU.memberId, `/prescriptions/${id}/refills`), { token: member, body: { fulfilment: 'pickup', pharmacy: 'org_llwsy' }, headers: at(day(d)) });
    // The team lead decides (not the doctor who prescribed).
    const lead = await tokenFor('p_doc04');
    const first = await ask('2027-02-24');
    expect(first.status).toBe(201);
    const declined = await call('POST', path(ZHU.familyId, ZHU.memberId, `/prescriptions/${id}/refills/${first.body.refill.refillId}/decline`), { token: lead, body: { reason: '请先来卫生院复查血压' }, headers: at(day('2027-02-24', '10:00:00')) });
    expect(declined.status).toBe(200);
    expect(await delivered()).toEqual(start);

    const second = await ask('2027-02-25');
    expect(second.status).toBe(201);
    const approvePath = path(ZHU.familyId, ZHU.memberId, `/prescriptions/${id}/refills/${second.body.refill.refillId}/approve`);
    const headers = { ...at(day('2027-02-25', '10:00:00')), 'idempotency-key': 'approve-count-01' };
    const approved = await call('POST', approvePath, { token: lead, body: {}, headers });
    expect(approved.status).toBe(200);
    // A teammate, not the signed doctor: the key's marker first, then the team's key-only read between.
    expect(operations(approved)).toEqual(['GetItemCommand', 'BatchGetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
    expect(await delivered()).toEqual({ ...start, refills: start.refills + 1 });
    // A retry answers the same and counts nothing more.
    expect((await call('POST', approvePath, { token: lead, body: {}, headers })).body).toEqual(approved.body);
    expect(await delivered()).toEqual({ ...start, refills: start.refills + 1 });
  });
});

describe('Idempotency-Key on every keyed route', () => {
  // Last in the file: 韩永福's own timeline (a prescription in January, a visit and a refill in
  // February), after every other test has used the world.
  const rxBody = { items: [{ medicine: '氨氯地平片', dose: '每日1次，每次1片', quantity: '4盒' }], supplyDays: 28, refills: 2, validUntil: '2027-06-30' };
  let prescriptionId = '';
  let refillId = '';

  test('followups.submit: a member\'s answer is replayed; the same key with other readings is 409', async () => {
    const token = await tokenFor(YOU.memberId);
    const send = (readings: Record<string, unknown>) => (key: string) =>
      call('POST', path(YOU.familyId, YOU.memberId, '/followups'), { token, body: form(readings), headers: { ...at(day('2027-03-01')), 'idempotency-key': key } });
    await expectIdempotent({ route: 'followups.submit', status: 201, send: send({ systolic: 126, diastolic: 78 }), other: send({ systolic: 140, diastolic: 90 }) });
  });

  test('prescriptions.create: a prescription is issued once per key', async () => {
    const send = (body: unknown) => (key: string) => doctor().then((token) => call('POST', path(HAN.familyId, HAN.memberId, '/prescriptions'), { token, body, headers: { ...at(day('2027-01-15')), 'idempotency-key': key } }));
    const first = await expectIdempotent({ route: 'prescriptions.create', status: 201, send: send(rxBody), other: send({ ...rxBody, supplyDays: 56 }) });
    prescriptionId = first.body.prescription.prescriptionId as string;
  });

  test('followups.recordVisit: a visit is recorded once per key', async () => {
    const send = (note: string) => (key: string) => doctor().then((token) => call('POST', path(HAN.familyId, HAN.memberId, '/followup-visits'), { token, body: { kind: 'phone', note }, headers: { ...at(day('2027-02-06')), 'idempotency-key': key } }));
    await expectIdempotent({ route: 'followups.recordVisit', status: 201, send: send('电话随访，血压平稳'), other: send('电话随访，头晕') });
  });

  test('prescriptions.requestRefill: one refill request per key', async () => {
    const token = await tokenFor(HAN.memberId);
    const send = (body: unknown) => (key: string) => call('POST', path(HAN.familyId, HAN.memberId, `/prescriptions/${prescriptionId}/refills`), { token, body, headers: { ...at(day('2027-02-06')), 'idempotency-key': key } });
    const first = await expectIdempotent({ route: 'prescriptions.requestRefill', status: 201, send: send({ fulfilment: 'pickup', pharmacy: 'org_llwsy' }), other: send({ fulfilment: 'delivery' }) });
    refillId = first.body.refill.refillId as string;
  });

  test('prescriptions.approveRefill: an approval is replayed; the same key on another refill is 409', async () => {
    const approve = (id: string) => (key: string) =>
      doctor().then((token) => call('POST', path(HAN.familyId, HAN.memberId, `/prescriptions/${prescriptionId}/refills/${id}/approve`), { token, body: {}, headers: { ...at(day('2027-02-07')), 'idempotency-key': key } }));
    await expectIdempotent({ route: 'prescriptions.approveRefill', send: approve(refillId), other: approve('rf_000000000000000000000000') });
    expect((await getItem(keys.prescription(HAN.memberId, prescriptionId)))?.refillsRemaining).toBe(1);
  });
});
