import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import {
  BIND_TICKET_TTL_SECONDS,
  Principal,
  TOKEN_TTL_SECONDS,
  toBeijingIso,
} from '../../../domain';
import { getSecrets } from '../crypto/secrets';

const ISSUER = 'lianxin';
const API_AUDIENCE = 'lianxin:api';
const BIND_AUDIENCE = 'lianxin:bind';

export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'token expired' : 'token invalid');
  }
}

/**
 * Clocks of the Lambda fleet (and of the machine that signed) may differ by a little; more than
 * this and a token claiming to be issued in the future is refused.
 */
export const CLOCK_SKEW_SECONDS = 30;

/**
 * Session and bind tokens must say when they were issued and when they end: a token without `exp`
 * would never end, and `maxTokenAge` (counted from `iat`) bounds a token however far its `exp`
 * was set, so a leaked signing key or a bug in issuing cannot mint tokens that live for a year.
 */
async function verify(token: string, key: Uint8Array, audience: string, maxAgeSeconds: number) {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: maxAgeSeconds,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    return payload;
  } catch (err) {
    throw new InvalidTokenError(err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid');
  }
}

/** Short-lived API token; the mini-program renews it silently by logging in again. */
export async function issueSessionToken(principal: Principal, now: Date) {
  const { sessionKey } = await getSecrets();
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + TOKEN_TTL_SECONDS;
  const token = await new SignJWT({
    role: principal.role,
    fam: principal.familyId,
    lvl: principal.level,
    reg: principal.regionId,
    org: principal.orgId,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.personId)
    .setIssuer(ISSUER)
    .setAudience(API_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(sessionKey);
  return { token, expiresAt: toBeijingIso(new Date(exp * 1000)) };
}

export async function verifySessionToken(token: string): Promise<Principal> {
  const { sessionKey } = await getSecrets();
  const payload = await verify(token, sessionKey, API_AUDIENCE, TOKEN_TTL_SECONDS);
  const parsed = Principal.safeParse({
    personId: payload.sub,
    role: payload.role,
    familyId: payload.fam,
    level: payload.lvl,
    regionId: payload.reg,
    orgId: payload.org,
  });
  if (!parsed.success) throw new InvalidTokenError('invalid');
  return parsed.data;
}

/** Carries a verified WeChat openid from login to binding, which may come minutes later. */
export async function issueBindTicket(openid: string, now: Date) {
  const { sessionKey } = await getSecrets();
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + BIND_TICKET_TTL_SECONDS;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(openid)
    .setIssuer(ISSUER)
    .setAudience(BIND_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(sessionKey);
  return { bindTicket: token, bindTicketExpiresAt: toBeijingIso(new Date(exp * 1000)) };
}

export async function verifyBindTicket(ticket: string): Promise<string> {
  const { sessionKey } = await getSecrets();
  const payload = await verify(ticket, sessionKey, BIND_AUDIENCE, BIND_TICKET_TTL_SECONDS);
  if (!payload.sub) throw new InvalidTokenError('invalid');
  return payload.sub;
}
