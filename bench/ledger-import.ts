import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
 * empty county of the bench's own stack, over HTTP as the page does it: presigned upload, then
 * POST /commission/imports until it answers `applied`. Reports the time, the calls and the
 * DynamoDB requests, then the same for a re-import of the same file (which must write nothing).
 */
const FAMILIES = 2000;
const TOWNSHIPS = 10;
const COUNTY = 'c_benchimp';
const COMM = 'p_benchimpcomm';

async function writeCounty(stack: SpawnedStack) {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
  const comm: PersonItem = { ...keys.person(COMM), entity: 'person', personId: COMM, name: '压测专干', role: 'commission', commissionLevel: 'county', regionId: COUNTY, organisation: '压测县卫健局', workPhone: '0311-86900000', gender: 'male', birthDate: '1980-01-01', idNumberEnc: '', phoneEnc: '', phoneMasked: '', gsi1pk: 'PHONE#benchimp', gsi1sk: `PERSON#${COMM}`, openid: `demo-openid-${COMM}` };
  const items: Record<string, unknown>[] = [
    comm as unknown as Record<string, unknown>,
    { ...keys.binding(comm.openid!), entity: 'binding', openid: comm.openid, personId: COMM, boundAt: '2026-01-01T00:00:00+08:00' },
    ...Array.from({ length: TOWNSHIPS }, (_, t) => townshipStatsItem({ countyId: COUNTY, townshipId: `t_benchimp${t}`, townshipName: `第${t}镇` }, emptyFigures()) as unknown as Record<string, unknown>),
  ];
  await client.send(new BatchWriteCommand({ RequestItems: { [stack.tableName]: items.map((Item) => ({ PutRequest: { Item } })) } }));
  client.destroy();
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
        服务证号: `BIC${n}`,
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
  calls: number;
  seconds: number;
  ddbRequests: number;
  created: number;
  unchanged: number;
  outcome: string;
}

async function importOnce(stack: SpawnedStack, token: string, file: Buffer): Promise<Run> {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const t0 = performance.now();
  const ticketRes = await fetch(`${stack.url}/commission/imports/uploads`, { method: 'POST', headers: auth, body: JSON.stringify({ contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: file.length }) });
  const ticket = (await ticketRes.json()) as { url: string; key: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), 'register.xlsx');
  const up = await fetch(ticket.url, { method: 'POST', body: form });
  if (up.status !== 204) throw new Error(`upload answered ${up.status}`);
  const run: Run = { calls: 0, seconds: 0, ddbRequests: 0, created: 0, unchanged: 0, outcome: '' };
  for (;;) {
    const res = await fetch(`${stack.url}/commission/imports`, { method: 'POST', headers: auth, body: JSON.stringify({ kind: 'families', key: ticket.key }) });
    const body = (await res.json()) as { outcome: string; created: number; unchanged: number; problems: unknown[] };
    if (res.status !== 200) throw new Error(`import answered ${res.status}: ${JSON.stringify(body)}`);
    run.calls += 1;
    run.ddbRequests += Number(res.headers.get('x-lianxin-ddb-requests'));
    run.created += body.created;
    if (run.calls === 1) run.unchanged = body.unchanged;
    run.outcome = body.outcome;
    if (body.outcome !== 'partial' || run.calls > 50) break;
  }
  run.seconds = Math.round((performance.now() - t0) / 100) / 10;
  return run;
}

export async function measureLedgerImport(stack: SpawnedStack) {
  await writeCounty(stack);
  const file = await registerFile();
  const { token } = await login(stack, COMM);
  const first = await importOnce(stack, token, file);
  const again = await importOnce(stack, token, file);
  return {
    families: FAMILIES,
    rows: FAMILIES * 2,
    townships: TOWNSHIPS,
    fileBytes: file.length,
    import: first,
    reimport: again,
    reimportWroteNothing: again.created === 0 && again.unchanged === FAMILIES,
  };
}
