import { type InstitutionListResponse } from '../../domain';
import { designatedFor } from '../../domain/designated-institution';
import { listInstitutions } from '../lib/db/booking/sessions';
import { getFamilyRegion } from '../lib/db/families';
import { getPerson } from '../lib/db/persons';
import { countyOfStaff } from '../lib/db/staff';
import { routeHandler } from '../lib/http/route-handler';

/**
 * The county a staff member books in, read with their person item: every staff record carries its
 * county from its creation (createStaff, for the form, the staff import and the seed). Contacts
 * imported before that name only their township, which countyOfStaff resolves with one more read;
 * doctors and hospital staff were never created without a county, so no institution is read.
 * A table may hold several counties: there is no default.
 */
async function staffCounty(personId: string): Promise<string | undefined> {
  const person = await getPerson(personId);
  return person ? countyOfStaff(person) : undefined;
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
