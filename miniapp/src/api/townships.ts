import { CountyTownship, CountyTownshipsResponse, type AddTownshipRequest } from '@domain';
import { authedCall } from './client';

/** The county commission's townships (functions/institutions/*-township(s).ts). */
export const townshipsApi = {
  list: () => authedCall('GET', '/commission/townships', CountyTownshipsResponse),
  add: (body: AddTownshipRequest, key: string) => authedCall('POST', '/commission/townships', CountyTownship, { body, headers: { 'Idempotency-Key': key } }),
  rename: (townshipId: string, name: string) => authedCall('PUT', `/commission/townships/${encodeURIComponent(townshipId)}`, CountyTownship, { body: { name } }),
};
