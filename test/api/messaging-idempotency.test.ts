import { randomBytes } from 'node:crypto';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { expectIdempotent } from './idempotency-support';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { getItem, operations, queryPartition } from './support-table';

/**
 * The Idempotency-Key on messaging's send routes: a retried send answers the first message again
 * (replayed from the marker, nothing written), and the key reused for another message or another
 * thread is a 409. In a county of its own (ledger-world.ts, tag "mi"), so the threads, ledger
 * slots and counters its sends make touch no other suite's data.
 */
const w = ledgerWorld('mi');
const memberOf = (n: number) => (n === 1 ? w.member : `p_lg6m${w.family(n).slice(-6)}`);
const conversation = (n: number) => `/families/${w.family(n)}/conversations/${w.cadre}/messages`;
const consultations = (n: number) => `/families/${w.family(n)}/consultations`;
const messagesIn = async (threadId: string) => (await queryPartition(keys.threadPk(threadId))).filter((i) => i.entity === 'message');

beforeAll(async () => {
  await writeLedgerWorld(w, 3);
});

async function openConsultation(n: number, token: string): Promise<string> {
  const consultationId = `q_${randomBytes(8).toString('hex')}`;
  const res = await call('POST', consultations(n), { token, body: { consultationId, subject: '血压高', description: '这两天头晕', urgentSymptoms: false } });
  expect(res.status).toBe(201);
  return consultationId;
}

test('a conversation message: replayed once sent, 409 for another text under the same key', async () => {
  const token = await tokenFor(memberOf(1));
  const send = (text: string) => (key: string) => call('POST', conversation(1), { token, body: { text }, headers: { 'idempotency-key': key } });
  const first = await expectIdempotent({ route: 'messaging.sendConversationMessage', send: send('李主任，水管冻住了'), other: send('另一条消息'), status: 201 });
  expect(first.body.message).toMatchObject({ senderId: memberOf(1), text: '李主任，水管冻住了' });
  expect((await messagesIn(keys.conversationThreadId(w.family(1), w.cadre))).map((m) => m.messageId)).toEqual([first.body.message.id]);
});

test("a keyed send costs one request more than an unkeyed one: the marker's consistent GetItem before the handler", async () => {
  const member = await tokenFor(memberOf(2));
  const lead = await tokenFor(w.lead);
  const path = `/families/${w.family(2)}/conversations/${w.lead}/messages`;
  const send = (token: string, text: string, key?: string) => call('POST', path, { token, body: { text }, headers: key ? { 'idempotency-key': key } : {} });
  expect((await send(member, '第一条（建立对话）')).status).toBe(201);
  // The member: the meta, ONE transaction (ledger-online.test.ts), and with a key the marker first.
  expect(operations(await send(member, '没有请求编号'))).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
  expect(operations(await send(member, '带请求编号', `m-${randomBytes(6).toString('hex')}`))).toEqual(['GetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
  // The contact person: scope check, meta, ledger BatchGet, ONE transaction; with a key, the marker too.
  expect(operations(await send(lead, '收到'))).toEqual(['GetItemCommand', 'GetItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand']);
  const keyed = await send(lead, '明天过去', `l-${randomBytes(6).toString('hex')}`);
  expect(keyed.status).toBe(201);
  expect(operations(keyed)).toHaveLength(5);
  expect(operations(keyed).filter((o) => o === 'GetItemCommand')).toHaveLength(3);
});

test("a doctor's answer in a consultation: counted once (ledger slot, outbox), 409 for the same answer to another consultation", async () => {
  const member = await tokenFor(memberOf(3));
  const doctor = await tokenFor(w.doctor);
  const one = await openConsultation(3, member);
  const two = await openConsultation(3, member);
  const answer = (consultationId: string) => (key: string) =>
    call('POST', `${consultations(3)}/${consultationId}/messages`, { token: doctor, body: { text: '先量一周血压' }, headers: { 'idempotency-key': key } });
  const first = await expectIdempotent({ route: 'messaging.sendConsultationMessage', send: answer(one), other: answer(two), status: 201 });
  const answers = (await messagesIn(one)).filter((m) => m.senderSide === 'staff');
  expect(answers.map((m) => m.messageId)).toEqual([first.body.message.id]);
  expect(await getItem(keys.outbox(`msg.${first.body.message.id}.${memberOf(3)}`))).toMatchObject({ template: 'consultation.reply' });
  // The second consultation got nothing: the reused key was refused before any write.
  expect((await messagesIn(two)).filter((m) => m.senderSide === 'staff')).toEqual([]);
});
