import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/keys';
import { outboxPut, type OutboxEntry, type OutboxItem } from '../../functions/lib/notify/outbox';
import { call, tokenFor } from '../support/api';
import { expectIdempotent } from './idempotency-support';
import { expectApiError, getItem } from './support-table';

/**
 * Subscription counting and outbox delivery through the local sender loop and the WeChat
 * stand-in. Owns PERSON#p_m0016 / PERSON#p_m0017 (subscriptions) and the OUTBOX# items it writes
 * (ids `t-notify-…`). Outbox items are written straight into the table here, as a feature's
 * transaction writes them (outboxPut); what is under test is everything after that.
 */
const A = 'p_m0016';
const B = 'p_m0017';
const openid = (p: string) => `demo-openid-${p}`;

let seq = 0;
const uid = () => `t-notify-${Date.now().toString(36)}-${++seq}`;

async function writeOutbox(entry: Partial<OutboxEntry> & { recipientId: string }): Promise<string> {
  const id = uid();
  await db().send(
    new TransactWriteCommand({
      TransactItems: [outboxPut({ template: 'message.new', data: { sender: '测试', preview: '您好', time: '10:00' }, page: 'pages/index/index', dedupeKey: id, ...entry }, new Date())],
    }),
  );
  return id;
}

async function waitFor<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const outbox = (id: string) => getItem(keys.outbox(id)) as Promise<OutboxItem | undefined>;
const settled = (id: string) => waitFor(`outbox ${id} to settle`, () => outbox(id), (i) => Boolean(i && i.status !== 'pending'));
const remaining = async (p: string) => Number((await getItem(keys.subscription(p, 'message.new')))?.remaining ?? 0);
const sentTo = async (p: string) => ((await call('GET', '/__dev/outbox.json')).body.sent as Array<{ touser: string; data: Record<string, { value: string }> }>).filter((s) => s.touser === openid(p));

describe('subscriptions', () => {
  test('start at zero for every template, and each acceptance adds one', async () => {
    const token = await tokenFor(B);
    const before = await call('GET', '/me/subscriptions', { token });
    expect(before.status).toBe(200);
    expect(Object.values(before.body.remaining).every((n) => typeof n === 'number')).toBe(true);
    const base = before.body.remaining['consultation.reply'];
    const res = await call('POST', '/me/subscriptions', { token, body: { accepted: ['consultation.reply', 'booking.confirmed'] } });
    expect(res.status).toBe(200);
    expect(res.body.remaining['consultation.reply']).toBe(base + 1);
    expect(before.ddbRequests).toBe(1);
  });

  test('a retried grant with the same Idempotency-Key counts once: replayed, and 409 for other templates', async () => {
    const token = await tokenFor(B);
    const base = (await call('GET', '/me/subscriptions', { token })).body.remaining['followup.due'];
    const grant = (accepted: string[]) => (key: string) => call('POST', '/me/subscriptions', { token, body: { accepted }, headers: { 'idempotency-key': key } });
    const first = await expectIdempotent({ route: 'me.grantSubscriptions', send: grant(['followup.due']), other: grant(['followup.due', 'message.new']) });
    expect(first.body.remaining['followup.due']).toBe(base + 1);
    expect((await call('GET', '/me/subscriptions', { token })).body.remaining['followup.due']).toBe(base + 1);
  });

  test('an unknown template is refused', async () => {
    const res = await call('POST', '/me/subscriptions', { token: await tokenFor(B), body: { accepted: ['not.a.template'] } });
    expectApiError(res, 400, 'invalid_request');
  });
});

describe('outbox delivery', () => {
  // One test at a time: they share A's subscription count.
  test('a pending item is sent and uses up one subscription', async () => {
    await call('POST', '/me/subscriptions', { token: await tokenFor(A), body: { accepted: ['message.new'] } });
    const before = await remaining(A);
    const sentBefore = (await sentTo(A)).length;
    const id = await writeOutbox({ recipientId: A, data: { sender: '王桂兰', preview: '明天上午来看您', time: '10:00' } });
    const item = await settled(id);
    expect(item).toMatchObject({ status: 'sent', attempts: 1 });
    expect(item?.gsi2pk).toBeUndefined();
    expect(await remaining(A)).toBe(before - 1);
    const sent = await sentTo(A);
    expect(sent.length).toBe(sentBefore + 1);
    expect(sent[sent.length - 1].data.preview.value).toBe('明天上午来看您');
  });

  test('without a remaining subscription the item is skipped, not sent', async () => {
    while ((await remaining(A)) > 0) {
      const drain = await writeOutbox({ recipientId: A });
      await settled(drain);
    }
    const sentBefore = (await sentTo(A)).length;
    const id = await writeOutbox({ recipientId: A });
    expect(await settled(id)).toMatchObject({ status: 'skipped', lastError: 'no remaining subscription' });
    expect((await sentTo(A)).length).toBe(sentBefore);
  });

  test('a failed send is retried with backoff and then delivered; the subscription is used once', async () => {
    await call('POST', '/me/subscriptions', { token: await tokenFor(A), body: { accepted: ['message.new'] } });
    expect(await remaining(A)).toBe(1);
    await call('POST', '/__dev/wechat/fail-next', { body: { count: 1, touser: openid(A) } });
    const id = await writeOutbox({ recipientId: A });
    const retrying = await waitFor('first attempt to fail', () => outbox(id), (i) => i?.attempts === 1 && Boolean(i.lastError));
    expect(retrying?.status).toBe('pending');
    // Given back while waiting to retry: WeChat did not use it.
    expect(await remaining(A)).toBe(1);
    const nextAt = new Date(retrying!.nextAttemptAt).getTime();
    const item = await settled(id);
    expect(item).toMatchObject({ status: 'sent', attempts: 2 });
    expect(new Date(item!.sentAt!).getTime()).toBeGreaterThanOrEqual(nextAt - 1000);
    expect(await remaining(A)).toBe(0);
  });

  test('a fault retrying cannot fix ends as failed, and the subscription is given back', async () => {
    await call('POST', '/me/subscriptions', { token: await tokenFor(A), body: { accepted: ['message.new'] } });
    const before = await remaining(A);
    await call('POST', '/__dev/wechat/fail-next', { body: { count: 1, touser: openid(A), errcode: 40003 } });
    const id = await writeOutbox({ recipientId: A });
    expect(await settled(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await remaining(A)).toBe(before);
  });

  test('a scheduled item waits for its time', async () => {
    const id = await writeOutbox({ recipientId: A, notBefore: new Date(Date.now() + 3000) });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await outbox(id))?.status).toBe('pending');
    expect((await settled(id))?.status).not.toBe('pending');
  });

  test('the local outbox page lists items by status', async () => {
    const res = await fetch(`${process.env.LIANXIN_API_URL}/__dev/outbox`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('已发送');
    expect(html).toContain(A);
  });
});
