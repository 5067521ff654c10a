import { type InstitutionListResponse } from '../../domain';
import { designatedFor } from '../../domain/designated-institution';
import { listInstitutions } from '../lib/db/booking/sessions';
import { getFamilyRegion } from '../lib/db/families';
import { getInstitution } from '../lib/db/institutions';
import { getPerson } from '../lib/db/persons';
import { routeHandler } from '../lib/http/route-handler';

/**
 * The county a staff member books in: the one they were created for, or, for staff recorded
 * without it, their institution's. A table may hold several counties, so there is no default.
 */
async function staffCounty(personId: string): Promise<string | undefined> {
  const person = await getPerson(personId);
  if (person?.countyId) return person.countyId;
  return person?.orgId ? (await getInstitution(person.orgId))?.countyId : undefined;
}

/** The county's institutions (retired ones are not listed); for a member, also the family's designated one. */
export const handler = routeHandler('booking.listInstitutions', {}, async ({ principal }) => {
  // A member's family names its county; staff are the county's own.
  const region = principal.familyId ? await getFamilyRegion(principal.familyId) : undefined;
  const countyId = region?.countyId ?? (await staffCounty(principal.personId));
  const items = countyId ? await listInstitutions(countyId) : [];
  const designated = region ? designatedFor(items, region.townshipId) : undefined;
  const body: InstitutionListResponse = {
    items: items.map((i) => ({
      institutionId: i.institutionId,
      name: i.name,
      kind: i.kind,
      address: i.address,
      greenChannelPlace: i.greenChannelPlace,
      greenChannelPhone: i.greenChannelPhone,
      departments: i.departments,
    })),
    ...(designated ? { designated: { institutionId: designated.institutionId, name: designated.name, greenChannelPhone: designated.greenChannelPhone } } : {}),
  };
  return { body };
});
