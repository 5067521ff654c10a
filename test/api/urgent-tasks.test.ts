import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { PRIVACY_GUIDE_VERSION } from '../../domain';
import type { AdmissionItem } from '../../functions/lib/db/booking/admissions';
import { db, tableName } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/keys';
import { transact, TransactionRefused } from '../../functions/lib/db/transact';
import { raiseUrgentTask } from '../../functions/lib/db/urgent-tasks';
import { call, tokenFor } from '../support/api';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, getItem, operations, queryPartition } from './support-table';

/**
 * Urgent tasks (今天去看望) over HTTP on DynamoDB Local, with the clock set by x-test-now: an
 * admission, a discharge and urgent readings put a task on top of each contact's due list and
 * message them and the signed doctor; the contact's home visit closes their task. Everything
 * happens in this file's own county (ledger-world.ts, tag "u"); the admissions it plants name the
 * demo county's hospital org_xyy (its staff p_hosp01 decides them) and are ADMIT#adm_urg… items.
 */
const w = ledgerWorld('u');
/** Family 4: village cadre, township leader and the doctor; its member is signed to the doctor. */
const F = w.family(4);
/** Family 6: the same contacts; used for urgent readings. */
const G = w.family(6);
const HOSPITAL = 'org_xyy';
const at = (date: string, time = '10:00:00') => ({ 'x-test-now': `${date}T${time}+08:00` });

let memberF = '';
let memberG = '';
let cadre = '';
let lead = '';

async function plantAdmission(admissionId: string, familyId: string, memberId: string): Promise<void> {
  const item: AdmissionItem = {
    ...keys.admission(admissionId),
    entity: 'admission',
    admissionId,
    status: 'requested',
    familyId,
    memberId,
    memberName: '成员4',
    institutionId: HOSPITAL,
    institutionName: '清河县人民医院',
    reason: '胸闷需要住院观察',
    requestedAt: '2031-03-02T08:00:00+08:00',
    requestedBy: memberId,
    gsi1pk: keys.hospitalAdmissionsPk(HOSPITAL),
    gsi1sk: `2031-03-02T08:00:00+08:00#${admissionId}`,
    gsi2pk: keys.familyAdmissionsPk(familyId),
    gsi2sk: `2031-03-02T08:00:00+08:00#${admissionId}`,
  };
  await db().send(new PutCommand({ TableName: tableName(), Item: item }));
}

const due = async (token: string, date: string) => {
  const res = await call('GET', '/contact/due', { token, headers: at(date) });
  expect(res.status).toBe(200);
  return res;
};
const record = (familyId: string, body: Record<string, unknown>, date: string, token = cadre) => call('POST', `/families/${familyId}/contact-log`, { token, body, headers: at(date) });
const tasksOf = async (familyId: string) => (await queryPartition(keys.familyPk(familyId))).filter((i) => i.entity === 'urgentTask');

beforeAll(async () => {
  const profiles = await writeLedgerWorld(w, 6);
  memberF = profiles.find((p) => p.familyId === F)!.members[0].personId;
  memberG = profiles.find((p) => p.familyId === G)!.members[0].personId;
  cadre = await tokenFor(w.cadre);
  lead = await tokenFor(w.lead);
});

describe('admission', () => {
  const ADM = 'adm_urg0000000001';
  const taskId = `admission.${ADM}`;

  test('accepting a bed puts a task on top of each contact\'s due list and messages them and the signed doctor, in the one transaction', async () => {
    await plantAdmission(ADM, F, memberF);
    const accept = await call('POST', `/hospital/admissions/${ADM}/decision`, { token: await tokenFor('p_hosp01'), body: { accept: true, reason: '心内科 3 病区 12 床' }, headers: at('2031-03-02') });
    expect(accept.status).toBe(200);
    // The admission (GetItem); then, side by side, the family with its contacts and the member's
    // signing (Query) and the family's place for the green-channel count (GetItem); one transaction.
    const ops = operations(accept);
    expect([ops[0], [...ops.slice(1, 3)].sort(), ops[3], ops.length]).toEqual(['GetItemCommand', ['GetItemCommand', 'QueryCommand'], 'TransactWriteItemsCommand', 4]);

    for (const [token, staffId] of [[cadre, w.cadre], [lead, w.lead]] as const) {
      const list = await due(token, '2031-03-02');
      expect(list.body.tasks[0]).toMatchObject({ taskId, kind: 'admission', familyId: F, familyName: '测试4号家', memberName: '成员4', detail: '住院：清河县人民医院', dueOn: '2031-03-02', daysOverdue: 0 });
      const notice = await getItem(keys.outbox(`urgent#${taskId}#${staffId}`));
      expect(notice).toMatchObject({ template: 'urgent.visit', recipientId: staffId, page: 'packages/ledger/due/index', data: { member: '成员4', item: '住院：清河县人民医院' } });
    }
    const doctorNotice = await getItem(keys.outbox(`urgent#${taskId}#${w.doctor}`));
    expect(doctorNotice).toMatchObject({ template: 'urgent.visit', recipientId: w.doctor, page: 'packages/doctor/queue/index' });
    // One task per contact person; the doctor has no due list and gets no task.
    expect((await tasksOf(F)).filter((t) => t.taskId === taskId).map((t) => t.staffId).sort()).toEqual([w.cadre, w.lead].sort());
  });

  test('a declined bed raises nothing', async () => {
    const declined = 'adm_urg0000000002';
    await plantAdmission(declined, F, memberF);
    const res = await call('POST', `/hospital/admissions/${declined}/decision`, { token: await tokenFor('p_hosp01'), body: { accept: false, reason: '暂无床位' }, headers: at('2031-03-02') });
    expect(res.status).toBe(200);
    expect(operations(res)).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    expect((await tasksOf(F)).some((t) => t.refId === declined)).toBe(false);
  });

  test('a retried event never doubles the tasks: the decision again is 409, raising the same event again is refused on urgentTask', async () => {
    const before = (await tasksOf(F)).length;
    const again = await call('POST', `/hospital/admissions/${ADM}/decision`, { token: await tokenFor('p_hosp01'), body: { accept: true, reason: '心内科 3 病区 12 床' }, headers: at('2031-03-02', '10:00:05') });
    expectApiError(again, 409, 'conflict');
    const now = new Date('2031-03-02T10:00:10+08:00');
    const parts = await raiseUrgentTask({ kind: 'admission', familyId: F, memberId: memberF, memberName: '成员4', refId: ADM, at: now }, now);
    const refused = await transact(parts).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(TransactionRefused);
    expect((refused as TransactionRefused).has('urgentTask')).toBe(true);
    expect((await tasksOf(F)).length).toBe(before);
    expect((await due(cadre, '2031-03-02')).body.tasks.filter((t: { taskId: string }) => t.taskId === taskId)).toHaveLength(1);
  });

  test('only the family\'s contacts see or close it: another contact person, the member and the doctor are refused', async () => {
    const other = await due(await tokenFor(w.cadre2), '2031-03-02');
    expect(other.body.tasks).toEqual([]);
    expectApiError(await record(F, { type: 'home_visit', date: '2031-03-02', taskId }, '2031-03-02', await tokenFor(w.cadre2)), 403, 'forbidden');
    expectApiError(await call('GET', '/contact/due', { token: await tokenFor(memberF), headers: at('2031-03-02') }), 403, 'forbidden');
    expectApiError(await call('GET', '/contact/due', { token: await tokenFor(w.doctor), headers: at('2031-03-02') }), 403, 'forbidden');
    expect((await getItem(keys.urgentTask(F, taskId, w.cadre)))?.status).toBe('open');
  });

  test('not visited by the next Beijing day: overdue, and still on top', async () => {
    // 23:59 the same day is still due today; 00:00 the next day is a day overdue.
    expect((await due(cadre, '2031-03-02')).body.tasks[0].daysOverdue).toBe(0);
    const lateEvening = await call('GET', '/contact/due', { token: cadre, headers: at('2031-03-02', '23:59:00') });
    expect(lateEvening.body.tasks[0].daysOverdue).toBe(0);
    const next = await due(cadre, '2031-03-03');
    expect(next.body.tasks[0]).toMatchObject({ taskId, daysOverdue: 1 });
    expect((await due(cadre, '2031-03-05')).body.tasks[0].daysOverdue).toBe(3);
  });

  test('the home visit recorded against the task closes it (the contact\'s own; the other contact\'s stays open)', async () => {
    const phone = await record(F, { type: 'phone', date: '2031-03-03', taskId }, '2031-03-03');
    expectApiError(phone, 400, 'invalid_request');
    expect(phone.body.fields['body.type']).toMatch(/登门走访/);
    const early = await record(F, { type: 'home_visit', date: '2031-03-01', taskId }, '2031-03-03');
    expectApiError(early, 400, 'invalid_request');
    expect(early.body.fields['body.date']).toMatch(/看望任务之后/);
    expectApiError(await record(F, { type: 'home_visit', date: '2031-03-03', taskId: 'admission.adm_urgnotatask' }, '2031-03-03'), 404, 'not_found');

    const visit = await record(F, { type: 'home_visit', date: '2031-03-03', health: '病情稳定', taskId }, '2031-03-03');
    expect(visit.status).toBe(201);
    expect(operations(visit).filter((o) => o === 'TransactWriteItemsCommand')).toHaveLength(1);
    expect(await getItem(keys.urgentTask(F, taskId, w.cadre))).toMatchObject({ status: 'done', contactId: visit.body.contactId, visitedOn: '2031-03-03' });
    expect((await due(cadre, '2031-03-03')).body.tasks.some((t: { taskId: string }) => t.taskId === taskId)).toBe(false);
    expect((await due(lead, '2031-03-03')).body.tasks.some((t: { taskId: string }) => t.taskId === taskId)).toBe(true);

    const twice = await record(F, { type: 'home_visit', date: '2031-03-03', taskId }, '2031-03-03');
    expectApiError(twice, 409, 'conflict');
    expect(twice.body.message).toMatch(/已经记录过/);
  });
});

describe('discharge', () => {
  test('discharge raises its own task (same admission, another event) and tells the signed doctor', async () => {
    const ADM = 'adm_urg0000000001';
    const res = await call('POST', `/hospital/admissions/${ADM}/discharge`, { token: await tokenFor('p_hosp01'), body: { dischargedAt: '2031-03-06T09:00:00+08:00', note: '好转出院' }, headers: at('2031-03-06') });
    expect(res.status).toBe(200);
    // The admission and the signing (GetItem each, as before), the family (Query), one transaction.
    expect(operations(res).filter((o) => o === 'QueryCommand')).toHaveLength(1);
    expect(operations(res).at(-1)).toBe('TransactWriteItemsCommand');
    const list = await due(cadre, '2031-03-06');
    expect(list.body.tasks.find((t: { taskId: string }) => t.taskId === `discharge.${ADM}`)).toMatchObject({ kind: 'discharge', detail: '出院：清河县人民医院', daysOverdue: 0 });
    expect(await getItem(keys.outbox(`urgent#discharge.${ADM}#${w.doctor}`))).toMatchObject({ template: 'urgent.visit', recipientId: w.doctor });
  });
});

describe('urgent readings', () => {
  beforeAll(async () => {
    const res = await call('PUT', '/me/consent', { token: await tokenFor(memberG), body: { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData: true } });
    expect(res.status).toBe(200);
  });
  const form = (readings: Record<string, unknown>) => ({ readings, symptoms: [], missedDoses: 0, mood: 'good' });

  test("a member's reading beyond the limits: a task for each contact, messages to them and the doctor; a normal one raises nothing", async () => {
    const token = await tokenFor(memberG);
    const calm = await call('POST', `/families/${G}/members/${memberG}/followups`, { token, body: form({ systolic: 130, diastolic: 80 }), headers: at('2031-04-01', '08:00:00') });
    expect(calm.status).toBe(201);
    expect(operations(calm)).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    const high = await call('POST', `/families/${G}/members/${memberG}/followups`, { token, body: form({ systolic: 190, diastolic: 100 }), headers: at('2031-04-01', '09:00:00') });
    expect(high.status).toBe(201);
    expect(operations(high)).toEqual(['BatchGetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
    const taskId = `urgentReading.${high.body.followUp.followUpId}`;
    const list = await due(cadre, '2031-04-01');
    expect(list.body.tasks.find((t: { taskId: string }) => t.taskId === taskId)).toMatchObject({ kind: 'urgentReading', familyId: G, detail: '血压过高 血压190/100' });
    for (const r of [w.cadre, w.lead, w.doctor]) expect(await getItem(keys.outbox(`urgent#${taskId}#${r}`))).toMatchObject({ template: 'followup.urgent', recipientId: r });
  });

  test("a reading the doctor takes: the contacts get tasks and messages, the doctor none about their own reading", async () => {
    const res = await call('POST', `/families/${G}/members/${memberG}/followup-visits`, { token: await tokenFor(w.doctor), body: { kind: 'visit', readings: { glucose: 2.8, glucoseTiming: 'fasting' }, note: '上门测血糖' }, headers: at('2031-04-02') });
    expect(res.status).toBe(201);
    const taskId = `urgentReading.${res.body.followUp.followUpId}`;
    expect((await due(lead, '2031-04-02')).body.tasks.map((t: { taskId: string }) => t.taskId)).toContain(taskId);
    expect(await getItem(keys.outbox(`urgent#${taskId}#${w.lead}`))).toMatchObject({ data: { item: '血糖过低' } });
    expect(await getItem(keys.outbox(`urgent#${taskId}#${w.doctor}`))).toBeUndefined();
  });
});
