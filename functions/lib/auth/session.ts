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

export async function sessionFor(person: PersonItem, now: Date): Promise<Session> {
  const { token, expiresAt } = await issueSessionToken(principalOf(person), now);
  return { token, expiresAt, me: meOf(person) };
}
