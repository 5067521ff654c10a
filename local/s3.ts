import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { LOCAL_S3_CREDENTIALS } from '../functions/lib/storage/s3';

/**
 * DEV ONLY. The local S3: s3rver (an S3-compatible server from npm; objects in files under the data
 * directory) behind a small gateway that does the one thing s3rver does not: enforce the policy of
 * a browser-based POST upload. s3rver stores whatever a POST sends; real S3 refuses a file whose
 * size or Content-Type the signed policy does not allow, or a policy whose signature or expiry is
 * wrong. The gateway verifies the SigV4 signature of the policy with the local credentials and
 * every condition (exact fields, starts-with, content-length-range), answering 403 AccessDenied
 * like S3, and forwards everything else to s3rver untouched.
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

const cors = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

export async function startLocalS3(options: { directory: string; bucket: string; port?: number }): Promise<LocalS3> {
  mkdirSync(options.directory, { recursive: true });
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: options.directory, configureBuckets: [{ name: options.bucket, configs: [cors] }] });
  const inner = await s3rver.run();

  const gateway = createServer((req, res) => {
    handle(req, res, inner.port, options.bucket).catch((err: Error) => {
      if (!res.headersSent) s3Error(res, 500, 'InternalError', err.message);
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

function s3Error(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replace(/[<&>]/g, '')}</Message></Error>`);
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

function forward(req: IncomingMessage, res: ServerResponse, port: number, body?: Buffer) {
  const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', (err) => s3Error(res, 502, 'BadGateway', err.message));
  if (body) upstream.end(body);
  else req.pipe(upstream);
}

async function handle(req: IncomingMessage, res: ServerResponse, port: number, bucket: string) {
  const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '');
  const isFormPost = req.method === 'POST' && path === `/${bucket}` && (req.headers['content-type'] ?? '').startsWith('multipart/form-data');
  if (!isFormPost) return forward(req, res, port);
  const body = await readAll(req);
  if (!body) return s3Error(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
  const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': req.headers['content-type']! }, body: new Uint8Array(body) }).formData();
  const verdict = checkPostPolicy(form, new Date());
  if (verdict) return s3Error(res, 403, 'AccessDenied', verdict);
  forward(req, res, port, body);
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
