import { FamilyMemberPath, type MemberHealthResponse, TREND_POINTS, trendsFrom } from '../../domain';
import { recentFollowUps } from '../lib/db/followups';
import { routeHandler } from '../lib/http/route-handler';
import { auditHealthRead, followUpView, memberWithAccess, planView } from './access';

/**
 * The member's health file, plan and last readings with their trends, for the member's family and
 * the signed doctor: one BatchGet (access facts, file, plan) and one Query (the newest follow-ups).
 * A doctor's read is written to the family's access log before anything is returned.
 */
export const handler = routeHandler('followups.getMemberHealth', { path: FamilyMemberPath }, async ({ path, principal, now }) => {
  const ctx = await memberWithAccess(principal, path);
  // Each measure's trend wants 12 points; a record may lack some measures, so read a few more.
  const records = (await recentFollowUps(path.memberId, TREND_POINTS * 2)).map(followUpView);
  await auditHealthRead(ctx, principal, 'followups.getMemberHealth', now);
  const file = ctx.file ? (({ pk: _pk, sk: _sk, entity: _e, ...f }) => f)(ctx.file) : null;
  const body: MemberHealthResponse = {
    memberId: ctx.member.personId,
    memberName: ctx.member.name,
    file,
    plan: ctx.plan ? planView(ctx.plan, now) : null,
    recent: records.slice(0, 5),
    trends: trendsFrom(records),
  };
  return { body };
});
