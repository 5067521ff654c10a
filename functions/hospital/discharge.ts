import { AdmissionPath, DISCHARGE_FOLLOW_UP_DAYS, DischargeRequest, beijingDayStart, toBeijingIso, type DischargeNote } from '../../domain';
import { admissionView } from '../booking/views';
import { getAdmission, getMemberSigning } from '../lib/db/booking/admissions';
import { statusChange, type BookingPart } from '../lib/db/booking/parts';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { part, transact } from '../lib/db/transact';
import { raiseUrgentTask } from '../lib/db/urgent-tasks';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { callerInstitution } from './green-channel';

/**
 * Discharge: the admission closes and, in the same transaction, a discharge note lands in the
 * member's signed doctor's follow-up queue (GSI1 STAFF#<doctor>, due within 7 days; the follow-up queue lists it).
 */
export const handler = routeHandler('hospital.discharge', { path: AdmissionPath, body: DischargeRequest }, async ({ path, body, principal, now }) => {
  const institutionId = callerInstitution(principal);
  const admission = await getAdmission(path.admissionId);
  if (!admission || admission.institutionId !== institutionId) throw notFound('本院没有这个住院申请');
  if (admission.status !== 'accepted' || !admission.admittedOn) throw conflict('只有已安排床位的患者可以办理出院');
  const dischargedMs = new Date(body.dischargedAt).getTime();
  if (dischargedMs > now.getTime() + 5 * 60_000) throw badRequest('出院时间不能晚于现在', { 'body.dischargedAt': '出院时间不能晚于现在' });
  if (dischargedMs < beijingDayStart(admission.admittedOn).getTime()) throw badRequest('出院时间不能早于入院日期', { 'body.dischargedAt': '早于入院日期' });
  const signing = await getMemberSigning(admission.familyId, admission.memberId);
  const dischargedAt = toBeijingIso(new Date(dischargedMs));
  const parts: BookingPart[] = [statusChange(keys.admission(admission.admissionId), 'accepted', 'discharged', { dischargedAt }, 'admission')];
  if (signing) {
    const followUpDueBy = toBeijingIso(new Date(dischargedMs + DISCHARGE_FOLLOW_UP_DAYS * 86_400_000));
    const note: DischargeNote = {
      ...keys.dischargeNote(admission.familyId, admission.admissionId),
      entity: 'dischargeNote',
      admissionId: admission.admissionId,
      familyId: admission.familyId,
      memberId: admission.memberId,
      memberName: admission.memberName,
      doctorId: signing.doctorId,
      hospitalName: admission.institutionName,
      admittedOn: admission.admittedOn,
      dischargedAt,
      note: body.note,
      followUpDueBy,
      gsi1pk: keys.staffPk(signing.doctorId),
      gsi1sk: keys.dischargeDueSk(followUpDueBy, admission.admissionId),
    };
    parts.push(part('other', { Put: { TableName: tableName(), Item: note, ConditionExpression: 'attribute_not_exists(pk)' } }));
  }
  // Home again: the family's contacts are to go and see them (one Query of the family).
  const urgent = await raiseUrgentTask({ kind: 'discharge', familyId: admission.familyId, memberId: admission.memberId, memberName: admission.memberName, refId: admission.admissionId, at: dischargedAt, detail: `出院：${admission.institutionName}` }, now);
  const done = () => conflict('这位患者已经办理过出院');
  await transact([...parts, ...urgent], { refusals: { admission: done, other: done } });
  return { body: { ...admissionView({ ...admission, status: 'discharged', dischargedAt }), followUpQueued: Boolean(signing) } };
});
