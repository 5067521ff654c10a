import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';
import { beijingInstant, weekdayOf } from '../domain';
import { buildSessions, type SessionItem } from '../functions/lib/db/booking/sessions';
import { db, tableName } from '../functions/lib/db/client';
import { stackEnvironment, type SpawnedStack } from '../local/spawn';
import { contentionMembers, runContention } from '../test/support/booking-load';
import { login } from './ddb-requests';
import { percentile } from './paired-latency';

/**
 * The booking contention run as a benchmark: 500 members, one session with 20 priority places,
 * every attempt sent at once (served 20 at a time, test/support/booking-load.ts). Reports
 * confirmed/attempted, p50/p99 latency, and throughput as a ratio to raw TransactWriteItems of the
 * same shape (8 items: quota, booking, guard, counter, idempotency, 3 outbox) sent the same way
 * to the same DynamoDB Local in the same run. Also DynamoDB requests per call of the three hot
 * routes (budgets: list a day's sessions 1 Query, book 1 transaction, today's list 1 Query).
 */
const EXECUTIONS = 20;
const round = (n: number) => Math.round(n * 100) / 100;

async function session(date: string, departmentId: string, quota: number): Promise<SessionItem> {
  const [s] = buildSessions(
    { institutionId: 'org_xyy', name: '清河县人民医院', departments: [{ departmentId, name: '压测科' }], greenChannelPlace: '门诊一楼', meetBy: '绿色通道专员' },
    [{ pk: '', sk: '', entity: 'schedule', institutionId: 'org_xyy', departmentId, weekday: weekdayOf(date), period: 'am', startTime: '08:00', endTime: '11:30', doctorId: 'dr_bench', doctorName: '压测医生', capacity: Math.max(30, quota), priorityQuota: quota, releaseHoursBefore: 24 }],
    [],
    date,
    1,
  );
  await db().send(new PutCommand({ TableName: tableName(), Item: s }));
  return s;
}

/** N raw transactions of the booking's shape, at most EXECUTIONS in flight, each its own items. */
async function rawTransactions(stack: SpawnedStack, n: number) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: EXECUTIONS }) } }),
  );
  await client.send(new PutCommand({ TableName: stack.tableName, Item: { pk: 'BENCH#quota', sk: 'Q', left: 20 } }));
  const started = performance.now();
  const ms: number[] = [];
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const t = performance.now();
      const put = (sk: string) => ({ Put: { TableName: stack.tableName, Item: { pk: `BENCH#${i}`, sk, data: 'x'.repeat(200) }, ConditionExpression: 'attribute_not_exists(pk)' } });
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Update: { TableName: stack.tableName, Key: { pk: 'BENCH#quota', sk: 'Q' }, UpdateExpression: 'SET #l = #l - :one', ConditionExpression: '#l > :z', ExpressionAttributeNames: { '#l': 'left' }, ExpressionAttributeValues: { ':one': 1, ':z': 0 } } },
              ...['b', 'g', 'c', 'i', 'o1', 'o2', 'o3'].map(put),
            ],
          }),
        );
      } catch (err) {
        if ((err as Error).name !== 'TransactionCanceledException') throw err;
      }
      ms.push(performance.now() - t);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  ms.sort((a, b) => a - b);
  return { seconds, throughput: n / seconds, p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

export async function measureBooking(stack: SpawnedStack) {
  Object.assign(process.env, stackEnvironment(stack));
  const members = await contentionMembers(500, 'b');
  const s = await session('2033-03-01', 'bench', 20);
  const now = beijingInstant('2033-02-20', '10:00').toISOString();
  const run = await runContention(members, s, now, 'bench', stack.url, EXECUTIONS);
  const raw = await rawTransactions(stack, 500);
  const confirmed = (run.statuses.get(201) ?? 0) + (run.statuses.get(200) ?? 0);

  // DynamoDB requests per call of the hot routes.
  const member = members[0];
  const other = await session('2033-03-02', 'benchb', 5);
  const h = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, 'x-test-now': now, ...extra });
  const list = await fetch(`${stack.url}/institutions/org_xyy/sessions?date=2033-03-02`, { headers: h(member.token) });
  const book = await fetch(`${stack.url}/families/${member.familyId}/bookings`, {
    method: 'POST',
    headers: h(member.token, { 'content-type': 'application/json' }),
    body: JSON.stringify({ institutionId: 'org_xyy', sessionId: other.sessionId, memberId: member.personId }),
  });
  const { token: hosp } = await login(stack, 'p_hosp01');
  const today = await fetch(`${stack.url}/hospital/today?date=2033-03-02&departmentId=benchb`, { headers: h(hosp) });
  const ops = (r: Response) => r.headers.get('x-lianxin-ddb-operations') ?? '';
  const routes = [
    { routeId: 'booking.listSessions', status: list.status, requests: Number(list.headers.get('x-lianxin-ddb-requests')), operations: ops(list), budget: 1 },
    { routeId: 'booking.book', status: book.status, requests: Number(book.headers.get('x-lianxin-ddb-requests')), operations: ops(book), budget: 2, note: 'one BatchGetItem (session, person) + ONE TransactWriteItems' },
    { routeId: 'hospital.today', status: today.status, requests: Number(today.headers.get('x-lianxin-ddb-requests')), operations: ops(today), budget: 1 },
  ].map((r) => ({ ...r, transactions: r.operations.split(',').filter((o) => o.startsWith('Transact')).length, withinBudget: r.requests <= r.budget }));

  return {
    contention: {
      attempted: members.length,
      priorityPlaces: 20,
      confirmed,
      full: run.statuses.get(409) ?? 0,
      other: members.length - confirmed - (run.statuses.get(409) ?? 0),
      executions: EXECUTIONS,
      latencyMs: { p50: round(run.p50), p99: round(run.p99) },
      bookingsPerSecond: round(run.throughput),
      withinBudget: confirmed === 20 && (run.statuses.get(409) ?? 0) === 480,
    },
    rawTransactWriteItems: { attempted: 500, latencyMs: { p50: round(raw.p50), p99: round(raw.p99) }, perSecond: round(raw.throughput) },
    throughputRatioToRaw: round(run.throughput / raw.throughput),
    ddbRequestsPerCall: routes,
  };
}
