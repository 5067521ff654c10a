import { ManagedInstitution, ManagedInstitutionsResponse, type InstitutionRequest, type InstitutionUpdateRequest } from '@domain';
import { authedCall } from './client';

const seg = encodeURIComponent;

/** The county commission's designated institutions (functions/institutions). */
export const institutionsApi = {
  list: () => authedCall('GET', '/commission/institutions', ManagedInstitutionsResponse),
  create: (body: InstitutionRequest, key: string) => authedCall('POST', '/commission/institutions', ManagedInstitution, { body, headers: { 'Idempotency-Key': key } }),
  update: (institutionId: string, body: InstitutionUpdateRequest) => authedCall('PUT', `/commission/institutions/${seg(institutionId)}`, ManagedInstitution, { body }),
  retire: (institutionId: string, version: number) => authedCall('POST', `/commission/institutions/${seg(institutionId)}/retire`, ManagedInstitution, { body: { version } }),
};
