import { FamilyMemberPath, PlanRequest } from '../../domain';
import { followUpReminderPut, type PlanItem, planPut, planQueueKeys } from '../lib/db/followups';
import { part, parts, transact } from '../lib/db/transact';
import { conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { memberWithAccess, planView, reminderFrom, requireDoctor } from './access';

/** The signed doctor's team adjusts the plan's cadence; the due date and its reminder follow at once. */
export const handler = routeHandler('followups.putPlan', { path: FamilyMemberPath, body: PlanRequest }, async ({ path, body, principal, now }) => {
  requireDoctor(principal);
  const ctx = await memberWithAccess(principal, path);
  const prev = ctx.plan;
  if (!prev) throw notFound('还没有随访计划，请先建立健康档案');
  const base = { ...prev, cadence: body.cadence, reason: 'doctor' as const, note: body.note, version: prev.version + 1 };
  const plan: PlanItem = { ...base, ...planQueueKeys(base) };
  await transact([part('plan', planPut(plan, prev.version)), ...parts('reminder', followUpReminderPut(prev, plan, reminderFrom(ctx), now))], {
    refusals: { plan: () => conflict('计划刚被修改过，请刷新后再保存') },
  });
  return { body: { plan: planView(plan, now) } };
});
