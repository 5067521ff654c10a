import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { issueSessionToken } from '../functions/lib/auth/tokens';
import { db, tableName } from '../functions/lib/db/client';
import type { FamilyContactItem, FamilyProfileItem } from '../functions/lib/db/items';
import { keys } from '../functions/lib/db/keys';
import { stackEnvironment, type SpawnedStack } from '../local/spawn';
import { login } from './ddb-requests';
import { percentile } from './paired-latency';
import { measureWeappPackages } from './weapp-size';

/**
 * Messaging: DynamoDB requests per call of the hot routes (budgets: a family's send = the
 * thread's meta + ONE transaction, list page = one Query, a contact's inbox = one Query; a doctor's inbox = the
 * key-only team lookup + one Query per team), send throughput to 1 conversation and to 100
 * conversations with 32 concurrent clients as a ratio to raw PutItem sent the same way to the same
 * DynamoDB Local in the same run, and the messaging subpackage's size in the weapp build.
 */
const CLIENTS = 32;
const SENDS = 320;
const round = (n: number) => Math.round(n * 100) / 100;

/** 100 families like f_0001 (same village, same cadre), so there are 100 conversations to send to. */
async function benchFamilies(n: number): Promise<Array<{ familyId: string; token: string }>> {
  const profile = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.familyProfile('f_0001') }))).Item as FamilyProfileItem;
  const contact = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.familyContact('f_0001', 'p_cadre01') }))).Item as FamilyContactItem;
  const out: Array<{ familyId: string; token: string }> = [];
  for (let i = 0; i < n; i++) {
    const familyId = `f_bm${String(i).padStart(4, '0')}`;
    const personId = `p_bm${String(i).padStart(4, '0')}`;
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...profile, ...keys.familyProfile(familyId), familyId, members: [{ ...profile.members[0]!, personId }], gsi1sk: `${profile.gsi1sk}#${familyId}`, gsi2sk: `${profile.gsi2sk}#${familyId}` } }));
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...contact, ...keys.familyContact(familyId, 'p_cadre01'), familyId, gsi1sk: keys.staffFamilySk(familyId) } }));
    const { token } = await issueSessionToken({ personId, role: 'member', familyId }, new Date());
    out.push({ familyId, token });
  }
  return out;
}

async function run(n: number, one: (i: number) => Promise<void>) {
  let next = 0;
  const ms: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        await one(i);
        ms.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  ms.sort((a, b) => a - b);
  return { perSecond: round(n / seconds), latencyMs: { p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)) } };
}

const headersFor = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const ops = (r: Response) => (r.headers.get('x-lianxin-ddb-operations') ?? '').split(',').filter(Boolean);
function sender(stack: SpawnedStack) {
  return async (familyId: string, token: string, text: string) => {
    const res = await fetch(`${stack.url}/families/${familyId}/conversations/p_cadre01/messages`, { method: 'POST', headers: headersFor(token), body: JSON.stringify({ text }) });
    if (res.status !== 201) throw new Error(`send to ${familyId} ("${text}"): ${res.status} ${await res.text()}`);
    return res;
  };
}

/**
 * DynamoDB requests per call of the hot routes (runnable alone: `tsx bench/messaging-calls.ts`).
 * Leaves the f_0001 conversation with exactly 2 unread member messages (the throughput run counts on it).
 */
export async function measureMessagingCalls(stack: SpawnedStack) {
  Object.assign(process.env, stackEnvironment(stack));
  const h = headersFor;
  const send = sender(stack);
  const { token: member } = await login(stack, 'p_m0001');
  await send('f_0001', member, '第一条消息（建立对话）');
  const sent = await send('f_0001', member, '王主任您好');
  const list = await fetch(`${stack.url}/families/f_0001/conversations/p_cadre01/messages`, { headers: h(member) });
  const { token: cadre } = await login(stack, 'p_cadre01');
  const inbox = await fetch(`${stack.url}/staff/inbox`, { headers: h(cadre) });
  const { token: doctor } = await login(stack, 'p_doc01');
  const doctorInbox = await fetch(`${stack.url}/staff/inbox`, { headers: h(doctor) });
  // A contact person's replies in another family's conversation (f_0002): the first of the day
  // counts a 网络沟通 in the ledger, a later one only the reply; both read the ledger state once.
  const { token: member2 } = await login(stack, 'p_m0003');
  await send('f_0002', member2, '李主任您好');
  const firstReply = await send('f_0002', cadre, '您好，我明天过去');
  const laterReply = await send('f_0002', cadre, '上午十点左右到');
  const calls = [
    { routeId: 'messaging.sendConversationMessage', res: sent, budget: 2, note: "the thread's meta (GetItem: family and member names for the contact's notification) + ONE TransactWriteItems" },
    {
      routeId: "messaging.sendConversationMessage (contact person's first reply of the day)",
      res: firstReply,
      budget: 4,
      note: "key-only scope check (GetItem) + the thread's meta (GetItem) + ONE BatchGet (the family's ledger summary and the day's online slot) + ONE TransactWriteItems (message, meta, slot, summary, week and month counters, outbox)",
    },
    { routeId: 'messaging.sendConversationMessage (contact person, later reply the same day)', res: laterReply, budget: 4, note: 'the same reads; the transaction only adds to the slot' },
    { routeId: 'messaging.listConversationMessages', res: list, budget: 2, note: "ONE Query (the page and the meta) + the member's key-only check that the contact is still assigned (GetItem)" },
    { routeId: 'messaging.staffInbox (contact)', res: inbox, budget: 1, note: 'one Query of INBOX#<staff>' },
    { routeId: 'messaging.staffInbox (doctor, one team)', res: doctorInbox, budget: 2, note: 'key-only team lookup + one Query of INBOX#TEAM#<team>' },
  ].map(({ res, ...c }) => {
    const operations = ops(res);
    return { ...c, status: res.status, requests: operations.length, operations, withinBudget: res.status === 200 || res.status === 201 ? operations.length <= c.budget : false };
  });
  return { calls, member };
}

export async function measureMessaging(stack: SpawnedStack) {
  const { calls, member } = await measureMessagingCalls(stack);
  const send = sender(stack);

  // Throughput: 320 sends by 32 clients, to one conversation, then spread over 100.
  const families = await benchFamilies(100);
  for (const f of families) await send(f.familyId, f.token, '建立对话');
  const toOne = await run(SENDS, async (i) => void (await send('f_0001', member, `压测消息 ${i}`)));
  const toHundred = await run(SENDS, async (i) => {
    const f = families[i % families.length]!;
    await send(f.familyId, f.token, `压测消息 ${i}`);
  });
  const raw = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: CLIENTS }) } }),
  );
  const rawPut = await run(SENDS, async (i) => void (await raw.send(new PutCommand({ TableName: stack.tableName, Item: { pk: `BENCH#msg#${i % 100}`, sk: `MSG#${i}`, text: `压测消息 ${i}`.padEnd(40, '。') } }))));
  raw.destroy();

  // Every send to the one conversation arrived: its unread counter says so exactly.
  const meta = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.threadMeta(keys.conversationThreadId('f_0001', 'p_cadre01')), ConsistentRead: true }))).Item as { unreadStaff: number };

  const weapp = existsSync('miniapp/dist/app.json') ? measureWeappPackages().packages.find((p) => p.name === 'packages/messages') : undefined;
  return {
    ddbRequestsPerCall: calls,
    throughput: {
      clients: CLIENTS,
      sends: SENDS,
      toOneConversation: { ...toOne, ratioToRawPutItem: round(toOne.perSecond / rawPut.perSecond) },
      toHundredConversations: { ...toHundred, ratioToRawPutItem: round(toHundred.perSecond / rawPut.perSecond) },
      rawPutItem: rawPut,
      oneConversationUnreadAfter: meta.unreadStaff,
      allArrived: meta.unreadStaff === SENDS + 2,
    },
    messagesSubpackage: weapp ? { bytes: weapp.bytes, kb: round(weapp.bytes / 1024), budgetBytes: weapp.budgetBytes, withinBudget: weapp.withinBudget } : { note: 'weapp not built (npm run build:weapp)' },
  };
}
