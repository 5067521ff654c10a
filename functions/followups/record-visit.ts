import { beijingDate, FamilyMemberPath, inPovertyProgramme, type FollowUpResponse, tierOfRole, toBeijingIso, urgentFlagLabels, VisitRequest } from '../../domain';
import { tableName } from '../lib/db/client';
import { tierServedUpdate } from '../lib/db/double-signing';
import { doctorFollowUpItem, followUpReminderPut, itemAt, planPut, put, queueItemByRef } from '../lib/db/followups';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { getTeam } from '../lib/db/signing';
import { part, parts, transact } from '../lib/db/transact';
import { raiseUrgentTask } from '../lib/db/urgent-tasks';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { contractServices, followUpView, memberWithAccess, newFollowUp, nextPlan, planView, queueDoctorOf, reminderFrom, requireDoctor } from './access';

const ROUTE = 'followups.recordVisit';

/**
 * Someone on the signed doctor's team records a visit or phone follow-up done in person. It
 * completes the plan's follow-up (and clears a submission awaiting a reply: the doctor has now
 * spoken to the member), moves the member's due reminder to the next due date, counts the service
 * on the member's contract (a visit is a follow-up and a home visit) and, if it answers a discharge
 * hand-back or a consultation's follow-up item from the signed doctor's queue, closes that item;
 * for a member in the double-signing programme, marks the recorder's tier served in its period;
 * an urgent reading raises the contacts' urgent tasks (functions/lib/db/urgent-tasks.ts); all in one transaction with the Idempotency-Key's answer.
 */
export const handler = routeHandler(ROUTE, { path: FamilyMemberPath, body: VisitRequest }, async ({ path, body, principal, now, idempotency }) => {
  requireDoctor(principal);
  const ctx = await memberWithAccess(principal, path, [keys.familyProfile(path.familyId)]);
  const doctorId = queueDoctorOf(ctx, principal);
  const handled = body.handles ? await queueItemByRef(doctorId, body.handles) : undefined;
  if (body.handles && (!handled || handled.memberId !== path.memberId)) throw badRequest('没有找到这位居民的这项待办', { 'body.handles': '待办事项不存在' });
  const prev = ctx.plan ?? undefined;
  const profile = itemAt<FamilyProfileItem>(ctx.extra, keys.familyProfile(path.familyId));
  const poverty = prev?.poverty ?? inPovertyProgramme(profile ?? {});
  const today = beijingDate(now);
  const at = toBeijingIso(now);
  // For a member in the double-signing programme the visit serves the tier of the recorder's role
  // on the member's signed team (domain/double-signing.ts); one GetItem, only for such members.
  // The family's flag as it is today, not the plan's (set when the plan began).
  const team = inPovertyProgramme(profile ?? {}) && ctx.contract?.state === 'signed' && ctx.contract.teamId ? await getTeam(ctx.contract.teamId) : undefined;
  const role = team?.members.find((m) => m.personId === principal.personId)?.role;
  const tier = role ? tierOfRole[role] : undefined;
  const item = newFollowUp(path, now, { kind: body.kind, readings: body.readings ?? {}, symptoms: [], note: body.note, recordedBy: principal.personId, ...(tier ? { tier } : {}) });
  // The doctor has now spoken to the member: a submission awaiting review is answered too.
  const plan = nextPlan(
    prev,
    { familyId: path.familyId, memberId: path.memberId, memberName: ctx.member.name, doctorId, mobility: ctx.file?.mobility ?? 'independent', poverty, today, region: profile },
    { doctorId, lastCompletedOn: today, pending: undefined },
  );
  const response: FollowUpResponse = { followUp: followUpView(item), advice: [], plan: planView(plan, now) };
  const closeHandled = handled
    ? [
        String(handled.gsi1sk).startsWith(keys.dischargeQueuePrefix)
          ? { Update: { TableName: tableName(), Key: { pk: handled.pk, sk: handled.sk }, UpdateExpression: 'SET followedUpAt = :at', ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(followedUpAt)', ExpressionAttributeValues: { ':at': at } } }
          : { Update: { TableName: tableName(), Key: { pk: handled.pk, sk: handled.sk }, UpdateExpression: 'SET #status = :done, doneAt = :at', ConditionExpression: '#status = :open', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':at': at, ':done': 'done', ':open': 'open' } } },
      ]
    : [];
  // A reading the doctor took beyond the safe limits: the contacts go and see the member too.
  const urgent = item.urgent.length
    ? await raiseUrgentTask({ kind: 'urgentReading', familyId: path.familyId, memberId: path.memberId, memberName: ctx.member.name, refId: item.followUpId, at, detail: item.urgent.map((f) => urgentFlagLabels[f]).join('、'), actorId: principal.personId }, now)
    : [];
  const planChanged = () => conflict('随访计划刚被修改过，请刷新后再提交');
  await transact(
    [
      part('followUp', put(item)),
      // What the report counts as done by the doctor's team, in its county's month.
      ...(profile ? [part('followUp', put(doctorFollowUpItem(profile, { memberId: path.memberId, familyId: path.familyId, followUpId: item.followUpId, date: today, kind: body.kind, recordedBy: principal.personId })))] : []),
      part('plan', planPut(plan, prev?.version)),
      ...parts('handled', closeHandled),
      ...parts('contract', contractServices(ctx, body.kind === 'visit' ? ['followUps', 'homeVisits'] : ['followUps'])),
      ...parts('tier', tier ? [tierServedUpdate(path, tier, today)] : []),
      ...parts('reminder', followUpReminderPut(prev, plan, reminderFrom(ctx), now)),
      ...urgent,
      ...idempotency.marker(response, 201),
    ],
    {
      refusals: {
        handled: () => conflict('这项待办已经处理过了'),
        contract: () => conflict('签约协议刚刚变更，请刷新后再记录'),
        plan: planChanged,
        followUp: planChanged,
      },
    },
  );
  return { status: 201, body: response };
});
