import { AddTownshipRequest, townshipIdOfCode } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { managingCounty } from './access';
import { addTownship } from './townships';

/** A county officer adds a township (a new one, or the one a merger makes); the Idempotency-Key's marker rides in its transaction. */
export const handler = routeHandler('institutions.addTownship', { body: AddTownshipRequest }, async ({ body, principal, idempotency }) => {
  const countyId = await managingCounty(principal);
  const view = await addTownship(countyId, { townshipId: townshipIdOfCode(body.code), name: body.name }, { alongside: (v) => idempotency.marker(v, 201) });
  return { status: 201, body: view };
});
