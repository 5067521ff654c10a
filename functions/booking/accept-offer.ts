import { FamilyPath, WaitlistAcceptRequest } from '../../domain';
import { getSessionAndPerson } from '../lib/db/booking/sessions';
import { passExpiredOffers } from '../lib/db/booking/sweeps';
import { ApiHttpError, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { planFor, runBooking } from './book-core';

/**
 * Takes the place offered from the waiting list: the same booking transaction (with the
 * Idempotency-Key marker), with the open offer (condition: still offered, not expired) instead of
 * the quota. An expired offer is passed on to the next member right away.
 */
export const handler = routeHandler('booking.acceptOffer', { path: FamilyPath, body: WaitlistAcceptRequest }, async ({ path, body, principal, now, idempotency }) => {
  const { session, person } = await getSessionAndPerson(body.institutionId, body.sessionId, body.memberId);
  if (!person || person.familyId !== path.familyId || person.role !== 'member') throw forbidden('只能为本家庭的成员确认候补');
  if (!session) throw notFound('没有找到这个时段');
  try {
    return await runBooking({ ...planFor(session, { ...person, familyId: path.familyId }, principal.personId, body, now), source: 'waitlist', place: 'offer' }, idempotency);
  } catch (err) {
    if (err instanceof ApiHttpError && err.statusCode === 409) await passExpiredOffers(body.institutionId, body.sessionId, now);
    throw err;
  }
});
