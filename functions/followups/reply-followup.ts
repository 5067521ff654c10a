import { beijingWhen, FollowUpIdPath, type FollowUpRecord, type Plan, ReplyRequest, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { type PlanItem, planPut, planQueueKeys } from '../lib/db/followups';
import { part, parts, type TransactItem, transact } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { contractServices, followUpKeyOf, type MemberCtx, memberWithAccess, planView, requireDoctor } from './access';

/**
 * The signed doctor's team reviews a member's submission and replies with advice. One transaction:
 * the reply on the follow-up (only once), the plan leaves the top of the queue if this was the
 * submission awaiting review, the reviewed follow-up counts on the member's contract, and the
 * member is told.
 */
export const handler = routeHandler('followups.reply', { path: FollowUpIdPath, body: ReplyRequest }, async ({ path, body, principal, now }) => {
  requireDoctor(principal);
  const ctx = await memberWithAccess(principal, path);
  return { body: await replyFollowUp(ctx, path, body, now) };
});

/**
 * The reply itself, given the member's context read with the replying doctor as viewer (the route
 * through the health-access rule): the route and the demo seed both come through here.
 */
export async function replyFollowUp(ctx: MemberCtx, path: { familyId: string; memberId: string; followUpId: string }, body: ReplyRequest, now: Date): Promise<{ reply: NonNullable<FollowUpRecord['reply']>; plan: Plan | null }> {
  const at = toBeijingIso(now);
  const reply = { advice: body.advice, doctorName: ctx.viewer?.name ?? '家庭医生', at };
  const prev = ctx.plan;
  const planItems: TransactItem[] = [];
  let plan: PlanItem | undefined = prev;
  if (prev?.pending?.followUpId === path.followUpId) {
    const base = { ...prev, pending: undefined, version: prev.version + 1 };
    plan = { ...base, ...planQueueKeys(base) };
    planItems.push(planPut(plan, prev.version));
  }
  await transact(
    [
      part('followUp', {
        Update: {
          TableName: tableName(),
          Key: followUpKeyOf(path.memberId, path.followUpId),
          UpdateExpression: 'SET reply = :r',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(reply)',
          ExpressionAttributeValues: { ':r': reply },
        },
      }),
      ...parts('plan', planItems),
      ...parts('contract', contractServices(ctx, ['followUps'])),
      part(
        'outbox',
        outboxPut(
          {
            recipientId: path.memberId,
            template: 'consultation.reply',
            data: { doctor: reply.doctorName, subject: '您的随访有了医生建议', time: beijingWhen(at, at) },
            page: 'packages/health/readings/index',
            dedupeKey: `followup.reply#${path.followUpId}`,
          },
          now,
        ),
      ),
    ],
    {
      refusals: {
        followUp: () => conflict('这次随访已经回复过了，或者没有找到'),
        plan: () => conflict('随访计划刚被修改过，请刷新后再提交'),
        contract: () => conflict('签约协议刚刚变更，请刷新后再回复'),
        outbox: () => conflict('这次随访已经回复过了，或者没有找到'),
      },
    },
  );
  return { reply, plan: plan ? planView(plan, now) : null };
}
