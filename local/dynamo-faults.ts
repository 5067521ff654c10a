import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { FAULT_SCOPE_HEADER } from '../functions/lib/db/client';

/**
 * DEV ONLY. An HTTP proxy between the functions and DynamoDB Local that makes DynamoDB misbehave on
 * request, for tests of how the API holds up (test/api/faults.test.ts). A proxy rather than an SDK
 * middleware: the functions' own SDK client, with its timeouts, retries and error parsing, meets the
 * faults exactly as it would meet them from DynamoDB, on the wire.
 *
 * Faults hit only the calls of a test that asked for them: the local runtime passes an API call's
 * `x-lianxin-fault-scope` header on to every DynamoDB request the call makes (functions/lib/db/client.ts),
 * and a plan is set per scope. So test files sharing the stack in parallel are not disturbed, and
 * the outbox and other local jobs never see a fault.
 *
 * Kinds of fault, each as DynamoDB gives it:
 * - throttle: 400 ProvisionedThroughputExceededException or ThrottlingException, nothing done;
 * - transactThrottle: a TransactWriteItems cancelled with a ThrottlingError reason, nothing done;
 * - internal: 500 InternalServerError, nothing done;
 * - timeout: no answer at all, nothing done (the SDK's request timeout gives up);
 * - lostReply: the request IS done by DynamoDB, but the answer never arrives, so the SDK retries
 *   something that already happened (the hardest case for idempotency).
 */
export const faultKinds = ['throttle', 'transactThrottle', 'internal', 'timeout', 'lostReply'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultPlan {
  /** Share of the scope's DynamoDB requests to fault, 0 to 1. */
  rate: number;
  /** Relative weights of the kinds (all equal if absent; transactThrottle only for TransactWriteItems). */
  kinds?: Partial<Record<FaultKind, number>>;
  /** Only these operations (e.g. 'TransactWriteItems'); every operation if absent. */
  operations?: string[];
  /** Faults for the next matching requests, in this order, before `rate` applies: a test's exact story. */
  script?: FaultKind[];
}

export interface FaultStats {
  requests: number;
  injected: Record<FaultKind, number>;
  byOperation: Record<string, number>;
}

/** How long a hung request is held at most, if the client never gives up. */
const HANG_CAP_MS = 30_000;

const emptyStats = (): FaultStats => ({ requests: 0, injected: { throttle: 0, transactThrottle: 0, internal: 0, timeout: 0, lostReply: 0 }, byOperation: {} });

export class DynamoFaults {
  private plans = new Map<string, FaultPlan>();
  private stats = new Map<string, FaultStats>();

  set(scope: string, plan: FaultPlan): void {
    this.plans.set(scope, plan);
    if (!this.stats.has(scope)) this.stats.set(scope, emptyStats());
  }

  /** Stops faulting the scope; its figures stay readable until `forget`. */
  clear(scope: string): void {
    this.plans.delete(scope);
  }

  forget(scope: string): void {
    this.plans.delete(scope);
    this.stats.delete(scope);
  }

  statsOf(scope: string): FaultStats {
    return this.stats.get(scope) ?? emptyStats();
  }

  /** The fault for one request, if any, counted in the scope's figures. */
  pick(scope: string | undefined, operation: string, random = Math.random): FaultKind | undefined {
    if (!scope) return undefined;
    const stats = this.stats.get(scope);
    if (stats) stats.requests++;
    const plan = this.plans.get(scope);
    if (!plan || !stats || (plan.operations && !plan.operations.includes(operation))) return undefined;
    const scripted = plan.script?.shift();
    if (scripted) return this.count(stats, scripted, operation);
    if (random() >= plan.rate) return undefined;
    const weights = faultKinds
      .filter((k) => k !== 'transactThrottle' || operation === 'TransactWriteItems')
      .map((k) => [k, plan.kinds ? (plan.kinds[k] ?? 0) : 1] as const)
      .filter(([, w]) => w > 0);
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    if (total === 0) return undefined;
    let r = random() * total;
    const kind = (weights.find(([, w]) => (r -= w) < 0) ?? weights[weights.length - 1])[0];
    return this.count(stats, kind, operation);
  }

  private count(stats: FaultStats, kind: FaultKind, operation: string): FaultKind {
    stats.injected[kind]++;
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
    return kind;
  }
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function dynamoError(res: ServerResponse, status: number, type: string, message: string, extra: Record<string, unknown> = {}): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `fault-${Date.now()}` });
  res.end(JSON.stringify({ __type: type, message, ...extra }));
}

/** Holds the request open until the client gives up (its request timeout) or the cap passes. */
function hang(res: ServerResponse): void {
  const timer = setTimeout(() => res.destroy(), HANG_CAP_MS);
  res.on('close', () => clearTimeout(timer));
}

export async function startDynamoFaultProxy(target: string, faults: DynamoFaults): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse | undefined) =>
    new Promise<void>((resolve) => {
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent },
        (answer) => {
          if (!res) {
            // The reply is lost on the way back: DynamoDB did the work, the caller never hears.
            answer.resume();
            answer.on('end', resolve);
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', resolve);
        },
      );
      out.on('error', () => {
        res?.destroy();
        resolve();
      });
      out.end(body);
    });

  const server: Server = createServer(async (req, res) => {
    const body = await readAll(req);
    const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? 'unknown';
    const scope = req.headers[FAULT_SCOPE_HEADER];
    const kind = faults.pick(typeof scope === 'string' ? scope : undefined, operation);
    switch (kind) {
      case undefined:
        return forward(req, body, res);
      case 'throttle':
        return Math.random() < 0.5
          ? dynamoError(res, 400, 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded. (injected)')
          : dynamoError(res, 400, 'com.amazonaws.dynamodb.v20120810#ThrottlingException', 'Rate of requests exceeds the allowed throughput. (injected)');
      case 'transactThrottle': {
        const items = (JSON.parse(body.toString('utf8')) as { TransactItems?: unknown[] }).TransactItems ?? [];
        const reasons = items.map((_, i) => (i === 0 ? { Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity of your table or index. (injected)' } : { Code: 'None' }));
        return dynamoError(res, 400, 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`, { CancellationReasons: reasons });
      }
      case 'internal':
        return dynamoError(res, 500, 'com.amazon.coral.service#InternalServerError', 'Internal server error (injected)');
      case 'timeout':
        return hang(res);
      case 'lostReply':
        hang(res);
        return forward(req, body, undefined);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

/**
 * The test's switch, /__dev/faults?scope=…: POST a FaultPlan to start faulting the scope, GET its
 * figures, DELETE to stop faulting (answers the final figures and forgets them). 404 when the stack
 * runs without the injector (it is on only where LIANXIN_DYNAMO_FAULTS=1, as the tests start it).
 */
export function faultsDevRoute(
  faults: DynamoFaults | undefined,
  method: string,
  url: URL,
  body: string | undefined,
): { status: number; body: string } | undefined {
  if (url.pathname !== '/__dev/faults') return undefined;
  if (!faults) return { status: 404, body: JSON.stringify({ message: 'fault injection is off (LIANXIN_DYNAMO_FAULTS=1)' }) };
  const scope = url.searchParams.get('scope');
  if (!scope || !/^[A-Za-z0-9_-]{4,64}$/.test(scope)) return { status: 400, body: JSON.stringify({ message: 'scope: 4..64 of A-Za-z0-9_-' }) };
  if (method === 'GET') return { status: 200, body: JSON.stringify(faults.statsOf(scope)) };
  if (method === 'DELETE') {
    const stats = faults.statsOf(scope);
    faults.forget(scope);
    return { status: 200, body: JSON.stringify(stats) };
  }
  if (method !== 'POST') return { status: 405, body: JSON.stringify({ message: 'GET, POST or DELETE' }) };
  let plan: FaultPlan;
  try {
    plan = JSON.parse(body ?? '{}') as FaultPlan;
  } catch {
    return { status: 400, body: JSON.stringify({ message: 'body: JSON FaultPlan' }) };
  }
  if (typeof plan.rate !== 'number' || plan.rate < 0 || plan.rate > 1) return { status: 400, body: JSON.stringify({ message: 'rate: 0..1' }) };
  const unknownKind = Object.keys(plan.kinds ?? {}).find((k) => !(faultKinds as readonly string[]).includes(k));
  const badScript = (plan.script ?? []).find((k) => !(faultKinds as readonly string[]).includes(k));
  if (unknownKind || badScript) return { status: 400, body: JSON.stringify({ message: `kinds: one of ${faultKinds.join(', ')}` }) };
  if (plan.rate === 0 && !plan.script?.length) faults.clear(scope);
  else faults.set(scope, { rate: plan.rate, kinds: plan.kinds, operations: plan.operations, script: plan.script ? [...plan.script] : undefined });
  return { status: 204, body: '' };
}
