import { ConsentRequest, type ConsentResponse } from '../../domain';
import { saveConsent } from '../lib/db/persons';
import { routeHandler } from '../lib/http/route-handler';

/** Records the privacy-guide agreement and, separately, the health-data decision (PIPL). */
export const handler = routeHandler('me.putConsent', { body: ConsentRequest }, async ({ body, principal, now }) => {
  const consent = await saveConsent(principal.personId, { privacyGuideVersion: body.privacyGuideVersion, healthData: body.healthData }, now);
  const response: ConsentResponse = { consent };
  return { body: response };
});
