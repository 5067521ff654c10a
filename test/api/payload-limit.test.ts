import { apiUrl, call } from '../support/api';

/**
 * The local server, like API Gateway, answers an oversize request body with 413 and a message the
 * app can show, rather than dropping the connection (which the app would report as a network error).
 * The limit is the local server's (2 MB, under API Gateway's 10 MB).
 */
const LIMIT = 2 * 1024 * 1024;

test('a body over the limit with its length declared gets 413', async () => {
  const res = await call('POST', '/auth/wechat', { rawBody: `{"code":"${'x'.repeat(LIMIT + 10)}"}` });
  expect(res.status).toBe(413);
  expect(res.body).toEqual({ message: 'Request Entity Too Large' });
});

test('a streamed (chunked) body that grows over the limit gets 413', async () => {
  const chunk = new Uint8Array(256 * 1024).fill(0x61);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent > LIMIT * 2) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const res = await fetch(`${apiUrl()}/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
  expect(res.status).toBe(413);
  expect(await res.json()).toEqual({ message: 'Request Entity Too Large' });
});

test('a body just under the limit is still read and reaches the route', async () => {
  const res = await call('POST', '/auth/wechat', { rawBody: `{"code":"${'x'.repeat(LIMIT - 100)}"}` });
  expect(res.status).toBe(400);
});
