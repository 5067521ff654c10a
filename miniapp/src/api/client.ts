import {
  AccessLogResponse,
  BindResponse,
  ConsentResponse,
  FamilyContactsResponse,
  FamilyListResponse,
  Me,
  RevealedPhoneResponse,
  ServiceCardResponse,
  SignedMemberListResponse,
  type BindRequest,
  type ConsentRequest,
} from '@domain';
// zod straight from 'zod/mini' (not the `z` re-exported by '@domain'), so webpack tracks exactly
// which schema builders the app uses.
import * as z from 'zod/mini';
import { failureFrom, isSessionRejection, send, type Method, type SendOptions } from './http';
import { parseWith, publicCall } from './parse';
import { freshSession, saveSession, silentLogin } from './session';

/**
 * A call with the session token. If the gateway says the token is no longer good (401, or 403
 * without an API error code), log in again silently once and repeat the request; a second
 * rejection is a real "please log in".
 */
export async function authedCall<S extends z.ZodMiniType>(
  method: Method,
  path: string,
  schema: S,
  opts: Omit<SendOptions, 'token'> = {},
): Promise<z.infer<S>> {
  let session = await freshSession();
  let res = await send(method, path, { ...opts, token: session.token });
  if (isSessionRejection(res)) {
    session = await silentLogin();
    res = await send(method, path, { ...opts, token: session.token });
  }
  if (res.status < 200 || res.status >= 300) throw failureFrom(res);
  return parseWith(schema, res.data, `${method} ${path}`);
}

const seg = encodeURIComponent;

/** The typed API: one function per route in functions/routes.ts that the app uses. */
export const api = {
  me: () => authedCall('GET', '/me', Me),

  putConsent: (body: ConsentRequest) => authedCall('PUT', '/me/consent', ConsentResponse, { body }),

  /** Binding proves who the WeChat user is; it uses the bind ticket, not a session. */
  bind: async (body: BindRequest) => {
    const result = await publicCall('POST', '/auth/bind', BindResponse, { body });
    saveSession(result.session);
    return result;
  },

  familyContacts: (familyId: string) =>
    authedCall('GET', `/families/${seg(familyId)}/contacts`, FamilyContactsResponse),

  serviceCard: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/card`, ServiceCardResponse),

  accessLog: (familyId: string, cursor?: string) =>
    authedCall('GET', `/families/${seg(familyId)}/access-log`, AccessLogResponse, { query: { cursor } }),

  assignedFamilies: (cursor?: string) =>
    authedCall('GET', '/contact/families', FamilyListResponse, { query: { cursor } }),

  regionFamilies: (cursor?: string, townshipId?: string) =>
    authedCall('GET', '/commission/families', FamilyListResponse, { query: { cursor, townshipId } }),

  signedMembers: (cursor?: string) => authedCall('GET', '/doctor/members', SignedMemberListResponse, { query: { cursor } }),

  /** Audited on the server: the family sees who read the number. */
  revealPhone: (familyId: string, memberId: string) =>
    authedCall('GET', `/families/${seg(familyId)}/members/${seg(memberId)}/phone`, RevealedPhoneResponse),
};
