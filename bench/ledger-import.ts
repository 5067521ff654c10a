import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { importColumns } from '../domain';
import { townshipStatsItem, emptyFigures } from '../functions/lib/db/coverage';
import type { PersonItem } from '../functions/lib/db/items';
import { keys } from '../functions/lib/db/keys';
import { demoIdNumber } from '../local/seed/id-number';
import type { SpawnedStack } from '../local/spawn';
import { login } from './ddb-requests';

/**
 * Import of a county register of 2,000 families (two members each: 4,000 rows, .xlsx) into an
 * empty county of the bench's own stack, over HTTP as the page does it: presigned upload, POST
 * /commission/imports, then GET /commission/imports/{id} until the job has finished. Reports the
 * time, the job's runs and DynamoDB requests, then the same for a re-import of the same file
 * (which must write nothing).
 */
const FAMILIES = 2000;
const TOWNSHIPS = 10;
const COUNTY = 'c_benchimp';
const COMM = 'p_benchimpcomm';

const documentClient = (stack: SpawnedStack) =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));

async function writeCounty(client: DynamoDBDocumentClient, table: string) {
  const comm: PersonItem = { ...keys.person(COMM), entity: 'person', personId: COMM, name: '压测专干', role: 'commission', commissionLevel: 'county', regionId: COUNTY, organisation: '压测县卫健局', workPhone: '0311-86900000', gender: 'male', birthDate: '1980-01-01', idNumberEnc: '', phoneEnc: '', phoneMasked: '', gsi1pk: 'PHONE#benchimp', gsi1sk: `PERSON#${COMM}`, openid: `demo-openid-${COMM}` };
  const items: Record<string, unknown>[] = [
    comm as unknown as Record<string, unknown>,
    { ...keys.binding(comm.openid!), entity: 'binding', openid: comm.openid, personId: COMM, boundAt: '2026-01-01T00:00:00+08:00' },
    ...Array.from({ length: TOWNSHIPS }, (_, t) => townshipStatsItem({ countyId: COUNTY, townshipId: `t_benchimp${t}`, townshipName: `第${t}镇` }, emptyFigures()) as unknown as Record<string, unknown>),
  ];
  await client.send(new BatchWriteCommand({ RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item } })) } }));
}

async function registerFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('家庭和成员');
  ws.addRow([...importColumns.families]);
  for (let n = 0; n < FAMILIES; n++) {
    for (const member of [0, 1]) {
      const birth = `${1930 + Math.floor(n / 100)}-${String(1 + (n % 12)).padStart(2, '0')}-0${1 + member}`;
      const row: Record<string, string> = {
        家庭编号: `BI${String(n).padStart(5, '0')}`,
        乡镇编号: `t_benchimp${n % TOWNSHIPS}`,
        村编号: `v_benchimp${n % 40}`,
        村名称: '压测村',
        家庭类别: n % 3 ? '失独' : '伤残',
        低保户: '否',
        服务卡号: `BIC${n}`,
        姓名: member ? '李秀英' : '张大山',
        与户主关系: member ? '配偶' : '户主',
        身份证号: demoIdNumber('130188', birth, n % 100, member ? 'female' : 'male'),
        手机号: member ? '' : `139${String(n).padStart(8, '0')}`,
        慢性病: member ? '' : '高血压',
      };
      ws.addRow(importColumns.families.map((c) => row[c]!));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Run {
  /** Upload to applied, as the officer waits for it (the page polls once a second; this every 200 ms). */
  seconds: number;
  /** The job's own time over its runs (reading, checking, writing). */
  jobSeconds: number;
  runs: number;
  ddbRequests: number;
  created: number;
  unchanged: number;
  outcome: string;
}

async function importOnce(stack: SpawnedStack, token: string, file: Buffer, documents: DynamoDBDocumentClient): Promise<Run> {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const t0 = performance.now();
  const ticketRes = await fetch(`${stack.url}/commission/imports/uploads`, { method: 'POST', headers: auth, body: JSON.stringify({ contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: file.length }) });
  const ticket = (await ticketRes.json()) as { url: string; key: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), 'register.xlsx');
  const up = await fetch(ticket.url, { method: 'POST', body: form });
  if (up.status !== 204) throw new Error(`upload answered ${up.status}`);
  const start = await fetch(`${stack.url}/commission/imports`, { method: 'POST', headers: auth, body: JSON.stringify({ kind: 'families', key: ticket.key }) });
  const job = (await start.json()) as { importId: string };
  if (start.status !== 202) throw new Error(`import answered ${start.status}: ${JSON.stringify(job)}`);
  let status = '';
  let report: { outcome: string; created: number; unchanged: number } | undefined;
  for (let i = 0; i < 3000 && !['applied', 'rejected', 'failed'].includes(status); i++) {
    await new Promise((r) => setTimeout(r, 200));
    const res = await fetch(`${stack.url}/commission/imports/${job.importId}`, { headers: auth });
    ({ status, report } = (await res.json()) as { status: string; report?: typeof report });
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  // The job counts its own DynamoDB requests and time into its item (functions/lib/imports/run-job.ts)
  // just after its last run ends, a moment after the status turns final: wait for the count.
  let item = { ddbRequests: 0, workMs: 0, attempts: 0 };
  for (let i = 0; i < 100 && item.workMs === 0; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    item = (await documents.send(new GetCommand({ TableName: stack.tableName, Key: keys.importJob(job.importId), ConsistentRead: true }))).Item as typeof item;
  }
  return { seconds, jobSeconds: Math.round(item.workMs / 100) / 10, runs: item.attempts, ddbRequests: item.ddbRequests, created: report?.created ?? 0, unchanged: report?.unchanged ?? 0, outcome: status };
}

/** Plain BatchWriteItem of `count` small items, 8 requests in flight: the floor for writing that much here. */
async function rawWrite(client: DynamoDBDocumentClient, table: string, count: number) {
  const t0 = performance.now();
  const batches = Array.from({ length: Math.ceil(count / 25) }, (_, b) =>
    Array.from({ length: Math.min(25, count - b * 25) }, (_, i) => ({ PutRequest: { Item: { pk: `BENCHRAW#${b}`, sk: `ITEM#${i}`, entity: 'benchRaw', name: '张大山', text: 'x'.repeat(300) } } })),
  );
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(batches.slice(i, i + 8).map((RequestItems) => client.send(new BatchWriteCommand({ RequestItems: { [table]: RequestItems } }))));
  }
  return { items: count, requests: batches.length, seconds: Math.round((performance.now() - t0) / 100) / 10 };
}

export async function measureLedgerImport(stack: SpawnedStack) {
  const documents = documentClient(stack);
  await writeCounty(documents, stack.tableName);
  const file = await registerFile();
  const { token } = await login(stack, COMM);
  const first = await importOnce(stack, token, file, documents);
  const again = await importOnce(stack, token, file, documents);
  const raw = await rawWrite(documents, stack.tableName, FAMILIES * 6);
  documents.destroy();
  return {
    families: FAMILIES,
    rows: FAMILIES * 2,
    townships: TOWNSHIPS,
    fileBytes: file.length,
    import: first,
    reimport: again,
    reimportWroteNothing: again.created === 0 && again.unchanged === FAMILIES,
    /** The same number of items (profile, summary, 2 × person and guard per family) by plain BatchWrite, same run. */
    rawBatchWrite: raw,
    importToRawWriteRatio: Math.round((first.jobSeconds / raw.seconds) * 10) / 10,
  };
}
