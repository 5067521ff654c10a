import type { Me, Principal, Session } from '../../../domain';
import type { PersonItem } from '../db/items';
import { issueSessionToken } from './tokens';

export function principalOf(person: PersonItem): Principal {
  return {
    personId: person.personId,
    role: person.role,
    familyId: person.role === 'member' ? person.familyId : undefined,
    level: person.role === 'contact' ? person.contactLevel : person.role === 'commission' ? person.commissionLevel : undefined,
    regionId: person.role === 'commission' ? person.regionId : undefined,
    orgId: person.orgId,
  };
}

export function meOf(person: PersonItem): Me {
  return {
    personId: person.personId,
    name: person.name,
    role: person.role,
    contactLevel: person.contactLevel,
    commissionLevel: person.commissionLevel,
    familyId: person.familyId,
    regionId: person.regionId,
    organisation: person.organisation,
    orgId: person.role === 'hospital' ? person.orgId : undefined,
    title: person.title,
    consent: person.consent ?? null,
  };
}

/**
 * Issued on the real clock, not the request's time (a local test may move that with x-test-now):
 * the authorizer verifies `iat` and `exp` on the real clock, so a token dated at a test's "now"
 * would be refused as issued in the future, or already too old.
 */
export async function sessionFor(person: PersonItem): Promise<Session> {
  const { token, expiresAt } = await issueSessionToken(principalOf(person), new Date());
  return { token, expiresAt, me: meOf(person) };
}
