import { BookRequest, FamilyPath } from '../../domain';
import { getSessionAndPerson } from '../lib/db/booking/sessions';
import { forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertSessionOpen, planFor, runBooking } from './book-core';

/**
 * A member books a priority place for themself or a family member. One BatchGetItem (the session
 * and the person booked for) for the names and the clear answers, then ONE TransactWriteItems that
 * decides: quota, booking, per-session guard, counter, outbox and the Idempotency-Key marker.
 *
 * Why the read cannot be folded into the transaction's conditions: conditions can only refuse,
 * they cannot supply values, and the transaction writes values that live only on those two items:
 * the booking and its messages carry the session's institution, department, doctor, place, start
 * (the reminders' `notBefore` is computed from it) and the member's name (so the family's and the
 * hospital's lists are one Query each, with no read per row). The person check itself (same
 * family, a member) could be a ConditionCheck, but the name is needed anyway, so it rides on the
 * same BatchGetItem. Nothing is decided by the read: a place that looks free is still taken only
 * by the quota condition, so the read adds latency, never a race. Budget: 2 requests (3 with an
 * Idempotency-Key: the stack's marker read, which also answers a retry after the session closed),
 * asserted in test/api/booking.test.ts and bench/booking.ts.
 */
export const handler = routeHandler('booking.book', { path: FamilyPath, body: BookRequest }, async ({ path, body, principal, now, idempotency }) => {
  const { session, person } = await getSessionAndPerson(body.institutionId, body.sessionId, body.memberId);
  if (!person || person.familyId !== path.familyId || person.role !== 'member') throw forbidden('只能为本家庭的成员预约');
  if (!session) throw notFound('没有找到这个时段，请重新选择');
  assertSessionOpen(session, now, { needsQuota: true });
  return runBooking({ ...planFor(session, { ...person, familyId: path.familyId }, principal.personId, body, now), source: 'member', place: 'quota' }, idempotency);
});
