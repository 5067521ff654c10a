import { ConsentRequest, type Consent, type ConsentResponse, toBeijingIso } from '../../domain';
import { saveConsent } from '../lib/db/persons';
import { routeHandler } from '../lib/http/route-handler';

/** Records the privacy-guide agreement and, separately, the health-data decision (PIPL). */
export const handler = routeHandler('me.putConsent', { body: ConsentRequest }, async ({ body, principal, now }) => {
  const at = toBeijingIso(now);
  const consent: Consent = {
    privacyGuideVersion: body.privacyGuideVersion,
    agreedAt: at,
    healthData: body.healthData,
    healthDataDecidedAt: at,
  };
  await saveConsent(principal.personId, consent);
  const response: ConsentResponse = { consent };
  return { body: response };
});
