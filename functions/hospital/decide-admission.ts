import { AdmissionDecision, AdmissionPath, beijingDate, beijingMonth, beijingWhen } from '../../domain';
import { admissionView } from '../booking/views';
import { getAdmission } from '../lib/db/booking/admissions';
import { statusChange } from '../lib/db/booking/parts';
import { keys } from '../lib/db/keys';
import { part, transact } from '../lib/db/transact';
import { raiseUrgentTask } from '../lib/db/urgent-tasks';
import { outboxPut } from '../lib/notify/outbox';
import { conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { callerInstitution, countPlace } from './green-channel';
import { getFamilyProfile } from '../lib/db/families';
import { greenChannelCount } from '../lib/db/green-channel';

/** The hospital accepts (a bed from today) or declines a bed request, with a reason the family reads. */
export const handler = routeHandler('hospital.decideAdmission', { path: AdmissionPath, body: AdmissionDecision }, async ({ path, body, principal, now }) => {
  const institutionId = callerInstitution(principal);
  const admission = await getAdmission(path.admissionId);
  if (!admission || admission.institutionId !== institutionId) throw notFound('本院没有这个住院申请');
  if (admission.status !== 'requested') throw conflict('这个申请已经答复过了');
  const status = body.accept ? 'accepted' : 'declined';
  const admittedOn = body.accept ? beijingDate(now) : undefined;
  // Admitted: the family's contacts are to go and see them (one Query of the family), and it is a
  // priority bed, counted in the month of the decision (the family's place: one GetItem, in parallel).
  const [urgent, profile] = body.accept
    ? await Promise.all([
        raiseUrgentTask({ kind: 'admission', familyId: admission.familyId, memberId: admission.memberId, memberName: admission.memberName, refId: admission.admissionId, at: now, detail: `住院：${admission.institutionName}` }, now),
        getFamilyProfile(admission.familyId),
      ])
    : [[], undefined];
  await transact(
    [
      statusChange(keys.admission(admission.admissionId), 'requested', status, { decisionReason: body.reason, decidedBy: principal.personId, ...(admittedOn ? { admittedOn } : {}) }, 'admission'),
      part(
        'outbox',
        outboxPut(
          {
            recipientId: admission.memberId,
            template: 'booking.changed',
            data: { place: admission.institutionName, time: beijingWhen(now, now), note: body.accept ? `床位已安排：${body.reason}` : `未能安排床位：${body.reason}` },
            page: 'packages/booking/mine/index',
            dedupeKey: `admission-${admission.admissionId}-decision`,
          },
          now,
        ),
      ),
      ...urgent,
      ...(profile ? greenChannelCount(countPlace(profile, admission), beijingMonth(now), { admissions: 1, priorityBeds: 1 }) : []),
    ],
    { refusals: { admission: () => conflict('这个申请已经答复过了') } },
  );
  return { body: admissionView({ ...admission, status, decisionReason: body.reason, admittedOn }) };
});
