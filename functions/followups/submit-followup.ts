import { beijingDate, FamilyMemberPath, FollowUpRequest, inPovertyProgramme, type FollowUpResponse, toBeijingIso, urgentAdvice, urgentFlagLabels } from '../../domain';
import { followUpReminderPut, itemAt, planPut, put } from '../lib/db/followups';
import { raiseUrgentTask } from '../lib/db/urgent-tasks';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { part, type Part, parts, transact, TransactionRefused } from '../lib/db/transact';
import { ApiHttpError, conflict, forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { followUpView, type MemberCtx, memberWithAccess, newFollowUp, nextPlan, planView, reminderFrom } from './access';

const ROUTE = 'followups.submit';

/**
 * A member answers a follow-up. One BatchGet (plus the family's contacts when a reading is urgent),
 * then ONE transaction: the follow-up record, the plan (last completed,
 * the submission awaiting the doctor's reply, the queue position) conditioned on the version read,
 * the member's next due reminder (replacing the previous one), for urgent readings the contact
 * persons' urgent tasks and the messages to them and the doctor (functions/lib/db/urgent-tasks.ts),
 * and the Idempotency-Key's answer.
 * The member gets plain advice at once when a reading is urgent.
 */
export const handler = routeHandler(ROUTE, { path: FamilyMemberPath, body: FollowUpRequest }, async ({ path, body, principal, now, idempotency }) => {
  const load = async (extraKeys: ReadonlyArray<{ pk: string; sk: string }>) => {
    const ctx = await memberWithAccess(principal, path, extraKeys);
    if (ctx.member.consent?.healthData !== true) throw forbidden('请先在“隐私设置”里同意共享健康信息，医生才能看到您的随访');
    return ctx;
  };
  const response = await submitFollowUp(load, path, body, principal.personId, now, (r) => idempotency.marker(r, 201));
  return { status: 201, body: response };
});

/**
 * The submission itself: the route and the demo seed both come through here. `load` reads the
 * member's context with the keys asked for (the route through the health-access rule and the
 * member's consent); it is called again when the plan changed between the read and the write.
 */
export async function submitFollowUp(
  load: (extraKeys: ReadonlyArray<{ pk: string; sk: string }>) => Promise<MemberCtx>,
  path: { familyId: string; memberId: string },
  body: FollowUpRequest,
  recordedBy: string,
  now: Date,
  alongside: (response: FollowUpResponse) => Part[] = () => [],
): Promise<FollowUpResponse> {
  for (let attempt = 0; ; attempt++) {
    // One read: the member's context and the family profile (poverty programme).
    const ctx = await load([keys.familyProfile(path.familyId)]);
    if (!ctx.signing) throw new ApiHttpError(409, 'not_signed', '您还没有签约家庭医生，请联系村（社区）联系人');
    const profile = itemAt<FamilyProfileItem>(ctx.extra, keys.familyProfile(path.familyId));
    const today = beijingDate(now);
    const at = toBeijingIso(now);
    const item = newFollowUp(path, now, {
      kind: 'online',
      readings: body.readings,
      symptoms: body.symptoms,
      symptomsNote: body.symptomsNote,
      missedDoses: body.missedDoses,
      mood: body.mood,
      recordedBy,
    });
    const { followUpId, urgent } = item;
    const prev = ctx.plan;
    const plan = nextPlan(
      prev,
      { familyId: path.familyId, memberId: path.memberId, memberName: ctx.member.name, doctorId: ctx.signing.doctorId, mobility: ctx.file?.mobility ?? 'independent', poverty: inPovertyProgramme(profile ?? {}), today, region: profile },
      { lastCompletedOn: today, pending: { followUpId, at, urgent } },
    );
    const response: FollowUpResponse = { followUp: followUpView(item), advice: urgentAdvice(urgent), plan: planView(plan, now) };

    // Something urgent: the family's contact persons get a task to go and see the member and,
    // with the signed doctor, a message (one Query of the family, only then).
    const readingText = [
      body.readings.systolic !== undefined ? `血压${body.readings.systolic}/${body.readings.diastolic}` : '',
      body.readings.glucose !== undefined ? `血糖${body.readings.glucose}` : '',
    ].filter(Boolean).join(' ');
    const urgentParts = urgent.length
      ? await raiseUrgentTask({ kind: 'urgentReading', familyId: path.familyId, memberId: path.memberId, memberName: ctx.member.name, refId: followUpId, at, detail: `${urgent.map((f) => urgentFlagLabels[f]).join('、')} ${readingText}` }, now)
      : [];
    try {
      await transact([
        part('followUp', put(item)),
        part('plan', planPut(plan, prev?.version)),
        ...urgentParts,
        ...parts('reminder', followUpReminderPut(prev, plan, reminderFrom(ctx), now)),
        ...alongside(response),
      ]);
      return response;
    } catch (err) {
      if (!(err instanceof TransactionRefused) || !err.has('plan')) throw err;
      // Someone else changed the plan between our read and write: read again.
      if (attempt >= 2) throw conflict('提交的人太多了，请稍后再试');
    }
  }
}
