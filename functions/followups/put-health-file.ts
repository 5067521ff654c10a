import { beijingDate, FamilyMemberPath, inPovertyProgramme, HealthFileRequest, type MemberHealthResponse, planCadence, type Principal, toBeijingIso } from '../../domain';
import { getFamilyProfile } from '../lib/db/families';
import { followUpReminderPut, type HealthFileItem, planPut, put } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { part, parts, transact } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { type MemberCtx, memberWithAccess, nextPlan, planView, queueDoctorOf, reminderFrom, requireDoctor } from './access';

/**
 * The signed doctor's team writes the member's health file; the follow-up plan is created from it
 * (or its cadence re-derived, unless the doctor set one by hand) in the same transaction, with the
 * member's due reminder when the next due date moved.
 */
export const handler = routeHandler('followups.putHealthFile', { path: FamilyMemberPath, body: HealthFileRequest }, async ({ path, body, principal, now }) => {
  requireDoctor(principal);
  const ctx = await memberWithAccess(principal, path);
  return { body: await putHealthFile(ctx, path, body, principal, now) };
});

/**
 * The write itself, given the member's context (read by the route through the health-access rule):
 * the route and the demo seed both come through here.
 */
export async function putHealthFile(ctx: MemberCtx, path: { familyId: string; memberId: string }, body: HealthFileRequest, principal: Principal, now: Date): Promise<Pick<MemberHealthResponse, 'file' | 'plan'>> {
  const profile = await getFamilyProfile(path.familyId);
  const today = beijingDate(now);
  const file: HealthFileItem = {
    ...keys.healthFile(path.memberId),
    entity: 'healthFile',
    memberId: path.memberId,
    familyId: path.familyId,
    memberName: ctx.member.name,
    conditions: body.conditions,
    otherConditions: body.otherConditions,
    mobility: body.mobility,
    medicines: body.medicines,
    allergies: body.allergies,
    stability: { status: body.stability, assessedOn: today, doctorId: principal.personId, doctorName: ctx.viewer?.name ?? '' },
    updatedAt: toBeijingIso(now),
  };
  const poverty = inPovertyProgramme(profile ?? {});
  const prev = ctx.plan;
  const rule = planCadence({ mobility: body.mobility, poverty });
  const doctorId = queueDoctorOf(ctx, principal);
  // A cadence the doctor set by hand stays; otherwise it follows the file.
  const plan = nextPlan(prev, { familyId: path.familyId, memberId: path.memberId, memberName: ctx.member.name, doctorId, mobility: body.mobility, poverty, today, region: profile }, {
    doctorId,
    poverty,
    ...(prev?.reason === 'doctor' ? {} : { cadence: rule.cadence, reason: rule.reason }),
  });
  // The file is replaced whole; the plan's version condition makes concurrent edits fail as one.
  await transact([part('file', put(file, null)), part('plan', planPut(plan, prev?.version)), ...parts('reminder', followUpReminderPut(prev, plan, reminderFrom(ctx), now))], {
    refusals: { plan: () => conflict('档案刚被修改过，请刷新后再保存') },
  });
  const { pk: _pk, sk: _sk, entity: _e, ...fileView } = file;
  return { file: fileView, plan: planView(plan, now) };
}
