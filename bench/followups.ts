import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, beijingDate, MAX_DUE_WINDOW_DAYS, PRIVACY_GUIDE_VERSION, toBeijingIso } from '../domain';
import { type PlanItem, planQueueKeys } from '../functions/lib/db/followups';
import { keys } from '../functions/lib/db/keys';
import { spawnLocalStack, type SpawnedStack } from '../local/spawn';
import { login } from './ddb-requests';
import { pairedLatency } from './paired-latency';

/**
 * Follow-ups: DynamoDB requests per call for the four budgeted routes, and the doctor's queue for a
 * doctor with 2,000 signed members (seeded here only, in this benchmark's own stack and table) as a
 * ratio to one raw DynamoDB Local Query of the same index range in the same run.
 */
const MEMBERS = 2000;

async function seedBigDoctor(client: DynamoDBDocumentClient, table: string, doctorId: string, now: Date) {
  const today = beijingDate(now);
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const memberId = `p_bench${String(i).padStart(5, '0')}`;
    const familyId = `f_bench${String(Math.floor(i / 2)).padStart(5, '0')}`;
    if (i % 2 === 0) {
      items.push({ ...keys.familyContact(familyId, doctorId), entity: 'familyContact', familyId, kind: 'doctor', staffId: doctorId, name: '陈立新', title: '全科医生', organisation: '城关镇卫生院', phone: '0311-86905120', assignedAt: toBeijingIso(now), gsi1pk: keys.staffPk(doctorId), gsi1sk: keys.staffFamilySk(familyId) });
    }
    items.push({ ...keys.familySigning(familyId, memberId), entity: 'signing', familyId, memberId, doctorId, teamName: '城关镇卫生院家庭医生团队', signedOn: '2025-03-18', member: { name: `居民${i}`, gender: 'female', birthDate: '1950-01-01', villageName: '东关社区', conditions: ['高血压'], phoneMasked: '138****0000' }, gsi1pk: keys.staffPk(doctorId), gsi1sk: keys.staffMemberSk(memberId) });
    // Last follow-ups spread over 40 days, every 40th with an urgent reading awaiting review.
    const base = { familyId, memberId, memberName: `居民${i}`, doctorId, cadence: 'monthly' as const, reason: 'default' as const, poverty: false, startedOn: addDays(today, -400), lastCompletedOn: addDays(today, -(i % 40)), pending: i % 40 === 0 ? { followUpId: `fu_${String(now.getTime()).padStart(15, '0')}${String(i).padStart(16, '0')}`, at: toBeijingIso(now), urgent: ['bp_high' as const] } : undefined };
    const plan: PlanItem = { ...keys.followUpPlan(memberId), entity: 'followUpPlan', ...base, version: 1, ...planQueueKeys(base) };
    items.push(plan as unknown as Record<string, unknown>);
  }
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  }
}

async function call(stack: SpawnedStack, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each caller reads the fields it needs
  return { status: res.status, body: json, requests: Number(res.headers.get('x-lianxin-ddb-requests')), operations: res.headers.get('x-lianxin-ddb-operations') ?? '' };
}

export async function measureFollowUps(iterations = 60) {
  const stack = await spawnLocalStack({ tableName: 'lianxin-bench-followups' });
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  try {
    const now = new Date();
    const member = (await login(stack, 'p_m0001')).token;
    const doctor = (await login(stack, 'p_doc01')).token;
    await call(stack, member, 'PUT', '/me/consent', { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData: true });

    const m = '/families/f_0001/members/p_m0001';
    const requests: { routeId: string; requests: number; operations: string; budget: string; withinBudget: boolean }[] = [];
    const record = (routeId: string, r: { requests: number; operations: string }, budget: string, ok: boolean) => requests.push({ routeId, requests: r.requests, operations: r.operations, budget, withinBudget: ok });

    // A keyed request starts with the stack's consistent GetItem of its Idempotency-Key marker; then
    // the reads folded into one BatchGet (context, family profile) and the one transaction. An urgent
    // reading adds the Query of the family's contacts to notify. A retry is the marker read alone.
    const submit = await call(stack, member, 'POST', `${m}/followups`, { readings: { systolic: 132, diastolic: 82 }, symptoms: [], missedDoses: 0, mood: 'good' }, { 'idempotency-key': 'bench-submit-0001' });
    record('followups.submit', submit, 'marker + 1 BatchGet + 1 transaction', submit.status === 201 && submit.operations === 'GetItemCommand,BatchGetItemCommand,TransactWriteItemsCommand');
    const urgentSubmit = await call(stack, member, 'POST', `${m}/followups`, { readings: { systolic: 182, diastolic: 96 }, symptoms: [], missedDoses: 0, mood: 'fair' }, { 'idempotency-key': 'bench-submit-0002' });
    record('followups.submit (urgent: + contacts to notify)', urgentSubmit, 'marker + 1 BatchGet + 1 Query + 1 transaction', urgentSubmit.status === 201 && urgentSubmit.operations === 'GetItemCommand,BatchGetItemCommand,QueryCommand,TransactWriteItemsCommand');
    const retry = await call(stack, member, 'POST', `${m}/followups`, { readings: { systolic: 132, diastolic: 82 }, symptoms: [], missedDoses: 0, mood: 'good' }, { 'idempotency-key': 'bench-submit-0001' });
    record('followups.submit (retry, same Idempotency-Key)', retry, 'the marker read, nothing written', retry.operations === 'GetItemCommand');
    const file = await call(stack, member, 'GET', `${m}/health`);
    record('followups.getMemberHealth (member)', file, '<= 2', file.requests <= 2);
    const fileDoctor = await call(stack, doctor, 'GET', `${m}/health`);
    record('followups.getMemberHealth (doctor: + audit write)', fileDoctor, '<= 2 reads', fileDoctor.operations.split(',').filter((o) => o !== 'PutItemCommand').length <= 2);
    // The queue is one Query; the members it shows are audited once a day (functions/lib/db/audit.ts
    // auditListRead): a BatchGet per 100 members every view, a BatchWrite per 25 only the first time.
    // The first view writes at most a BatchWrite per 25 members (fewer if another view audited some today).
    const queueOps = (ops: string, members: number, first: boolean) => {
      const reads = ['QueryCommand', ...Array(Math.ceil((members + 1) / 100)).fill('BatchGetItemCommand')].join(',');
      const writes = ops.slice(reads.length).split(',').filter(Boolean);
      return ops.startsWith(reads) && (first ? writes.length <= Math.ceil(members / 25) && writes.every((o) => o === 'BatchWriteItemCommand') : writes.length === 0);
    };
    const distinctMembers = (r: { body: Record<string, unknown> }) => new Set((r.body.items as Array<{ memberId: string }>).map((e) => e.memberId)).size;
    const queueSmall = await call(stack, doctor, 'GET', '/doctor/followups');
    record('followups.getQueue (first view of the day)', queueSmall, '1 Query + audit: 1 BatchGet per 100 members, 1 BatchWrite per 25', queueOps(queueSmall.operations, distinctMembers(queueSmall), true));
    const queueAgain = await call(stack, doctor, 'GET', '/doctor/followups');
    record('followups.getQueue (again the same day)', queueAgain, '1 Query + 1 BatchGet per 100 members', queueOps(queueAgain.operations, distinctMembers(queueAgain), false));
    const rx = await call(stack, member, 'GET', `${m}/prescriptions`);
    const rxId = rx.body.items[0].prescriptionId as string;
    const refill = await call(stack, member, 'POST', `${m}/prescriptions/${rxId}/refills`, { fulfilment: 'pickup', pharmacy: 'org_cgwsy' });
    const approve = await call(stack, doctor, 'POST', `${m}/prescriptions/${rxId}/refills/${refill.body.refill.refillId}/approve`, {}, { 'idempotency-key': 'bench-approve-0001' });
    record('prescriptions.approveRefill', approve, 'marker + 1 BatchGet + 1 transaction', approve.status === 200 && approve.operations === 'GetItemCommand,BatchGetItemCommand,TransactWriteItemsCommand');

    await seedBigDoctor(client, stack.tableName, 'p_doc01', now);
    const today = beijingDate(now);
    const rawQuery = () =>
      client.send(
        new QueryCommand({
          TableName: stack.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.staffPk('p_doc01'), ':from': keys.dischargeQueuePrefix, ':to': keys.planQueueSk(addDays(today, MAX_DUE_WINDOW_DAYS), '~') },
        }),
      );
    const queue = () => call(stack, doctor, 'GET', '/doctor/followups');
    const bigFirst = await queue();
    record(`followups.getQueue (${MEMBERS} signed members, first view of the day)`, bigFirst, '1 Query + audit: 1 BatchGet per 100 members, 1 BatchWrite per 25', queueOps(bigFirst.operations, distinctMembers(bigFirst), true));
    const big = await queue();
    record(`followups.getQueue (${MEMBERS} signed members, again)`, big, '1 Query + 1 BatchGet per 100 members', queueOps(big.operations, distinctMembers(big), false));
    const latency = await pairedLatency(queue, rawQuery, { iterations, warmup: 5 });
    return {
      requests,
      queueLatency: {
        signedMembers: MEMBERS,
        entriesReturned: big.body.items.length,
        iterations,
        queueRouteMs: latency.routeMs,
        rawQueryMs: latency.rawMs,
        ratio: latency.ratio,
      },
    };
  } finally {
    client.destroy();
    await stack.stop();
  }
}

// Run on its own: `tsx bench/followups.ts` writes bench/results/followups.json.
if (process.argv[1]?.endsWith('bench/followups.ts')) {
  const { writeFile } = await import('node:fs/promises');
  const result = await measureFollowUps();
  await writeFile('bench/results/followups.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  process.exit(result.requests.every((r) => r.withinBudget) ? 0 : 1);
}
