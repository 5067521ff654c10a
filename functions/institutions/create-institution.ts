import { InstitutionRequest } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { countyTownships, managingCounty } from './access';
import { addInstitution } from './add-institution';
import { managedView } from './views';

/** A county officer adds a designated institution; the Idempotency-Key's marker rides in its transaction. */
export const handler = routeHandler('institutions.create', { body: InstitutionRequest }, async ({ body, principal, now, idempotency }) => {
  const countyId = await managingCounty(principal);
  const names = new Map((await countyTownships(countyId)).map((t) => [t.townshipId, t.name]));
  let response: ReturnType<typeof managedView> | undefined;
  const item = await addInstitution(countyId, body, now, {
    alongside: (made) => {
      response = managedView(made, names);
      return idempotency.marker(response, 201);
    },
  });
  return { status: 201, body: response ?? managedView(item, names) };
});
