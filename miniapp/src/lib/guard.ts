import type { Me } from '@domain';
import { ApiFailure, messages } from '../api/errors';
import { freshSession, needsConsent } from '../api/session';

/**
 * Who is using the app, for pages behind the login. Someone who arrives without a session (an old
 * link, a cleared phone) is sent to log in, someone who has not agreed to the current privacy
 * guide to the guide (useRemote's failure handling does the redirect). On H5 a chosen demo persona
 * logs in silently.
 */
export async function requireMe(): Promise<Me> {
  const session = await freshSession();
  if (needsConsent(session.me)) throw new ApiFailure('consent', 0, messages.consentNeeded);
  return session.me;
}
