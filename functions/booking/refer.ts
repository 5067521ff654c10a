import { ReferralRequest } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { sessionKey, type SessionItem } from '../lib/db/booking/sessions';
import type { PersonItem, SigningItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertSessionOpen, planFor, runBooking } from './book-core';

/**
 * The member's signed family doctor refers them to a designated institution: a priority place is
 * booked on their behalf (the same transaction as a member's booking, with the Idempotency-Key
 * marker) and the family is told by the confirmation message. One BatchGetItem reads the session,
 * the signing and the doctor's name.
 */
export const handler = routeHandler('booking.refer', { body: ReferralRequest }, async ({ body, principal, now, idempotency }) => {
  const signingKey = keys.familySigning(body.familyId, body.memberId);
  const items = await batchGetAll<Record<string, unknown>>([sessionKey(body.institutionId, body.sessionId), signingKey, keys.person(principal.personId)]);
  const signing = items.find((i) => i.entity === 'signing') as SigningItem | undefined;
  const session = items.find((i) => i.entity === 'session') as SessionItem | undefined;
  const doctor = items.find((i) => i.entity === 'person') as PersonItem | undefined;
  if (!signing || signing.doctorId !== principal.personId) throw forbidden('只能为与您签约的居民转诊');
  if (!session) throw notFound('没有找到这个时段，请重新选择');
  assertSessionOpen(session, now);
  return runBooking(
    {
      ...planFor(session, { familyId: body.familyId, personId: body.memberId, name: signing.member.name }, principal.personId, body, now),
      source: 'referral',
      referral: { doctorId: principal.personId, doctorName: doctor?.name ?? '家庭', reason: body.reason },
      place: 'quota',
    },
    idempotency,
  );
});
