import { keys } from '../../functions/lib/db/keys';
import type { NewContract } from '../../functions/lib/db/signing';
import { getItem } from './support-table';

/**
 * What a signed member's doctor leaves behind when the members move to another doctor (a doctor
 * deactivated with a successor, a family's doctor place handed over): an active contract naming
 * the doctor, and the doctor's queue entries of the member (lib/db/lifecycle/signing-moves.ts).
 */
type Signed = { familyId: string; memberId: string };

/** A contract (all but its id) of a ledger-world member, naming `doctorId` as its responsible GP. */
export function contractOf(s: Signed, doctorId: string, doctorName: string): Omit<NewContract, 'contractId'> {
  return {
    memberId: s.memberId,
    familyId: s.familyId,
    member: { name: '成员', relation: '本人', gender: 'male', birthDate: '1950-01-01', villageId: 'v_lg6', villageName: '测试村', townshipId: 't_lg6', townshipName: '测试镇', countyId: 'c_lg6', conditions: [], phoneMasked: '138****0000' },
    teamId: 'tm_lg6moves',
    teamName: '测试团队',
    doctor: { personId: doctorId, name: doctorName, role: 'gp', title: '全科医生', organisation: '测试卫生院', phone: '13900000004' },
    teamContact: { name: '测试团队', members: [] },
    packageIds: ['basic'],
    startDate: '2026-01-01',
    source: 'seed',
    createdAt: '2026-01-01T09:00:00+08:00',
  };
}

/**
 * The doctor's queue entries of these members: an open refill and a discharge note not yet followed
 * up (these move), a decided refill and a followed-up note (these stay where they are).
 */
export function queueOf(signed: Signed[], doctorId: string, tag: string) {
  const a = signed[0]!;
  const b = signed[signed.length - 1]!;
  const refill = (s: Signed, id: string, open: boolean) => ({
    ...keys.refill(s.memberId, `rx_lg6${tag}0001`, id),
    entity: 'refill',
    refillId: id,
    prescriptionId: `rx_lg6${tag}0001`,
    familyId: s.familyId,
    memberId: s.memberId,
    memberName: '成员',
    doctorId,
    medicines: '氨氯地平片',
    status: open ? 'submitted' : 'approved',
    fulfilment: 'pickup',
    submittedAt: '2026-11-18T09:00:00+08:00',
    history: [{ status: 'submitted', at: '2026-11-18T09:00:00+08:00' }],
    ...(open ? { gsi1pk: keys.staffPk(doctorId), gsi1sk: keys.refillQueueSk(new Date('2026-11-18T01:00:00Z'), id) } : {}),
  });
  const discharge = (s: Signed, admissionId: string, followedUpAt?: string) => ({
    ...keys.dischargeNote(s.familyId, admissionId),
    entity: 'dischargeNote',
    admissionId,
    familyId: s.familyId,
    memberId: s.memberId,
    memberName: '成员',
    doctorId,
    hospitalName: '测试县人民医院',
    admittedOn: '2026-11-10',
    dischargedAt: '2026-11-17T10:00:00+08:00',
    note: '按时服药',
    followUpDueBy: '2026-11-24T10:00:00+08:00',
    ...(followedUpAt ? { followedUpAt } : {}),
    gsi1pk: keys.staffPk(doctorId),
    gsi1sk: keys.dischargeDueSk('2026-11-24T10:00:00+08:00', admissionId),
  });
  return {
    refill: refill(b, `rf_lg6${tag}open0001`, true),
    decided: refill(b, `rf_lg6${tag}done0001`, false),
    discharge: discharge(a, `adm_lg6${tag}open01`),
    followedUp: discharge(a, `adm_lg6${tag}done01`, '2026-11-19T10:00:00+08:00'),
  };
}

/** An item's key (a GetItem names nothing else). */
export const keyOf = (i: { pk: string; sk: string }) => ({ pk: i.pk, sk: i.sk });

/** The open entries are on the new doctor's queue; the closed ones are untouched. */
export async function expectQueueMoved(queue: ReturnType<typeof queueOf>, from: string, to: string): Promise<void> {
  expect(await getItem(keyOf(queue.refill))).toMatchObject({ doctorId: to, gsi1pk: keys.staffPk(to), gsi1sk: queue.refill.gsi1sk, status: 'submitted' });
  expect(await getItem(keyOf(queue.discharge))).toMatchObject({ doctorId: to, gsi1pk: keys.staffPk(to), gsi1sk: queue.discharge.gsi1sk });
  expect(await getItem(keyOf(queue.decided))).toEqual(queue.decided);
  expect(await getItem(keyOf(queue.followedUp))).toMatchObject({ doctorId: from, gsi1pk: keys.staffPk(from) });
}
