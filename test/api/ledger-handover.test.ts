import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db/client';
import { batchPutAll } from '../../functions/lib/db/batch';
import { handoverNoticeKey } from '../../functions/lib/db/handover';
import type { PersonItem } from '../../functions/lib/db/items';
import { contractItem } from '../../functions/lib/db/signing';
import { countyDoctorItem } from '../../functions/lib/db/staff-directory';
import { expectIdempotent } from './idempotency-support';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { contractOf, expectQueueMoved, keyOf, queueOf } from './signing-moves-support';
import { expectApiError, getItem, queryPartition } from './support-table';

/**
 * Hand-over (交接) over HTTP: one transaction replaces the contact, records the change and tells
 * the family; an injected failure leaves everything as it was. This file's own county, tag "b".
 */
const w = ledgerWorld('b');
const now = { 'x-test-now': '2026-11-20T09:30:00+08:00' };
let comm = '';
beforeAll(async () => {
  await writeLedgerWorld(w, 6);
  comm = await tokenFor(w.commCounty);
});

const handOver = (familyId: string, body: Record<string, unknown>, key: string, token = comm) =>
  call('POST', `/families/${familyId}/handovers`, { token, body, headers: { ...now, 'idempotency-key': key } });

test('the village cadre of family 1 is handed over: old out, new in, recorded, family told, history readable', async () => {
  const F = w.family(1);
  const oldToken = await tokenFor(w.cadre);
  // The outgoing cadre had logged a visit: the incoming one must be able to read it.
  expect((await call('POST', `/families/${F}/contact-log`, { token: oldToken, body: { type: 'home_visit', date: '2026-11-19', health: '一切正常' }, headers: now })).status).toBe(201);

  const res = await handOver(F, { kind: 'village_cadre', toStaffId: w.cadre2, reason: '原联系人工作调动' }, 'ho-b-0001');
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ familyId: F, kind: 'village_cadre', from: { staffId: w.cadre, name: '测试村干部' }, to: { staffId: w.cadre2, name: '接任村干部' }, at: '2026-11-20T09:30:00+08:00', byStaffId: w.commCounty });

  expect(await getItem(keys.familyContact(F, w.cadre))).toBeUndefined();
  expect(await getItem(keys.familyContact(F, w.cadre2))).toMatchObject({ kind: 'village_cadre', gsi1pk: keys.staffPk(w.cadre2), assignedAt: '2026-11-20T09:30:00+08:00' });
  const outbox = await getItem(keys.outbox(handoverNoticeKey(res.body.handoverId, w.member)));
  expect(outbox).toMatchObject({ recipientId: w.member, template: 'contact.changed', status: 'pending', data: { role: '村（社区）联系人', name: '接任村干部' } });

  // The family sees the new contact at once.
  const contacts = await call('GET', `/families/${F}/contacts`, { token: await tokenFor(w.member) });
  expect(contacts.body.contacts.map((c: { personId: string }) => c.personId)).toContain(w.cadre2);
  expect(contacts.body.contacts.map((c: { personId: string }) => c.personId)).not.toContain(w.cadre);

  // The new contact reads the history; the old one no longer reaches the family.
  const newToken = await tokenFor(w.cadre2);
  const log = await call('GET', `/families/${F}/contact-log`, { token: newToken });
  expect(log.status).toBe(200);
  expect(log.body.items).toEqual([expect.objectContaining({ staffId: w.cadre, health: '一切正常' })]);
  expectApiError(await call('GET', `/families/${F}/contact-log`, { token: oldToken }), 403, 'forbidden');
  // Due items move: the family is on the new contact's list and off the old one's.
  const dueNew = await call('GET', '/contact/due', { token: newToken, headers: now });
  expect(dueNew.body.families.map((f: { familyId: string }) => f.familyId)).toEqual([F]);
  const dueOld = await call('GET', '/contact/due', { token: oldToken, headers: now });
  expect(dueOld.body.families.map((f: { familyId: string }) => f.familyId)).not.toContain(F);

  const history = await call('GET', `/families/${F}/handovers`, { token: newToken });
  expect(history.body.items).toEqual([res.body]);

  // A retry with the same Idempotency-Key answers the same hand-over and writes nothing.
  const before = await queryPartition(keys.familyPk(F));
  const again = await handOver(F, { kind: 'village_cadre', toStaffId: w.cadre2, reason: '原联系人工作调动' }, 'ho-b-0001');
  expect(again.status).toBe(201);
  expect(again.headers.get('idempotency-replayed')).toBe('true');
  expect(again.body).toEqual(res.body);
  expect(await queryPartition(keys.familyPk(F))).toEqual(before);
});

test('a failure injected mid-way (the new contact\'s item already there) cancels everything: the old assignment is intact', async () => {
  const F = w.family(6);
  const key = 'ho-b-fail';
  // An item at the new contact's key that the family's contact list does not show: the handler
  // goes ahead, and the transaction's put of the new contact, after the old one's delete, fails.
  const injected = { ...keys.familyContact(F, w.cadre2), entity: 'injected' };
  await db().send(new PutCommand({ TableName: tableName(), Item: injected }));
  const before = await queryPartition(keys.familyPk(F));
  const statsBefore = await getItem(keys.statsTownship(w.countyId, w.townships[0]));

  const res = await handOver(F, { kind: 'village_cadre', toStaffId: w.cadre2 }, key);
  expectApiError(res, 409, 'conflict');
  expect(res.body.message).toContain('原联系人不变');
  expect(await queryPartition(keys.familyPk(F))).toEqual(before);
  expect(await getItem(keys.familyContact(F, w.cadre))).toMatchObject({ kind: 'village_cadre' });
  expect(await getItem(keys.familyContact(F, w.cadre2))).toEqual(injected);
  expect(await getItem(keys.statsTownship(w.countyId, w.townships[0]))).toEqual(statsBefore);
});

test('filling a missing place counts the family as fully covered, in the same transaction', async () => {
  const F = w.family(2); // no village cadre
  const before = (await getItem(keys.statsTownship(w.countyId, w.townships[0])))!;
  const res = await handOver(F, { kind: 'village_cadre', toStaffId: w.cadre2 }, 'ho-b-0002');
  expect(res.status).toBe(201);
  expect(res.body.from).toBeUndefined();
  const after = (await getItem(keys.statsTownship(w.countyId, w.townships[0])))!;
  expect(after.familiesWithAllContacts).toBe(before.familiesWithAllContacts + 1);
});

test('refusals: a person who cannot hold the place, one from another township, one already a contact, a township officer elsewhere', async () => {
  const F = w.family(4);
  expect((await handOver(F, { kind: 'doctor', toStaffId: w.cadre2 }, 'ho-b-ref1')).body.fields).toEqual({ 'body.toStaffId': '人员与岗位不符' });
  expect((await handOver(F, { kind: 'village_cadre', toStaffId: 'p_cadre03' }, 'ho-b-ref2')).body.fields).toEqual({ 'body.toStaffId': '不在本乡镇' });
  expectApiError(await handOver(F, { kind: 'township_leader', toStaffId: w.lead }, 'ho-b-ref3'), 409, 'conflict');
  // Family 4 is in township A; the township officer of B may not touch it.
  expectApiError(await handOver(F, { kind: 'village_cadre', toStaffId: w.cadre2 }, 'ho-b-ref4', await tokenFor(w.commTownship)), 403, 'forbidden');
  expect(await getItem(keys.familyContact(F, w.cadre))).toBeDefined();
  // A contact person cannot hand over at all.
  expectApiError(await handOver(F, { kind: 'village_cadre', toStaffId: w.cadre2 }, 'ho-b-ref5', await tokenFor(w.cadre)), 403, 'forbidden');
});

test('ledger.handOver: a retried hand-over answers the first one; the same key with another reason is 409', async () => {
  const F = w.family(4);
  const send = (reason: string) => (key: string) => handOver(F, { kind: 'village_cadre', toStaffId: w.cadre2, reason }, key);
  const first = await expectIdempotent({ route: 'ledger.handOver', status: 201, scopeReads: 1, send: send('原联系人退休'), other: send('原联系人调走') });
  expect(first.body).toMatchObject({ familyId: F, from: { staffId: w.cadre }, to: { staffId: w.cadre2 } });
});

test('a family\'s doctor handed over: its members signed with the old doctor, their active contract, plan, open refill and discharge note go to the new doctor in the same transaction; another family\'s stay', async () => {
  // Even families are signed with the world's doctor.
  const F = w.family(6);
  const s = { familyId: F, memberId: `p_lg6m${F.slice(-6)}` };
  const other = { familyId: w.family(4), memberId: `p_lg6m${w.family(4).slice(-6)}` };
  const next: PersonItem = {
    ...keys.person('p_lg6bdocnew'),
    entity: 'person',
    personId: 'p_lg6bdocnew',
    name: '接任家庭医生',
    role: 'doctor',
    gender: 'male',
    birthDate: '1980-01-01',
    idNumberEnc: 'not-used-by-these-tests',
    phoneEnc: 'not-used-by-these-tests',
    phoneMasked: '139****0000',
    gsi1pk: 'PHONE#ledger-test-p_lg6bdocnew',
    gsi1sk: 'PERSON#p_lg6bdocnew',
    organisation: '测试卫生院',
    title: '全科医生',
    workPhone: '13900000019',
  };
  const contract = contractItem({ ...contractOf(s, w.doctor, '测试医生'), contractId: 'ct_20260101lg6bhandover01' });
  const state = (await getItem(keys.signingState(s.memberId)))!;
  const plan = { ...keys.followUpPlan(s.memberId), entity: 'followUpPlan', familyId: F, memberId: s.memberId, memberName: '成员6', doctorId: w.doctor, cadence: 'monthly', reason: 'default', poverty: false, startedOn: '2026-01-01', version: 3, gsi1pk: keys.staffPk(w.doctor), gsi1sk: keys.planQueueSk('2026-12-01', s.memberId) };
  const queue = queueOf([s], w.doctor, 'bho');
  const othersQueue = queueOf([other], w.doctor, 'bhx');
  await batchPutAll([next as unknown as Record<string, unknown>, countyDoctorItem(next, w.countyId) as unknown as Record<string, unknown>, contract as unknown as Record<string, unknown>, { ...state, contractId: contract.contractId }, plan, ...Object.values(queue), ...Object.values(othersQueue)]);

  const res = await handOver(F, { kind: 'doctor', toStaffId: next.personId, reason: '医生调往县医院' }, 'ho-b-doc1');
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ kind: 'doctor', from: { staffId: w.doctor }, to: { staffId: next.personId } });
  expect(await getItem(keys.familySigning(F, s.memberId))).toMatchObject({ doctorId: next.personId, gsi1pk: keys.staffPk(next.personId) });
  const contracts = await call('GET', `/families/${F}/members/${s.memberId}/contracts`, { token: comm });
  expect(contracts.body.current).toMatchObject({ contractId: contract.contractId, doctorId: next.personId, doctorName: '接任家庭医生', teamName: '测试团队' });
  expect(await getItem(keys.followUpPlan(s.memberId))).toMatchObject({ doctorId: next.personId, gsi1pk: keys.staffPk(next.personId), version: 4 });
  await expectQueueMoved(queue, w.doctor, next.personId);
  const history = await call('GET', `/families/${F}/changes`, { token: comm });
  expect(history.body.items[0]).toMatchObject({ kind: 'doctor_change', kindLabel: '更换签约医生', before: { 签约家庭医生: '测试医生' }, after: { 签约家庭医生: '接任家庭医生' } });
  expect(history.body.items[0].summary).toContain('医生调往县医院');

  // A refill asked for afterwards, on a prescription the old doctor wrote, joins the new doctor's queue.
  const rx = { ...keys.prescription(s.memberId, 'rx_lg6bhandover01'), entity: 'prescription', prescriptionId: 'rx_lg6bhandover01', memberId: s.memberId, familyId: F, items: [{ medicine: '氨氯地平片', dose: '每日一次，每次一片', quantity: '28片' }], supplyDays: 28, refillsAllowed: 2, refillsRemaining: 2, validUntil: '2027-03-01', issuedOn: '2026-10-25', supplyEndsOn: '2026-11-22', doctorName: '测试医生', doctorId: w.doctor };
  await batchPutAll([rx]);
  const asked = await call('POST', `/families/${F}/members/${s.memberId}/prescriptions/${rx.prescriptionId}/refills`, { token: await tokenFor(s.memberId), body: { fulfilment: 'delivery' }, headers: { ...now, 'idempotency-key': 'ho-b-doc1-refill' } });
  expect(asked.status).toBe(201);
  expect(await getItem(keys.refill(s.memberId, rx.prescriptionId, asked.body.refill.refillId))).toMatchObject({ doctorId: next.personId, gsi1pk: keys.staffPk(next.personId) });

  // The old doctor's other families are not this hand-over's: their signing and queue stay.
  expect(await getItem(keys.familySigning(other.familyId, other.memberId))).toMatchObject({ doctorId: w.doctor });
  for (const item of Object.values(othersQueue)) expect(await getItem(keyOf(item))).toEqual(item);
});
