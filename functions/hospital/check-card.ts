import { beijingDate, CardCheckRequest, type CardCheckResponse } from '../../domain';
import { patientView } from '../booking/views';
import { listHospitalDay } from '../lib/db/booking/bookings';
import { getFamilyProfile } from '../lib/db/families';
import { routeHandler } from '../lib/http/route-handler';
import { assertCardCurrent, callerInstitution, verifyCardToken } from './green-channel';

/**
 * Verifies a scanned (or pasted) service-card code: signature, expiry, the card's current version
 * and status, and whose card it is; then the family's bookings here today. Reads only.
 */
export const handler = routeHandler('hospital.checkCard', { body: CardCheckRequest }, async ({ body, principal, now }) => {
  const institutionId = callerInstitution(principal);
  const claims = await verifyCardToken(body.token, now);
  const [profile, today] = await Promise.all([getFamilyProfile(claims.familyId), listHospitalDay(institutionId, beijingDate(now))]);
  const current = assertCardCurrent(claims, profile);
  const result: CardCheckResponse = {
    valid: true,
    familyId: current.familyId,
    cardNo: current.card.cardNo,
    holders: current.members.map((m) => ({ personId: m.personId, name: m.name, relation: m.relation })),
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    bookingsToday: today.filter((b) => b.familyId === current.familyId).map(patientView),
  };
  return { body: result };
});
