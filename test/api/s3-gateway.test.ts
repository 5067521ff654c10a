import { GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { request } from 'node:http';
import { LOCAL_S3_CREDENTIALS } from '../../functions/lib/storage/s3';
import { apiUrl, call, tokenFor } from '../support/api';

/**
 * The local S3 gateway refuses what S3 refuses, so a test that passes against it means the same
 * against S3: every refusal below is one S3 makes (or, for `..` and encoded slashes, one the gateway
 * makes rather than store something else than S3 would), and the SDK's own requests still pass.
 */
const endpoint = () => process.env.S3_ENDPOINT!;
const bucket = () => process.env.UPLOADS_BUCKET!;
const client = (credentials: { accessKeyId: string; secretAccessKey: string } = LOCAL_S3_CREDENTIALS) => new S3Client({ endpoint: endpoint(), forcePathStyle: true, region: 'cn-north-1', credentials });
const key = 'gateway-test/p_test/photo.jpg';
const objectUrl = (k = key) => `${endpoint()}/${bucket()}/${k}`;
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

async function errorCode(res: Response): Promise<string> {
  return /<Code>([^<]+)<\/Code>/.exec(await res.text())?.[1] ?? '';
}

/** A raw request, with the path exactly as written (fetch would normalise `..`). */
function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(endpoint());
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  await client().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: jpeg, ContentType: 'image/jpeg' }));
});

describe("the SDK's requests pass", () => {
  test('HeadObject, GetObject with a range, tagging, listing', async () => {
    const s3 = client();
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }))).ContentLength).toBe(jpeg.length);
    const part = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key, Range: 'bytes=0-1' }));
    expect([...(await part.Body!.transformToByteArray())]).toEqual([0xff, 0xd8]);
    await s3.send(new PutObjectTaggingCommand({ Bucket: bucket(), Key: key, Tagging: { TagSet: [{ Key: 'attached', Value: 'yes' }] } }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket(), Key: key }))).TagSet).toEqual([{ Key: 'attached', Value: 'yes' }]);
    const list = await s3.send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: 'gateway-test/' }));
    expect(list.Contents?.map((c) => c.Key)).toContain(key);
  });

  test('a presigned GET, as readers fetch photos, also for a key with spaces and Chinese', async () => {
    const odd = 'gateway-test/p_test/照片 1+2.jpg';
    await client().send(new PutObjectCommand({ Bucket: bucket(), Key: odd, Body: jpeg, ContentType: 'image/jpeg' }));
    for (const k of [key, odd]) {
      const res = await fetch(await getSignedUrl(client(), new GetObjectCommand({ Bucket: bucket(), Key: k }), { expiresIn: 600 }));
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(jpeg);
    }
  });
});

describe('requests without a valid signature are refused', () => {
  test('an unsigned PUT', async () => {
    const res = await fetch(objectUrl('gateway-test/anonymous.jpg'), { method: 'PUT', body: jpeg, headers: { 'content-type': 'image/jpeg' } });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('AccessDenied');
  });

  test('an unsigned GET', async () => {
    const res = await fetch(objectUrl());
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('AccessDenied');
  });

  test('an unsigned listing', async () => {
    const res = await fetch(`${endpoint()}/${bucket()}?list-type=2&prefix=gateway-test/`);
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('AccessDenied');
  });

  test('a presigned GET used for another key', async () => {
    const url = new URL(await getSignedUrl(client(), new GetObjectCommand({ Bucket: bucket(), Key: key }), { expiresIn: 600 }));
    url.pathname = url.pathname.replace('photo.jpg', 'other.jpg');
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('SignatureDoesNotMatch');
  });

  test('an expired presigned GET', async () => {
    const signingDate = new Date(Date.now() - 20 * 60_000);
    const res = await fetch(await getSignedUrl(client(), new GetObjectCommand({ Bucket: bucket(), Key: key }), { expiresIn: 600, signingDate }));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
  });

  test('a request signed with a key the store does not have', async () => {
    await expect(client({ accessKeyId: 'S3RVER', secretAccessKey: 'not-the-secret' }).send(new HeadObjectCommand({ Bucket: bucket(), Key: key }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
  });

  test('a signed PUT whose body is not the one it declared', async () => {
    const s3 = client();
    s3.middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as { body: unknown };
        req.body = Buffer.from('something else');
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'swapBody' },
    );
    await expect(s3.send(new PutObjectCommand({ Bucket: bucket(), Key: 'gateway-test/swapped.txt', Body: 'declared body', ContentType: 'text/plain' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('paths are checked as S3 reads them', () => {
  test('. and .. segments and encoded slashes are refused, even signed', async () => {
    for (const k of ['gateway-test/p_test/../../escape.jpg', 'gateway-test/./photo.jpg']) {
      const url = new URL(await getSignedUrl(client(), new GetObjectCommand({ Bucket: bucket(), Key: k }), { expiresIn: 600 }));
      const res = await raw('GET', `/${bucket()}/${k.split('/').map(encodeURIComponent).join('/')}${url.search}`);
      expect(res.status).toBe(400);
      expect(res.body).toContain('<Code>InvalidURI</Code>');
    }
    for (const path of [`/${bucket()}/gateway-test%2Fp_test%2Fphoto.jpg`, `/${bucket()}/gateway-test/%2e%2e/x.jpg`]) {
      expect((await raw('GET', path)).status).toBe(400);
    }
  });
});

describe('a form upload is held to its policy however its request is written', () => {
  async function ticket() {
    const res = await call('POST', '/families/f_0010/conversations/p_cadre04/uploads', { token: await tokenFor('p_m0016'), body: { kind: 'image', contentType: 'image/jpeg', size: jpeg.length } });
    expect(res.status).toBe(201);
    return res.body as { url: string; fields: Record<string, string>; key: string };
  }
  async function formBody(fields: Record<string, string>) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([jpeg]), 'photo.jpg');
    const req = new Request('http://x/', { method: 'POST', body: form });
    return { body: new Uint8Array(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
  }

  test('Content-Type written in capitals', async () => {
    const t = await ticket();
    const { body, contentType } = await formBody({ ...t.fields, 'Content-Type': 'image/gif' });
    const res = await fetch(t.url, { method: 'POST', body, headers: { 'Content-Type': contentType.replace('multipart/form-data', 'Multipart/Form-Data') } });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('AccessDenied');
  });

  test('the bucket percent-encoded in the path', async () => {
    const t = await ticket();
    const { body, contentType } = await formBody({ ...t.fields, key: t.key.replace('f_0010', 'f_0011') });
    const url = t.url.replace(`/${bucket()}`, `/%${bucket().charCodeAt(0).toString(16)}${bucket().slice(1)}`);
    expect(url).not.toBe(t.url);
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': contentType } });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('AccessDenied');
  });

  test('the same upload, written plainly, is stored', async () => {
    const t = await ticket();
    const { body, contentType } = await formBody(t.fields);
    expect((await fetch(t.url, { method: 'POST', body, headers: { 'content-type': contentType } })).status).toBe(204);
  });
});

describe('CORS answers only the local app', () => {
  const preflight = (origin: string) =>
    fetch(objectUrl(), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });

  test("the app's origin is allowed", async () => {
    const origin = new URL(apiUrl()).origin;
    const res = await preflight(origin);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const got = await fetch(await getSignedUrl(client(), new GetObjectCommand({ Bucket: bucket(), Key: key }), { expiresIn: 600 }), { headers: { origin } });
    expect(got.headers.get('access-control-allow-origin')).toBe(origin);
  });

  test('another origin is not, on a preflight or an error', async () => {
    const res = await preflight('http://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const denied = await fetch(objectUrl(), { headers: { origin: 'http://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const presigned = await fetch(await getSignedUrl(client(), new GetObjectCommand({ Bucket: bucket(), Key: key }), { expiresIn: 600 }), { headers: { origin: 'http://evil.example' } });
    expect(presigned.status).toBe(200);
    expect(presigned.headers.get('access-control-allow-origin')).toBeNull();
  });
});
