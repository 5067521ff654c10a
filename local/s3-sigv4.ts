import { Sha256 } from '@smithy/core/checksum';
import { escapeUri, HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LOCAL_S3_CREDENTIALS } from '../functions/lib/storage/s3';

/**
 * DEV ONLY. What S3 checks of a request's Signature Version 4 before it does anything, for the local
 * S3 gateway (local/s3.ts): a signature in the Authorization header or a presigned query, by the
 * local credentials, not expired, not too far from the clock, over the payload it declares. The
 * expected signature is computed by the SDK's own signer (@smithy/signature-v4) from the request
 * as received, so what passes here is what the SDK signs and S3 accepts.
 */
export interface S3Refusal {
  status: number;
  code: string;
  message: string;
}

const refuse = (status: number, code: string, message: string): S3Refusal => ({ status, code, message });
const accessDenied = refuse(403, 'AccessDenied', 'Access Denied');
const mismatch = refuse(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
const unknownKey = refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
/** S3 refuses a signed request more than 15 minutes away from its clock. */
const MAX_SKEW_MS = 15 * 60_000;
const MAX_PRESIGNED_S = 7 * 24 * 3600;

const signer = new SignatureV4({ credentials: LOCAL_S3_CREDENTIALS, region: 'cn-north-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });

/**
 * A path as S3 takes it, split into decoded segments; or why it is refused. S3 takes `.`, `..` and
 * an encoded slash in a key literally, where s3rver (files on disk) would resolve or split them: the
 * gateway refuses those rather than store something other than what S3 would.
 */
export function s3PathSegments(rawPath: string): string[] | S3Refusal {
  if (/%2f|%5c/i.test(rawPath) || rawPath.includes('\\')) return refuse(400, 'InvalidURI', 'The local S3 refuses an encoded slash in a key (S3 would keep it as part of the key).');
  let segments: string[];
  try {
    segments = rawPath.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return refuse(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
  if (segments.some((s) => s === '.' || s === '..')) return refuse(400, 'InvalidURI', 'The local S3 refuses . and .. segments in a key (S3 would keep them as part of the key).');
  return segments;
}

/** The path as S3 canonicalises it for the signature (and as the gateway forwards it). */
export const canonicalPath = (segments: string[]) => segments.map((s) => escapeUri(s)).join('/');

function parseQuery(raw: string): Record<string, string | string[]> | undefined {
  const query: Record<string, string | string[]> = {};
  try {
    for (const part of raw.split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
      const prior = query[key];
      query[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
    }
  } catch {
    return undefined;
  }
  return query;
}

/** `20261207T044100Z` as a Date, or undefined. */
function amzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function signedHeaders(names: string[], headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = headers[name];
    if (v !== undefined) out[name] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

/** Credential scope `<key>/<yyyymmdd>/<region>/<service>/aws4_request`, checked against the date. */
function scopeOf(credential: string, date: Date): { region: string; service: string } | S3Refusal {
  const [accessKey, day, region, service, terminator] = credential.split('/');
  if (accessKey !== LOCAL_S3_CREDENTIALS.accessKeyId) return unknownKey;
  if (!region || !service || terminator !== 'aws4_request' || day !== date.toISOString().slice(0, 10).replace(/-/g, '')) {
    return refuse(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed; the Credential is mal-formed.');
  }
  return { region, service };
}

export interface SignedRequest {
  method: string;
  host: string;
  segments: string[];
  rawQuery: string;
  headers: IncomingHttpHeaders;
}

/**
 * Why S3 would refuse this request's signature, or undefined if it is good. `payloadHash` is what
 * the header-signed request declares (x-amz-content-sha256), to be checked against the body.
 */
export async function checkSignature(req: SignedRequest, now: Date): Promise<{ refusal?: S3Refusal; payloadHash?: string }> {
  const query = parseQuery(req.rawQuery);
  if (!query) return { refusal: refuse(400, 'InvalidURI', "Couldn't parse the specified URI.") };
  const auth = req.headers.authorization;
  if (typeof query['X-Amz-Signature'] === 'string') return { refusal: await checkPresigned(req, query, now) };
  if (!auth) return { refusal: accessDenied };

  const m = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { refusal: refuse(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.') };
  const [, credential, headerList, signature] = m as unknown as [string, string, string, string];
  const date = amzDate(req.headers['x-amz-date'] as string | undefined);
  if (!date) return { refusal: refuse(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header') };
  if (Math.abs(now.getTime() - date.getTime()) > MAX_SKEW_MS) return { refusal: refuse(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.') };
  const scope = scopeOf(credential, date);
  if ('status' in scope) return { refusal: scope };
  const payloadHash = req.headers['x-amz-content-sha256'];
  if (typeof payloadHash !== 'string') return { refusal: refuse(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256') };
  if (!/^[0-9a-f]{64}$/.test(payloadHash) && payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER') {
    return { refusal: refuse(501, 'NotImplemented', `The local S3 does not verify ${payloadHash} payloads.`) };
  }
  const names = headerList.split(';');
  if (!names.includes('host')) return { refusal: refuse(400, 'AuthorizationHeaderMalformed', 'The host header must be signed.') };
  const request = new HttpRequest({ method: req.method, hostname: req.host, path: canonicalPath(req.segments), query, headers: signedHeaders(names, req.headers) });
  request.headers['x-amz-content-sha256'] = payloadHash;
  const signed = await signer.sign(request, { signingDate: date, signingRegion: scope.region, signingService: scope.service, signableHeaders: new Set(names) });
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization))?.[1] ?? '';
  return sameHex(expected, signature) ? { payloadHash } : { refusal: mismatch };
}

async function checkPresigned(req: SignedRequest, query: Record<string, string | string[]>, now: Date): Promise<S3Refusal | undefined> {
  const param = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  if (param('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return refuse(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const date = amzDate(param('X-Amz-Date'));
  const expires = Number(param('X-Amz-Expires'));
  const names = (param('X-Amz-SignedHeaders') ?? '').split(';');
  if (!date || !Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_S || !names.includes('host')) {
    return refuse(400, 'AuthorizationQueryParametersError', 'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.');
  }
  if (now.getTime() > date.getTime() + expires * 1000) return refuse(403, 'AccessDenied', 'Request has expired');
  if (date.getTime() - now.getTime() > MAX_SKEW_MS) return refuse(403, 'AccessDenied', 'Request is not valid yet');
  const scope = scopeOf(param('X-Amz-Credential') ?? '', date);
  if ('status' in scope) return scope;
  const rest = { ...query };
  delete rest['X-Amz-Signature'];
  // A presigned request's payload is always unsigned; the header only tells the signer so.
  const request = new HttpRequest({ method: req.method, hostname: req.host, path: canonicalPath(req.segments), query: rest, headers: { ...signedHeaders(names, req.headers), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
  const unsigned = new Set(['x-amz-content-sha256']);
  const presigned = await signer.presign(request, {
    signingDate: date,
    expiresIn: expires,
    signingRegion: scope.region,
    signingService: scope.service,
    signableHeaders: new Set(names),
    unsignableHeaders: unsigned,
    unhoistableHeaders: new Set([...names, ...unsigned]),
  });
  return sameHex(String(presigned.query?.['X-Amz-Signature'] ?? ''), String(query['X-Amz-Signature'])) ? undefined : mismatch;
}

/** Whether `body` is what the signed x-amz-content-sha256 declared (S3: XAmzContentSHA256Mismatch). */
export function payloadMatches(payloadHash: string, body: Buffer): boolean {
  if (!/^[0-9a-f]{64}$/.test(payloadHash)) return true;
  return createHash('sha256').update(body).digest('hex') === payloadHash;
}
