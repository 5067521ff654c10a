import { randomBytes } from 'node:crypto';
import { beijingDate, beijingMonth, EMERGENCY_APPROVAL_MAX_AGE_HOURS, EmergencyAdmissionRequest, toBeijingIso, type EmergencyAdmissionView } from '../../domain';
import { admissionView } from '../booking/views';
import type { AdmissionItem } from '../lib/db/booking/admissions';
import { tableName } from '../lib/db/client';
import { greenChannelCount } from '../lib/db/green-channel';
import { keys } from '../lib/db/keys';
import { part, transact } from '../lib/db/transact';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { callerInstitution, countPlace, windowRecordContext } from './green-channel';

/** The approval and who recorded it, kept on the admission. */
export interface EmergencyAdmissionItem extends AdmissionItem {
  emergency: { leaderName: string; approvedAt: string; relativesTried: string; recordedBy: string; recordedByName: string };
}

/**
 * Emergency admission of a card holder when no relative can be reached: the hospital leader's
 * approval (name, time) stands in for the family's consent and is recorded with the admission,
 * which starts with a bed from today (status accepted), so discharge works as for a bed request.
 * The admission, its month's counters and the Idempotency-Key's answer are one transaction.
 */
export const handler = routeHandler('hospital.recordEmergencyAdmission', { body: EmergencyAdmissionRequest }, async ({ body, principal, now, idempotency }) => {
  const institutionId = callerInstitution(principal);
  const approvedMs = new Date(body.approvedAt).getTime();
  if (approvedMs > now.getTime() + 5 * 60_000) throw badRequest('批准时间不能晚于现在', { 'body.approvedAt': '批准时间不能晚于现在' });
  if (approvedMs < now.getTime() - EMERGENCY_APPROVAL_MAX_AGE_HOURS * 3600_000) {
    throw badRequest('批准时间已超过 24 小时，请补办正常住院手续', { 'body.approvedAt': '不能早于 24 小时前' });
  }
  const { familyId, profile, institution, staff, member } = await windowRecordContext({ ticket: body.presentedTicket, staffId: principal.personId, institutionId, memberId: body.memberId }, now);

  const admissionId = `adm_${randomBytes(12).toString('hex')}`;
  const at = toBeijingIso(now);
  const approvedAt = toBeijingIso(new Date(approvedMs));
  const item: EmergencyAdmissionItem = {
    ...keys.admission(admissionId),
    entity: 'admission',
    admissionId,
    status: 'accepted',
    familyId,
    memberId: member.personId,
    memberName: member.name,
    institutionId,
    institutionName: institution.name,
    reason: body.reason,
    requestedAt: at,
    requestedBy: principal.personId,
    decisionReason: `急诊入院，联系不上亲属，经${body.leaderName}批准`,
    decidedBy: principal.personId,
    admittedOn: beijingDate(now),
    emergency: { leaderName: body.leaderName, approvedAt, relativesTried: body.relativesTried, recordedBy: principal.personId, recordedByName: staff.name },
    gsi1pk: keys.hospitalAdmissionsPk(institutionId),
    gsi1sk: `${at}#${admissionId}`,
    gsi2pk: keys.familyAdmissionsPk(familyId),
    gsi2sk: `${at}#${admissionId}`,
  };
  const response: EmergencyAdmissionView = {
    ...admissionView(item),
    emergency: { leaderName: body.leaderName, approvedAt, relativesTried: body.relativesTried, recordedByName: staff.name },
  };
  await transact([
    part('admission', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }),
    ...greenChannelCount(countPlace(profile, { institutionId, institutionName: institution.name }), beijingMonth(now), { admissions: 1, emergencyAdmissions: 1 }),
    ...idempotency.marker(response, 201),
  ]);
  return { status: 201, body: response };
});
