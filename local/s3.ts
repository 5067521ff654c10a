import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { LOCAL_S3_CREDENTIALS } from '../functions/lib/storage/s3';
import { canonicalPath, checkSignature, payloadMatches, s3PathSegments, type S3Refusal } from './s3-sigv4';

/**
 * DEV ONLY. The local S3: s3rver (an S3-compatible server from npm; objects in files under the data
 * directory) behind a small gateway that refuses what S3 refuses and s3rver does not, so that a
 * test passing here means the same against S3:
 * - a browser-based POST upload must satisfy its signed policy (signature, expiry, exact fields,
 *   starts-with, content-length-range; checkPostPolicy), whatever the case of its Content-Type;
 * - every other request must carry a valid Signature Version 4, in the Authorization header or
 *   presigned in the query (s3-sigv4.ts): S3 serves nothing to anonymous callers of this bucket;
 * - paths are decoded before they are checked and forwarded in the one form that was checked;
 *   `.`/`..` segments and encoded slashes, which S3 keeps literally in a key and s3rver's files
 *   cannot, are refused;
 * - CORS answers only the local app's origins (the H5 build; the real bucket needs no CORS).
 * Refusals are S3's XML errors with S3's status codes.
 */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

const MAX_POST_BYTES = 12 * 1024 * 1024;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const CORS_METHODS = ['GET', 'HEAD', 'POST'];
/**
 * The bucket's CORS rule. The real bucket has none: the mini-program's uploads and downloads are not
 * a browser's. The local H5 build is one, served from another origin than this gateway, so the
 * local bucket allows exactly that app's origins (s3rver applies the rule to responses).
 */
const corsConfig = (origins: string[]) =>
  `<CORSConfiguration><CORSRule>${origins.map((o) => `<AllowedOrigin>${escapeXml(o)}</AllowedOrigin>`).join('')}${CORS_METHODS.map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join('')}<AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

/** `allowedOrigins`: the origins the local app is served from (CORS). */
export async function startLocalS3(options: { directory: string; bucket: string; allowedOrigins: string[]; port?: number }): Promise<LocalS3> {
  mkdirSync(options.directory, { recursive: true });
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: options.directory, configureBuckets: [{ name: options.bucket, configs: [corsConfig(options.allowedOrigins)] }] });
  const inner = await s3rver.run();
  const gatewayOptions: GatewayOptions = { port: inner.port, bucket: options.bucket, origins: new Set(options.allowedOrigins) };

  const gateway = createServer((req, res) => {
    handle(req, res, gatewayOptions).catch((err: Error) => {
      if (!res.headersSent) s3Error(req, res, gatewayOptions, { status: 500, code: 'InternalError', message: err.message });
    });
  });
  await new Promise<void>((r, reject) => {
    gateway.once('error', reject);
    gateway.listen(options.port ?? 0, '127.0.0.1', () => r());
  });
  const { port } = gateway.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: options.bucket,
    async stop() {
      gateway.closeAllConnections();
      await new Promise<void>((r) => (gateway as Server).close(() => r()));
      await s3rver.close();
    },
  };
}

interface GatewayOptions {
  /** s3rver's port. */
  port: number;
  bucket: string;
  origins: Set<string>;
}

function s3Error(req: IncomingMessage, res: ServerResponse, options: GatewayOptions, refusal: S3Refusal) {
  const origin = req.headers.origin;
  const cors = origin && options.origins.has(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
  res.writeHead(refusal.status, { 'content-type': 'application/xml', ...cors });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${escapeXml(refusal.message)}</Message></Error>`);
}

function readAll(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_POST_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Sends the request on to s3rver at `path` (the form the gateway checked), with `body` or the rest of the stream. */
function forward(req: IncomingMessage, res: ServerResponse, options: GatewayOptions, path: string, body?: Buffer) {
  const upstream = request({ host: '127.0.0.1', port: options.port, method: req.method, path, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', (err) => s3Error(req, res, options, { status: 502, code: 'BadGateway', message: err.message }));
  if (body) upstream.end(body);
  else req.pipe(upstream);
}

/**
 * A CORS preflight carries no credentials; S3 answers it from the bucket's CORS rule, naming the
 * origin it allows (s3rver would answer `*`), or refuses it with 403.
 */
function preflight(req: IncomingMessage, res: ServerResponse, options: GatewayOptions) {
  const origin = req.headers.origin ?? '';
  const method = String(req.headers['access-control-request-method'] ?? '');
  if (!options.origins.has(origin) || !CORS_METHODS.includes(method)) {
    return s3Error(req, res, options, { status: 403, code: 'AccessForbidden', message: 'CORSResponse: This CORS request is not allowed.' });
  }
  req.resume();
  res.writeHead(200, {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': CORS_METHODS.join(', '),
    ...(req.headers['access-control-request-headers'] ? { 'access-control-allow-headers': String(req.headers['access-control-request-headers']) } : {}),
    'access-control-max-age': '3000',
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  });
  res.end();
}

/** A browser-based upload: a POST whose media type (case-insensitive, RFC 9110) is multipart/form-data. */
const isFormPost = (req: IncomingMessage) => req.method === 'POST' && /^\s*multipart\/form-data\s*(;|$)/i.test(req.headers['content-type'] ?? '');

async function handle(req: IncomingMessage, res: ServerResponse, options: GatewayOptions) {
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  const segments = s3PathSegments(rawPath);
  if (!Array.isArray(segments)) return s3Error(req, res, options, segments);
  if (segments[1] && segments[1] !== options.bucket) return s3Error(req, res, options, { status: 404, code: 'NoSuchBucket', message: 'The specified bucket does not exist' });
  const path = canonicalPath(segments) + (q < 0 ? '' : `?${rawQuery}`);
  if (req.method === 'OPTIONS') return preflight(req, res, options);

  if (isFormPost(req)) {
    // A form upload goes to the bucket itself; its key is a field the policy names.
    if (segments.length > 3 || (segments.length === 3 && segments[2] !== '') || segments[1] !== options.bucket) {
      return s3Error(req, res, options, { status: 405, code: 'MethodNotAllowed', message: 'The specified method is not allowed against this resource.' });
    }
    const body = await readAll(req);
    if (!body) return s3Error(req, res, options, { status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size' });
    let form: FormData;
    try {
      form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': req.headers['content-type']! }, body: new Uint8Array(body) }).formData();
    } catch {
      return s3Error(req, res, options, { status: 400, code: 'MalformedPOSTRequest', message: 'The body of your POST request is not well-formed multipart/form-data.' });
    }
    const verdict = checkPostPolicy(form, new Date());
    if (verdict) return s3Error(req, res, options, { status: 403, code: 'AccessDenied', message: verdict });
    return forward(req, res, options, `/${options.bucket}`, body);
  }

  const checked = await checkSignature({ method: req.method ?? 'GET', host: req.headers.host ?? '', segments, rawQuery, headers: req.headers }, new Date());
  if (checked.refusal) return s3Error(req, res, options, checked.refusal);
  if (checked.payloadHash && /^[0-9a-f]{64}$/.test(checked.payloadHash)) {
    const body = await readAll(req);
    if (!body) return s3Error(req, res, options, { status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size' });
    if (!payloadMatches(checked.payloadHash, body)) {
      return s3Error(req, res, options, { status: 400, code: 'XAmzContentSHA256Mismatch', message: "The provided 'x-amz-content-sha256' header does not match what was computed." });
    }
    return forward(req, res, options, path, body);
  }
  forward(req, res, options, path);
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** Why S3 would refuse this POST, or undefined if its policy allows it. */
export function checkPostPolicy(form: FormData, now: Date): string | undefined {
  const fields = new Map<string, string>();
  let file: File | undefined;
  for (const [name, value] of form.entries()) {
    if (name.toLowerCase() === 'file') file = value as File;
    else fields.set(name.toLowerCase(), String(value));
  }
  const policyB64 = fields.get('policy');
  const credential = fields.get('x-amz-credential');
  const signature = fields.get('x-amz-signature');
  if (!policyB64 || !credential || !signature || fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') return 'Invalid according to Policy: missing policy or signature';
  if (!file) return 'POST requires exactly one file upload per request.';
  const [accessKey, date, region, service] = credential.split('/');
  if (accessKey !== LOCAL_S3_CREDENTIALS.accessKeyId) return 'The AWS Access Key Id you provided does not exist in our records.';
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${LOCAL_S3_CREDENTIALS.secretAccessKey}`, date), region), service), 'aws4_request');
  const expected = hmac(signingKey, policyB64).toString('hex');
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return 'The request signature we calculated does not match the signature you provided.';

  const policy = JSON.parse(Buffer.from(policyB64, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
  if (new Date(policy.expiration).getTime() < now.getTime()) return 'Invalid according to Policy: Policy expired.';
  const covered = new Set(['policy', 'x-amz-signature', 'file']);
  for (const c of policy.conditions) {
    if (Array.isArray(c)) {
      const [op, a, b] = c as [string, unknown, unknown];
      if (op === 'content-length-range') {
        if (file.size < Number(a) || file.size > Number(b)) return `Invalid according to Policy: Policy Condition failed: ["content-length-range", ${a}, ${b}]`;
        continue;
      }
      const name = String(a).replace(/^\$/, '').toLowerCase();
      covered.add(name);
      const value = fields.get(name) ?? '';
      if (op === 'eq' && value !== b) return `Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${String(b)}"]`;
      if (op === 'starts-with' && !value.startsWith(String(b))) return `Invalid according to Policy: Policy Condition failed: ["starts-with", "$${name}", "${String(b)}"]`;
    } else {
      for (const [k, v] of Object.entries(c as Record<string, string>)) {
        const name = k.toLowerCase();
        covered.add(name);
        // The bucket is named by the URL, not a form field.
        if (name === 'bucket') continue;
        if (fields.get(name) !== v) return `Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${v}"]`;
      }
    }
  }
  for (const name of fields.keys()) {
    if (!covered.has(name) && !name.startsWith('x-ignore-')) return `Invalid according to Policy: Extra input fields: ${name}`;
  }
  return undefined;
}
