import { CountySupportPutRequest } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { saveCountySupport } from './save-county-support';

/** A county officer saves (and so confirms) the county's list (save-county-support.ts), with the Idempotency-Key's marker in the save's transaction. */
export const handler = routeHandler('countySupport.put', { body: CountySupportPutRequest }, async ({ body, principal, now, idempotency }) => ({
  body: await saveCountySupport(principal, body, now, { alongside: (response) => idempotency.marker(response, 200) }),
}));
