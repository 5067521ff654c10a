import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, beijingDate, quarterOf, type ContactType } from '../domain';
import type { FamilyContactItem, FamilyProfileItem, PersonItem } from '../functions/lib/db/items';
import { keys } from '../functions/lib/db/keys';
import { buildLedgerSeed } from '../local/seed/ledger';
import type { SpawnedStack } from '../local/spawn';
import { login } from './ddb-requests';
import { pairedLatency } from './paired-latency';

/**
 * The coverage dashboard for a county of 2,000 families and 60,000 contact records, in the
 * bench's own stack: DynamoDB requests per view and latency as a ratio to one raw Query (a
 * township's families' first page) in the same run. The records are written straight into the
 * table with the same builder the seed uses, so the counters are what the transactions keep.
 */
export const FAMILIES = 2000;
const CONTACTS = 60_000;
export const TOWNSHIPS = 10;
export const COUNTY = 'c_bench';
export const COMM = 'p_benchcomm';

export function buildCounty(now: Date) {
  const types: ContactType[] = ['phone', 'phone', 'home_visit', 'online', 'festival', 'phone'];
  const items: Array<{ entity: string }> = [];
  const comm: PersonItem = { ...keys.person(COMM), entity: 'person', personId: COMM, name: '压测专干', role: 'commission', commissionLevel: 'county', regionId: COUNTY, gender: 'male', birthDate: '1980-01-01', idNumberEnc: 'x', phoneEnc: 'x', phoneMasked: 'x', gsi1pk: 'PHONE#bench', gsi1sk: `PERSON#${COMM}`, openid: `demo-openid-${COMM}` };
  items.push(comm, { ...keys.binding(comm.openid!), entity: 'binding', openid: comm.openid, personId: COMM, boundAt: '2026-01-01T00:00:00+08:00' } as { entity: string });
  const plan: Array<[string, string, ContactType, number]> = [];
  for (let n = 0; n < FAMILIES; n++) {
    const familyId = `f_bench${String(n).padStart(5, '0')}`;
    const townshipId = `t_bench${n % TOWNSHIPS}`;
    const villageId = `v_bench${n % (TOWNSHIPS * 4)}`;
    const profile: FamilyProfileItem = {
      ...keys.familyProfile(familyId),
      entity: 'family',
      familyId,
      familyName: `压测${n}号家`,
      familyType: 'bereaved',
      lowIncome: false,
      registeredPoor: false,
      illnessPoverty: false,
      countyId: COUNTY,
      townshipId,
      townshipName: `第${n % TOWNSHIPS}镇`,
      villageId,
      villageName: '压测村',
      members: [{ personId: `p_benchm${n}`, name: '成员', relation: '本人', gender: 'male', birthDate: '1950-01-01', phoneMasked: 'x', conditions: [] }],
      card: { cardNo: `B${n}`, issuedOn: '2025-01-01', issuer: '压测', version: 1, status: 'active', handedOver: { on: '2025-01-01', byId: 'p_bench', byName: '压测' } },
      helpline: { name: '压测', phone: '0311-86900000' },
      gsi1pk: keys.townshipPk(townshipId),
      gsi1sk: keys.townshipFamilySk(villageId, familyId),
      gsi2pk: keys.countyPk(COUNTY),
      gsi2sk: keys.countyFamilySk(townshipId, villageId, familyId),
    };
    items.push(profile);
    for (const [kind, staffId] of [['village_cadre', `p_benchc${n % 200}`], ['township_leader', `p_benchl${n % TOWNSHIPS}`], ['doctor', `p_benchd${n % 20}`]] as const) {
      const c: FamilyContactItem = { ...keys.familyContact(familyId, staffId), entity: 'familyContact', familyId, kind, staffId, name: '压测', title: '', organisation: '', phone: '', assignedAt: '2025-01-01T00:00:00+08:00', gsi1pk: keys.staffPk(staffId), gsi1sk: keys.staffFamilySk(familyId) };
      items.push(c);
    }
    for (let k = 0; k < CONTACTS / FAMILIES; k++) plan.push([familyId, `p_benchc${n % 200}`, types[(n + k) % types.length], (k * 4 + (n % 7)) % 120]);
  }
  const ledger = buildLedgerSeed(items, now, plan);
  return [...(items as unknown as Record<string, unknown>[]), ...ledger, ...requestsAndSurvey(now)];
}

/**
 * Requests (REQUESTS_PER_TOWNSHIP active in every township, OVERDUE_PER_TOWNSHIP of them past due)
 * and this quarter's survey counters, as the requests feature's transactions leave them, so the
 * dashboard's per-township overdue Query runs in every township (its worst case).
 */
const REQUESTS_PER_TOWNSHIP = 5;
const OVERDUE_PER_TOWNSHIP = 2;
function requestsAndSurvey(now: Date): Record<string, unknown>[] {
  const today = beijingDate(now);
  const out: Record<string, unknown>[] = [];
  for (let t = 0; t < TOWNSHIPS; t++) {
    const townshipId = `t_bench${t}`;
    for (let r = 0; r < REQUESTS_PER_TOWNSHIP; r++) {
      const familyId = `f_bench${String(t + r * TOWNSHIPS).padStart(5, '0')}`;
      const requestId = `rq_bench${t}x${r}`;
      const dueDate = addDays(today, r < OVERDUE_PER_TOWNSHIP ? -3 : 3);
      out.push({ ...keys.request(familyId, requestId), entity: 'request', requestId, familyId, familyName: `压测${t + r * TOWNSHIPS}号家`, villageName: '压测村', townshipName: `第${t}镇`, category: 'living', text: '压测诉求', countyId: COUNTY, townshipId, status: 'open', dueDate, raisedAt: `${addDays(dueDate, -7)}T09:00:00+08:00`, gsi2pk: keys.requestTownshipPk(townshipId), gsi2sk: keys.requestTownshipSk(dueDate, familyId, requestId) });
    }
    out.push({ ...keys.requestStats(COUNTY, townshipId), countyId: COUNTY, townshipId, opened: REQUESTS_PER_TOWNSHIP, active: REQUESTS_PER_TOWNSHIP });
    out.push({ ...keys.surveyStats(COUNTY, quarterOf(today), townshipId), countyId: COUNTY, townshipId, answered: 150, aw_know_all: 120, aw_know_some: 30, sat_satisfied: 100, sat_neutral: 50 });
  }
  return out;
}

export async function measureLedgerDashboard(stack: SpawnedStack, iterations = 100) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  const now = new Date();
  const items = buildCounty(now);
  const t0 = performance.now();
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const put = async (batch: Record<string, unknown>[]) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [stack.tableName]: pending } }));
      pending = (out.UnprocessedItems?.[stack.tableName] ?? []) as typeof pending;
    }
  };
  for (let i = 0; i < batches.length; i += 16) await Promise.all(batches.slice(i, i + 16).map(put));
  const loadSeconds = Math.round((performance.now() - t0) / 100) / 10;

  const { token } = await login(stack, COMM);
  const rawQuery = () => client.send(new QueryCommand({ TableName: stack.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.townshipPk('t_bench0') }, Limit: 30 }));
  let requests = 0;
  let stale = 0;
  let figures = {};
  const dashboard = async () => {
    const res = await fetch(`${stack.url}/commission/dashboard`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
    requests = Number(res.headers.get('x-lianxin-ddb-requests'));
    const body = (await res.json()) as { staleCount: number; total: Record<string, number> };
    stale = body.staleCount;
    const { requestsOpen, requestsOverdue, surveyAnswered } = body.total;
    figures = { requestsOpen, requestsOverdue, surveyAnswered };
  };
  const latency = await pairedLatency(dashboard, rawQuery, { iterations, warmup: 10 });
  client.destroy();
  // 5 fixed (township counters, stale index, request and survey counters, week/month BatchGet)
  // + one overdue COUNT Query per township with active requests: here every township.
  const REQUEST_BUDGET = 5 + TOWNSHIPS;
  return {
    families: FAMILIES,
    contactRecords: CONTACTS,
    townships: TOWNSHIPS,
    itemsLoaded: items.length,
    loadSeconds,
    today: beijingDate(now),
    staleFamilies: stale,
    ...figures,
    oldestContact: addDays(beijingDate(now), -119),
    dashboardDdbRequests: requests,
    requestBudget: REQUEST_BUDGET,
    withinBudget: requests <= REQUEST_BUDGET,
    iterations,
    dashboardMs: latency.routeMs,
    rawQueryMs: latency.rawMs,
    ratio: latency.ratio,
  };
}
