import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { db, tableName } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { expectApiError, getItem, operations, queryPartition } from './support-table';

/**
 * Conversations and consultations over HTTP. Owns the threads of f_0009..f_0012 and the
 * CONTACTLOG#/FOLLOWUP-ITEM# items its replies add to those families (support-table.ts).
 * f_0009 (柳林村): members p_m0014, p_m0015; cadre p_cadre03; doctor p_doc03.
 * f_0010 (河湾村): p_m0016, p_m0017; cadre p_cadre04; doctor p_doc03.
 * f_0011 (河湾村): p_m0018; cadre p_cadre04.   f_0012 (河湾村): p_m0019, p_m0020; cadre p_cadre04.
 */
const conv = (familyId: string, staffId: string) => `/families/${familyId}/conversations/${staffId}`;
const thread = (familyId: string, staffId: string) => keys.conversationThreadId(familyId, staffId);
const tk = tokenFor;
const text = (t: string) => ({ text: t });
const newId = () => `q_${randomBytes(8).toString('hex')}`;

async function messagesIn(threadId: string) {
  return (await queryPartition(keys.threadPk(threadId))).filter((i) => i.entity === 'message');
}

async function allPages(path: string, token: string) {
  const seen: any[] = [];
  let cursor: string | undefined;
  do {
    const res = await call('GET', `${path}/messages${cursor ? `?cursor=${cursor}` : ''}`, { token });
    expect(res.status).toBe(200);
    expect(res.body.messages.length).toBeLessThanOrEqual(30);
    seen.push(...res.body.messages);
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}

describe('a conversation between a family and its village cadre', () => {
  const path = conv('f_0009', 'p_cadre03');

  test('send, list, inbox, read receipts, reply, unread counts and the ledger link', async () => {
    const member = await tk('p_m0014');
    const cadre = await tk('p_cadre03');
    const first = await call('POST', `${path}/messages`, { token: member, body: text('王主任您好，<b>我家</b>暖气不热了') });
    expect(first.status).toBe(201);
    expect(first.body.message).toMatchObject({ senderId: 'p_m0014', senderSide: 'family', text: '王主任您好，<b>我家</b>暖气不热了', attachments: [] });

    // Later messages: the thread's meta (for the names the notification shows) and ONE transaction.
    const second = await call('POST', `${path}/messages`, { token: member, body: text('麻烦您有空来看看') });
    expect(second.status).toBe(201);
    expect(operations(second)).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    // The cadre's notification says which family and who wrote, within the template's 20 characters.
    const notice = await getItem(keys.outbox(`msg.${second.body.message.id}.p_cadre03`));
    expect(notice).toMatchObject({ template: 'message.new', recipientId: 'p_cadre03', data: { sender: '蒋立军家 蒋立军', preview: '麻烦您有空来看看' } });

    // The cadre's inbox: one Query; the family is waiting, with name, village and age.
    const inbox = await call('GET', '/staff/inbox', { token: cadre });
    expect(inbox.status).toBe(200);
    expect(operations(inbox)).toEqual(['QueryCommand']);
    const entry = inbox.body.items.find((i: any) => i.familyId === 'f_0009');
    expect(entry).toMatchObject({ kind: 'conversation', waiting: true, unread: 2, villageName: '柳林村', preview: '麻烦您有空来看看' });
    expect(entry.familyName).toBeTruthy();
    expect(entry.age).toBeGreaterThan(50);
    expect(inbox.body.items[0].waiting).toBe(true);

    // The cadre reads the page: the scope check (GetItem) and ONE Query.
    const page = await call('GET', `${path}/messages`, { token: cadre });
    expect(operations(page)).toEqual(['GetItemCommand', 'QueryCommand']);
    expect(page.body.messages.map((m: any) => m.text)).toEqual(['麻烦您有空来看看', '王主任您好，<b>我家</b>暖气不热了']);
    expect(page.body.thread).toMatchObject({ unread: 2, staffName: '刘秀梅' });
    expect(page.body.thread.participants.p_m0014).toBeTruthy();
    expect((await call('POST', `${path}/read`, { token: cadre, body: {} })).status).toBe(200);

    // The member sees both messages read.
    const mine = await call('GET', `${path}/messages`, { token: member });
    expect(mine.body.thread.readUpTo.staff).toBe(second.body.message.id);

    // The cadre replies: the family has one unread; the thread is answered; the ledger has the day.
    const reply = await call('POST', `${path}/messages`, { token: cadre, body: text('好的，明天上午我过去') });
    expect(reply.status).toBe(201);
    const threads = await call('GET', '/families/f_0009/threads', { token: member });
    expect(operations(threads)).toEqual(['QueryCommand']);
    // Conversations only: access-log.test.ts opens consultations in this family at the same time.
    const unreadConversations = (body: any) => body.items.filter((i: any) => i.kind === 'conversation').reduce((n: number, i: any) => n + i.unread, 0);
    expect(unreadConversations(threads.body)).toBe(1);
    expect(threads.body.unreadTotal).toBe(threads.body.items.reduce((n: number, i: any) => n + i.unread, 0));
    const after = await call('GET', '/staff/inbox', { token: cadre });
    expect(after.body.items.find((i: any) => i.familyId === 'f_0009')).toMatchObject({ waiting: false, unread: 0, preview: '好的，明天上午我过去' });
    // The cadre's own slot: access-log.test.ts has the family's doctor answer a consultation the same day.
    const log = (await queryPartition(keys.familyPk('f_0009'))).filter((i) => String(i.sk).startsWith('CONTACTLOG#ONLINE#') && String(i.sk).endsWith('#p_cadre03'));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ staffId: 'p_cadre03', channel: 'online', replies: 1, gsi1pk: 'STAFF#p_cadre03' });
    expect(log[0].gsi1sk).toMatch(/^CONTACTLOG#\d{4}-\d{2}-\d{2}#f_0009$/);

    // The other member of the family reads it: the family's count goes to zero.
    await call('POST', `${path}/read`, { token: await tk('p_m0015'), body: {} });
    expect(unreadConversations((await call('GET', '/families/f_0009/threads', { token: member })).body)).toBe(0);
    // The staff reply was announced to the family's members through the outbox.
    const outbox = await getItem(keys.outbox(`msg.${reply.body.message.id}.p_m0014`));
    expect(outbox).toMatchObject({ template: 'message.new', recipientId: 'p_m0014' });
    // Another member of the family writes: the cadre's notification names her.
    const fromSpouse = await call('POST', `${path}/messages`, { token: await tk('p_m0015'), body: text('他腿脚不方便') });
    expect((await getItem(keys.outbox(`msg.${fromSpouse.body.message.id}.p_cadre03`)))?.data.sender).toBe('蒋立军家 沈丽华');
  });

  test('a photo travels by presigned POST, is re-checked, and comes back by a short-lived URL', async () => {
    const member = await tk('p_m0014');
    const ticket = (await call('POST', `${path}/uploads`, { token: member, body: { kind: 'image', contentType: 'image/png', size: 68 } })).body;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b4944415478da63f8ff1f0003000100ffa5d5a4e20000000049454e44ae426082', 'hex');
    const form = new FormData();
    for (const [k, v] of Object.entries(ticket.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([png]), 'a.png');
    expect((await fetch(ticket.url, { method: 'POST', body: form })).status).toBe(204);
    const sent = await call('POST', `${path}/messages`, { token: member, body: { attachments: [{ key: ticket.key }] } });
    expect(sent.status).toBe(201);
    expect(sent.body.message.attachments[0]).toMatchObject({ kind: 'image', contentType: 'image/png', size: png.length });
    const got = await fetch(sent.body.message.attachments[0].url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);

    // The same key in another conversation, or a key never uploaded: 400, nothing written.
    const other = conv('f_0009', 'p_lead02');
    const before = (await messagesIn(thread('f_0009', 'p_lead02'))).length;
    const reused = await call('POST', `${other}/messages`, { token: member, body: { attachments: [{ key: ticket.key }] } });
    expectApiError(reused, 400, 'invalid_request');
    expect(reused.body.fields['body.attachments.0.key']).toBeTruthy();
    const missing = await call('POST', `${path}/messages`, { token: member, body: { attachments: [{ key: ticket.key.replace(/[0-9a-f-]+\.png$/, '00000000-0000-0000-0000-000000000000.png') }] } });
    expectApiError(missing, 400, 'invalid_request');
    expect((await messagesIn(thread('f_0009', 'p_lead02'))).length).toBe(before);
  });

  test.each([
    ['empty text', { text: '' }],
    ['only spaces', { text: '   ' }],
    ['1001 characters', { text: '好'.repeat(1001) }],
    ['no text and no attachment', {}],
    ['ten photos', { attachments: Array.from({ length: 10 }, (_, i) => ({ key: `conv/f_0009/p_cadre03/p_m0014/${i}.jpg` })) }],
    ['a follow-up item in a conversation', { text: 'x', followUp: { summary: '复查', dueBy: '2026-12-01' } }],
  ])('refuses %s with 400 and writes nothing', async (_label, body) => {
    const before = (await messagesIn(thread('f_0009', 'p_cadre03'))).length;
    const res = await call('POST', `${path}/messages`, { token: await tk('p_m0014'), body });
    expectApiError(res, 400, 'invalid_request');
    expect(operations(res).filter((o) => o !== 'GetItemCommand')).toEqual([]);
    expect((await messagesIn(thread('f_0009', 'p_cadre03'))).length).toBe(before);
  });

  test('1000 characters are fine, and stored exactly as typed', async () => {
    const t = `${'一'.repeat(998)}🙂\n`;
    const res = await call('POST', `${path}/messages`, { token: await tk('p_m0015'), body: { text: t } });
    expect(res.status).toBe(201);
    expect((await getItem(keys.message(thread('f_0009', 'p_cadre03'), res.body.message.id)))?.text).toBe(t);
  });

  test('who may not read or write it', async () => {
    for (const [who, p] of [
      ['p_lead02', path], // the township leader serves the family, but it is the cadre's conversation
      ['p_m0016', path], // another family's member
      ['p_cadre04', path], // another village's cadre
      ['p_doc03', path], // the family doctor: consultations, not conversations
      ['p_comm01', path], // commission: counts only, never content
    ] as const) {
      const token = await tk(who);
      const list = await call('GET', `${p}/messages`, { token });
      expectApiError(list, 403, 'forbidden');
      expectApiError(await call('POST', `${p}/messages`, { token, body: text('x') }), 403, 'forbidden');
    }
    // A member may not open a "conversation" with someone who is not the family's contact.
    expectApiError(await call('POST', `${conv('f_0009', 'p_cadre04')}/messages`, { token: await tk('p_m0014'), body: text('x') }), 403, 'forbidden');
    expect(await messagesIn(thread('f_0009', 'p_cadre04'))).toEqual([]);
  });
});

test('a contact removed from the family loses access at once', async () => {
  const path = conv('f_0011', 'p_cadre04');
  const member = await tk('p_m0018');
  const cadre = await tk('p_cadre04');
  expect((await call('POST', `${path}/messages`, { token: member, body: text('在吗') })).status).toBe(201);
  const contactKey = keys.familyContact('f_0011', 'p_cadre04');
  const contact = await getItem(contactKey);
  // Removed (and put back straight after, so the seeded partition ends as it began).
  await db().send(new DeleteCommand({ TableName: tableName(), Key: contactKey }));
  try {
    const results = await Promise.all([
      call('GET', `${path}/messages`, { token: cadre }),
      call('POST', `${path}/messages`, { token: cadre, body: text('我还在') }),
      call('POST', `${path}/messages`, { token: member, body: text('还能发吗') }),
      call('GET', `${path}/messages`, { token: member }),
    ]);
    for (const r of results) expectApiError(r, 403, 'forbidden');
  } finally {
    await db().send(new PutCommand({ TableName: tableName(), Item: contact }));
  }
  expect((await messagesIn(thread('f_0011', 'p_cadre04'))).map((m) => m.text)).toEqual(['在吗']);
});

test('50 messages sent at once all arrive, in a stable order, and the unread count is exactly 50', async () => {
  const path = conv('f_0012', 'p_cadre04');
  const tokens = [await tk('p_m0019'), await tk('p_m0020')];
  // As the app does: each send carries its own Idempotency-Key and is retried with it if the answer
  // is lost or late (one DynamoDB Local under load can be slower than the function's time limit).
  const sendOnce = async (i: number) => {
    const headers = { 'idempotency-key': `c50-${randomBytes(6).toString('hex')}-${i}` };
    for (let attempt = 0; ; attempt++) {
      const res = await call('POST', `${path}/messages`, { token: tokens[i % 2], body: text(`第${i + 1}条`), headers });
      if (res.status < 500 || attempt === 4) return res;
    }
  };
  const sends = await Promise.all(Array.from({ length: 50 }, (_, i) => sendOnce(i)));
  expect(sends.map((s) => (s.status === 201 ? 201 : JSON.stringify(s.body)))).toEqual(Array(50).fill(201));
  expect(new Set(sends.map((s) => s.body.message.id)).size).toBe(50);
  const cadre = await tk('p_cadre04');
  const a = await allPages(path, cadre);
  const b = await allPages(path, cadre);
  expect(a).toHaveLength(50);
  expect(new Set(a.map((m) => m.text)).size).toBe(50);
  expect(a.map((m) => m.id)).toEqual(b.map((m) => m.id));
  expect([...a.map((m) => m.id)].sort().reverse()).toEqual(a.map((m) => m.id));
  const first = await call('GET', `${path}/messages`, { token: cadre });
  expect(first.body.thread.unread).toBe(50);
  expect((await call('GET', '/staff/inbox', { token: cadre })).body.items.find((i: any) => i.familyId === 'f_0012').unread).toBe(50);
});

test('pages of 30, newest first, and polling with a cursor returns only what is new', async () => {
  const path = conv('f_0010', 'p_cadre04');
  const member = await tk('p_m0016');
  for (let i = 1; i <= 65; i++) expect((await call('POST', `${path}/messages`, { token: member, body: text(`消息${i}`) })).status).toBe(201);
  const cadre = await tk('p_cadre04');
  const p1 = await call('GET', `${path}/messages`, { token: cadre });
  expect(p1.body.messages.map((m: any) => m.text).slice(0, 2)).toEqual(['消息65', '消息64']);
  const pages = [p1.body.messages.length];
  let cursor = p1.body.nextCursor;
  while (cursor) {
    const p = await call('GET', `${path}/messages?cursor=${cursor}`, { token: cadre });
    expect(operations(p).filter((o) => o === 'QueryCommand')).toHaveLength(1);
    pages.push(p.body.messages.length);
    cursor = p.body.nextCursor;
  }
  expect(pages).toEqual([30, 30, 5]);
  const newest = p1.body.messages[0].id;
  expect((await call('GET', `${path}/messages?since=${newest}`, { token: cadre })).body.messages).toEqual([]);
  await call('POST', `${path}/messages`, { token: member, body: text('新消息') });
  const poll = await call('GET', `${path}/messages?since=${newest}`, { token: cadre });
  expect(poll.body.messages.map((m: any) => m.text)).toEqual(['新消息']);
  expect(poll.body.thread.unread).toBe(66);
  expectApiError(await call('GET', `${path}/messages?since=${newest}&cursor=${newest}`, { token: cadre }), 400, 'invalid_request');
});

test('a retried send with the same Idempotency-Key stores one message', async () => {
  const path = conv('f_0010', 'p_lead02');
  const member = await tk('p_m0017');
  const headers = { 'idempotency-key': `send-${randomBytes(6).toString('hex')}` };
  const [a, b] = await Promise.all([call('POST', `${path}/messages`, { token: member, body: text('只发一次'), headers }), call('POST', `${path}/messages`, { token: member, body: text('只发一次'), headers })]);
  const c = await call('POST', `${path}/messages`, { token: member, body: text('只发一次'), headers });
  expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
  expect(new Set([a.body.message.id, b.body.message.id, c.body.message.id]).size).toBe(1);
  expect((await messagesIn(thread('f_0010', 'p_lead02'))).filter((m) => m.text === '只发一次')).toHaveLength(1);
  expectApiError(await call('POST', `${path}/messages`, { token: member, body: text('x'), headers: { 'idempotency-key': 'bad key!' } }), 400, 'invalid_request');
});

describe('consultations with the family doctor', () => {
  const base = '/families/f_0010/consultations';
  const hour = 3600_000;
  const at = (offsetMs: number) => ({ 'x-test-now': new Date(Date.now() + offsetMs).toISOString() });

  test('triage yes: urgent, with 120 and the green channel at once; overdue ones lead the queue', async () => {
    const member = await tk('p_m0016');
    const doctor = await tk('p_doc03');
    const old = newId();
    const created = await call('POST', base, { token: member, body: { consultationId: old, subject: '血压偏高', description: '这几天早上血压 160/100', urgentSymptoms: false }, headers: at(-30 * hour) });
    expect(created.status).toBe(201);
    expect(created.body.consultation).toMatchObject({ status: 'waiting', urgent: false });
    expect(created.body.consultation.emergency).toBeUndefined();
    const recent = newId();
    await call('POST', base, { token: member, body: { consultationId: recent, subject: '咳嗽', description: '咳嗽一周了', urgentSymptoms: false }, headers: at(-1 * hour) });
    const urgent = newId();
    const u = await call('POST', base, { token: member, body: { consultationId: urgent, subject: '胸口疼', description: '胸口闷疼，出冷汗', urgentSymptoms: true } });
    expect(u.status).toBe(201);
    expect(u.body.consultation).toMatchObject({ urgent: true, emergency: { ambulance: '120', hospitalName: '清河县人民医院', greenChannelPhone: '0311-86907120' } });
    // A retried create answers with the same consultation.
    const again = await call('POST', base, { token: member, body: { consultationId: urgent, subject: '胸口疼', description: '胸口闷疼，出冷汗', urgentSymptoms: true } });
    expect(again.status).toBe(200);
    expect(again.body.consultation.consultationId).toBe(urgent);

    const inbox = await call('GET', '/staff/inbox', { token: doctor });
    const mine = inbox.body.items.filter((i: any) => i.familyId === 'f_0010' && i.kind === 'consultation').map((i: any) => i.threadId);
    expect(mine.slice(0, 3)).toEqual([old, urgent, recent]);
    expect(inbox.body.items.find((i: any) => i.threadId === old)).toMatchObject({ overdue: true, status: 'waiting', subject: '血压偏高' });
    expect(inbox.body.items.find((i: any) => i.threadId === recent).overdue).toBe(false);
  });

  test('answer, follow-up item, booking link, states and closing', async () => {
    const member = await tk('p_m0017');
    const doctor = await tk('p_doc03');
    const id = newId();
    await call('POST', base, { token: member, body: { consultationId: id, subject: '降糖药', description: '二甲双胍可以饭后吃吗？', urgentSymptoms: false } });
    const path = `${base}/${id}`;
    const answer = await call('POST', `${path}/messages`, { token: doctor, body: { text: '可以，饭后吃胃里舒服些。下周来复查血糖。', followUp: { summary: '复查空腹血糖', dueBy: '2026-12-01' }, suggestBooking: true } });
    expect(answer.status).toBe(201);
    expect(answer.body.message.link).toEqual({ page: 'packages/booking/book/index', label: '预约挂号' });
    const fu = await getItem(keys.followUpItem('f_0010', answer.body.message.followUpId));
    expect(fu).toMatchObject({ status: 'open', memberId: 'p_m0017', consultationId: id, dueBy: '2026-12-01', gsi1pk: 'STAFF#p_doc03' });
    expect(fu?.gsi1sk).toBe(`FOLLOWUP-ITEM#2026-12-01#${answer.body.message.followUpId}`);
    expect((await call('GET', path, { token: member })).body.consultation.status).toBe('answered');
    expect((await getItem(keys.outbox(`msg.${answer.body.message.id}.p_m0017`)))?.template).toBe('consultation.reply');

    // Seven days after the answer without a word from the member, it closes by itself.
    const week = { 'x-test-now': new Date(Date.now() + 7 * 24 * 3600_000 + 60_000).toISOString() };
    expect((await call('GET', path, { token: member, headers: week })).body.consultation.status).toBe('closed');
    expectApiError(await call('POST', `${path}/messages`, { token: member, body: text('还有一个问题'), headers: week }), 409, 'conflict');
    // Before that, the member may ask more; then close it.
    expect((await call('POST', `${path}/messages`, { token: member, body: text('谢谢医生') })).status).toBe(201);
    expect((await call('GET', path, { token: member })).body.consultation.status).toBe('waiting');
    expect((await call('POST', `${path}/close`, { token: member, body: {} })).body.consultation.status).toBe('closed');
    expectApiError(await call('POST', `${path}/messages`, { token: member, body: text('再问一下') }), 409, 'conflict');
    // Only the doctor may attach a follow-up item.
    expectApiError(await call('POST', `${path}/messages`, { token: member, body: { text: 'x', followUp: { summary: 'x', dueBy: '2026-12-01' } } }), 400, 'invalid_request');
  });

  test('a forged or foreign consultation id, and other doctors, are refused', async () => {
    const member = await tk('p_m0016');
    expectApiError(await call('GET', `${base}/q_doesnotexist00/messages`, { token: member }), 404, 'not_found');
    expectApiError(await call('POST', `${base}/q_doesnotexist00/messages`, { token: member, body: text('x') }), 404, 'not_found');
    // p_doc01 does not serve f_0010; p_m0018's family is another one.
    const id = newId();
    await call('POST', base, { token: member, body: { consultationId: id, subject: '头晕', description: '起床时头晕', urgentSymptoms: false } });
    expectApiError(await call('GET', `${base}/${id}/messages`, { token: await tk('p_doc01') }), 403, 'forbidden');
    expectApiError(await call('GET', `/families/f_0011/consultations/${id}/messages`, { token: await tk('p_m0018') }), 404, 'not_found');
    expectApiError(await call('GET', `${base}/${id}/messages`, { token: await tk('p_cadre04') }), 403, 'forbidden');
  });
});
