import { type InstitutionListResponse } from '../../domain';
import { listInstitutions } from '../lib/db/booking/sessions';
import { routeHandler } from '../lib/http/route-handler';
import { COUNTY_ID } from './county';

export const handler = routeHandler('booking.listInstitutions', {}, async () => {
  const items = await listInstitutions(COUNTY_ID);
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
  };
  return { body };
});
