import { CountySupportResponse, type CountySupportPutRequest } from '@domain';
import { authedCall } from './client';

/** The county's own support measures (functions/county-support). */
export const countySupportApi = {
  get: () => authedCall('GET', '/commission/county-support', CountySupportResponse),
  put: (body: CountySupportPutRequest, key: string) => authedCall('PUT', '/commission/county-support', CountySupportResponse, { body, headers: { 'Idempotency-Key': key } }),
};
