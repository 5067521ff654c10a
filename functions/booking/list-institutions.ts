import { type InstitutionListResponse } from '../../domain';
import { designatedFor } from '../../domain/designated-institution';
import { listInstitutions } from '../lib/db/booking/sessions';
import { getFamilyRegion } from '../lib/db/families';
import { routeHandler } from '../lib/http/route-handler';
import { COUNTY_ID } from './county';

/** The county's institutions (retired ones are not listed); for a member, also the family's designated one. */
export const handler = routeHandler('booking.listInstitutions', {}, async ({ principal }) => {
  // A member's family names its county; staff see the deployment's county.
  const region = principal.familyId ? await getFamilyRegion(principal.familyId) : undefined;
  const items = await listInstitutions(region?.countyId ?? COUNTY_ID);
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
