import { Agent, request } from 'node:http';
import { issueSessionToken } from '../../functions/lib/auth/tokens';
import { batchPutAll } from '../../functions/lib/db/batch';
import type { SessionItem } from '../../functions/lib/db/booking/sessions';
import { keys } from '../../functions/lib/db/keys';

/**
 * The contention run shared by test/api/booking-contention.test.ts and bench/booking.ts: N members
 * (each alone in a family of their own, written straight into the table with session tokens
 * minted by the stack's key) all book one session at once over HTTP, each with its own
 * Idempotency-Key. The caller's process must have the stack's environment (stackEnvironment).
 */
export interface LoadMember {
  personId: string;
  familyId: string;
  token: string;
}

export async function contentionMembers(n: number, tag: string, now = new Date()): Promise<LoadMember[]> {
  const members = Array.from({ length: n }, (_, i) => {
    const num = String(i + 1).padStart(4, '0');
    return { personId: `p_${tag}${num}`, familyId: `f_${tag}${num}` };
  });
  await batchPutAll(
    members.map((m, i) => ({ ...keys.person(m.personId), entity: 'person', personId: m.personId, name: `压测成员${i + 1}`, role: 'member', familyId: m.familyId })),
  );
  return Promise.all(
    members.map(async (m) => ({ ...m, token: (await issueSessionToken({ personId: m.personId, role: 'member', familyId: m.familyId }, now)).token })),
  );
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * All attempts are sent at once; at most `executions` are served at a time, as a function with that
 * reserved concurrency would be (DynamoDB Local runs transactions one by one, ~20-300 ms each on
 * this machine, so 500 truly parallel executions would only queue past the 10 s function timeout).
 */
export async function runContention(members: LoadMember[], session: SessionItem, now: string, keyTag: string, url = process.env.LIANXIN_API_URL!, executions = 20) {
  const agent = new Agent({ keepAlive: true, maxSockets: executions });
  const started = performance.now();
  const results = await Promise.all(
    members.map(async (m) => {
      const t = performance.now();
      const res = await post(agent, `${url}/families/${m.familyId}/bookings`, {
        authorization: `Bearer ${m.token}`,
        'x-test-now': now,
        'idempotency-key': `${keyTag}-${m.personId}`,
      }, { institutionId: session.institutionId, sessionId: session.sessionId, memberId: m.personId });
      const body = JSON.parse(res.body) as { bookingId?: string; error?: string; message?: string };
      return { member: m.personId, status: res.status, body, ms: performance.now() - t, ddb: Number(res.headers['x-lianxin-ddb-requests']), replayed: res.headers['idempotency-replayed'] === 'true' };
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const statuses = new Map<number, number>();
  for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    statuses,
    confirmed: new Map(results.filter((r) => r.status === 200 || r.status === 201).map((r) => [r.member, r.body.bookingId!])),
    errors: results.filter((r) => r.status >= 400).map((r) => r.body.error),
    fullMessages: results.filter((r) => r.body.error === 'full').map((r) => r.body.message ?? ''),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    seconds,
    throughput: members.length / seconds,
    ddbRequests: results.map((r) => r.ddb),
    /** Answers given from an Idempotency-Key marker (a retry of a request already done). */
    replayed: results.filter((r) => r.replayed).length,
  };
}

function post(agent: Agent, url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
