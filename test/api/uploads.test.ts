import { uploadLimits } from '../../domain';
import { call, tokenFor } from '../support/api';
import { expectApiError } from './support-table';

/**
 * Presigned uploads to the local S3 (s3rver behind a gateway that enforces POST policies as S3
 * does). Family f_0010 (河湾村) and its village cadre p_cadre04; writes only objects in S3.
 */
const family = 'f_0010';
const member = 'p_m0016';
const cadre = 'p_cadre04';
const path = (staffId: string, familyId = family) => `/families/${familyId}/conversations/${staffId}/uploads`;

const jpeg = (bytes: number): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(bytes);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
};

async function post(ticket: { url: string; fields: Record<string, string> }, file: Uint8Array<ArrayBuffer>, override: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...ticket.fields, ...override })) form.append(k, v);
  form.append('file', new Blob([file]), 'upload.bin');
  return fetch(ticket.url, { method: 'POST', body: form });
}

test('a member gets a ticket bound to the conversation and uploads a photo with it', async () => {
  const res = await call('POST', path(cadre), { token: await tokenFor(member), body: { kind: 'image', contentType: 'image/jpeg', size: 2048 } });
  expect(res.status).toBe(201);
  expect(res.body.key).toMatch(new RegExp(`^conv/${family}/${cadre}/${member}/[0-9a-f-]+\\.jpg$`));
  expect(res.body.maxBytes).toBe(uploadLimits.image.maxBytes);
  expect((await post(res.body, jpeg(2048))).status).toBe(204);
});

test('the policy refuses another content type, an oversize file and a changed key', async () => {
  const token = await tokenFor(cadre);
  const ticket = (await call('POST', path(cadre), { token, body: { kind: 'image', contentType: 'image/png', size: 1000 } })).body;
  expect((await post(ticket, jpeg(100), { 'Content-Type': 'image/gif' })).status).toBe(403);
  expect((await post(ticket, jpeg(100), { key: ticket.key.replace(family, 'f_0011') })).status).toBe(403);
  const big = await post(ticket, jpeg(uploadLimits.image.maxBytes + 1));
  expect(big.status).toBe(403);
  expect(await big.text()).toContain('content-length-range');
  expect((await post(ticket, new Uint8Array(0))).status).toBe(403);
});

test('a voice clip declares its duration, which the policy pins', async () => {
  const ticket = (await call('POST', path(cadre), { token: await tokenFor(member), body: { kind: 'voice', contentType: 'audio/mpeg', size: 5000, durationMs: 12_000 } })).body;
  expect(ticket.fields['x-amz-meta-duration-ms']).toBe('12000');
  expect((await post(ticket, new Uint8Array(5000), { 'x-amz-meta-duration-ms': '5000' })).status).toBe(403);
  expect((await post(ticket, new Uint8Array(5000))).status).toBe(204);
});

test.each([
  ['a GIF', { kind: 'image', contentType: 'image/gif', size: 10 }],
  ['an image over 10 MB', { kind: 'image', contentType: 'image/jpeg', size: uploadLimits.image.maxBytes + 1 }],
  ['voice over 60 s', { kind: 'voice', contentType: 'audio/mpeg', size: 10, durationMs: 60_001 }],
  ['voice without a duration', { kind: 'voice', contentType: 'audio/aac', size: 10 }],
  ['an image type for voice', { kind: 'voice', contentType: 'image/jpeg', size: 10, durationMs: 1000 }],
])('refuses %s', async (_label, body) => {
  const res = await call('POST', path(cadre), { token: await tokenFor(member), body });
  expectApiError(res, 400, 'invalid_request');
  expect(res.ddbRequests).toBe(0);
});

test('only the two sides of a current conversation get a ticket', async () => {
  // A member asking for a conversation with the family's doctor (consultations are for that),
  // or with someone who is not the family's contact.
  expectApiError(await call('POST', path('p_doc03'), { token: await tokenFor(member), body: { kind: 'image', contentType: 'image/jpeg', size: 10 } }), 403, 'forbidden');
  expectApiError(await call('POST', path('p_cadre01'), { token: await tokenFor(member), body: { kind: 'image', contentType: 'image/jpeg', size: 10 } }), 403, 'forbidden');
  // The township leader serves the family but is not in the cadre's conversation.
  expectApiError(await call('POST', path(cadre), { token: await tokenFor('p_lead02'), body: { kind: 'image', contentType: 'image/jpeg', size: 10 } }), 403, 'forbidden');
  // Another family's member.
  expectApiError(await call('POST', path(cadre), { token: await tokenFor('p_m0018'), body: { kind: 'image', contentType: 'image/jpeg', size: 10 } }), 403, 'forbidden');
});
