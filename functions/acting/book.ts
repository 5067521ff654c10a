import { BookRequest, FamilyPath } from '../../domain';
import { sessionKey, type SessionItem } from '../lib/db/booking/sessions';
import { actFor } from '../lib/http/acting';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertSessionOpen, planFor, runBooking } from '../booking/book-core';

/**
 * A contact person or the member's doctor books a priority place for a member, on the family's
 * behalf. One BatchGet (the acting checks and the session), then the member's own booking
 * transaction (quota, booking, guard, counter, messages, the Idempotency-Key marker) with the acting
 * parts: the family's setting, its access log and a notice to its members. Two staff taking the
 * last place for two elders: the quota's condition lets one through, the other is told it is full.
 */
export const handler = routeHandler('acting.book', { path: FamilyPath, body: BookRequest }, async ({ path, body, principal, now, idempotency }) => {
  const key = sessionKey(body.institutionId, body.sessionId);
  const acting = await actFor(principal, { familyId: path.familyId, memberId: body.memberId }, [key]);
  const session = acting.get<SessionItem>(key);
  if (!session) throw notFound('没有找到这个时段，请重新选择');
  assertSessionOpen(session, now, { needsQuota: true });
  // actFor has refused a member who is not in the family.
  const member = acting.family.members.find((m) => m.personId === body.memberId)!;
  const plan = { ...planFor(session, { ...member, familyId: path.familyId }, principal.personId, body, now), source: 'member' as const, place: 'quota' as const, actedBy: acting.actedBy };
  const detail = `${session.institutionName}${session.departmentName}`;
  return runBooking(plan, idempotency, acting.parts({ action: 'book', subject: member, detail, page: 'packages/booking/mine/index', now }));
});
