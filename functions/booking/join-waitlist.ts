import { FamilyPath, WaitlistJoinRequest } from '../../domain';
import { getSessionAndPerson } from '../lib/db/booking/sessions';
import { passExpiredOffers } from '../lib/db/booking/sweeps';
import { joinParts, listWaitlist, waitlistEntry } from '../lib/db/booking/waitlist';
import { transact } from '../lib/db/transact';
import { conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { alreadyBookedError, assertSessionOpen } from './book-core';
import { waitlistView } from './views';

/**
 * Joins the waiting list of a full session, in one transaction that also checks the session is
 * still full and the member holds no booking in it. Expired offers of the session are passed on
 * first, so the queue the member joins is current.
 */
export const handler = routeHandler('booking.joinWaitlist', { path: FamilyPath, body: WaitlistJoinRequest }, async ({ path, body, now }) => {
  const { session, person } = await getSessionAndPerson(body.institutionId, body.sessionId, body.memberId);
  if (!person || person.familyId !== path.familyId || person.role !== 'member') throw forbidden('只能为本家庭的成员排队候补');
  if (!session) throw notFound('没有找到这个时段，请重新选择');
  assertSessionOpen(session, now);
  await passExpiredOffers(body.institutionId, body.sessionId, now);
  const entry = waitlistEntry(session, { familyId: path.familyId, memberId: person.personId, memberName: person.name }, now);
  await transact(joinParts(session, entry, now), {
    refusals: {
      entry: () => conflict('已经在这个时段的候补名单里了'),
      guard: alreadyBookedError,
      session: () => conflict('这个时段还有优先号，可以直接预约'),
    },
  });
  const queue = await listWaitlist(body.institutionId, body.sessionId);
  const position = queue.filter((q) => q.status === 'waiting').findIndex((q) => q.memberId === person.personId) + 1;
  return { status: 201, body: waitlistView(entry, position, now) };
});
