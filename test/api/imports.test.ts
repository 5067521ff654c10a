import { PutCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { importColumns } from '../../domain';
import { blindIndex, decryptField } from '../../functions/lib/crypto/field-crypto';
import { db, tableName } from '../../functions/lib/db/client';
import { importIdOf } from '../../functions/lib/db/import-jobs';
import { keys } from '../../functions/lib/db/keys';
import { idNumberOf } from '../../local/seed/demo-county';
import { demoIdNumber } from '../../local/seed/id-number';
import { call, tokenFor } from '../support/api';
import { blankRows, workbook } from '../support/xlsx-zip';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, getItem } from './support-table';

/**
 * Import of the register over HTTP: the file goes to the local S3 through a presigned POST, then
 * the import names its key. Own county (ledger world, tag "imp"): imported families are
 * f_lg6imp…, so the seeded partitions stay untouched; its counters are checked against the rows.
 */
const w = ledgerWorld('imp');
const [tA, tB] = w.townships;
let comm = '';
let townshipComm = '';

beforeAll(async () => {
  await writeLedgerWorld(w, 3);
  [comm, townshipComm] = await Promise.all([tokenFor(w.commCounty), tokenFor(w.commTownship)]);
});

type Row = string[];
/** A member row of the families template, with a valid ID number unique to (family, member). */
function memberRow(family: number, member: number, change: Partial<Record<(typeof importColumns.families)[number], string>> = {}): Row {
  // Year and sequence together name the family, the day the member: unique across the file.
  const birth = `${1930 + Math.floor(family / 100)}-${String(1 + (family % 12)).padStart(2, '0')}-0${1 + member}`;
  const id = demoIdNumber('130199', birth, family % 100, member === 0 ? 'male' : 'female');
  const base: Record<string, string> = {
    家庭编号: `lg6imp${String(family).padStart(4, '0')}`,
    乡镇编号: family % 2 ? tB : tA,
    村编号: family % 2 ? 'v_lg6impb' : 'v_lg6impa',
    村名称: family % 2 ? '乙村' : '甲村',
    家庭类别: family % 3 ? '失独' : '伤残',
    低保户: family % 4 ? '否' : '是',
    服务卡号: `QHI${String(family).padStart(5, '0')}`,
    姓名: member === 0 ? `张${'一二三四五六七八九'[family % 9]}山` : `李${'一二三四五六七八九'[family % 9]}英`,
    与户主关系: member === 0 ? '户主' : '配偶',
    身份证号: id,
    手机号: member === 0 ? `139${String(family).padStart(8, '0')}` : '',
    慢性病: member === 0 ? '高血压、糖尿病' : '',
    ...change,
  };
  return importColumns.families.map((c) => base[c]!);
}

async function xlsx(headers: readonly string[], rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csv = (headers: readonly string[], rows: Row[]) => Buffer.from(`\ufeff${[headers, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

async function upload(token: string, file: Buffer, format: 'xlsx' | 'csv'): Promise<string> {
  const contentType = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  const ticket = await call('POST', '/commission/imports/uploads', { token, body: { contentType, size: file.length } });
  expect(ticket.status).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), `upload.${format}`);
  expect((await fetch(ticket.body.url, { method: 'POST', body: form })).status).toBe(204);
  return ticket.body.key;
}

/** Follows a job as the page does, until it has finished; the job as its importer reads it. */
async function followJob(token: string, importId: string) {
  for (let i = 0; i < 600; i++) {
    const res = await call('GET', `/commission/imports/${importId}`, { token });
    expect(res.status).toBe(200);
    if (['applied', 'rejected', 'failed'].includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${importId} did not finish`);
}

/** Uploads, starts the import (202: queued) and follows the job; `body` is its report. */
async function runImport(kind: 'families' | 'staff', file: Buffer, format: 'xlsx' | 'csv', token = comm) {
  const start = await call('POST', '/commission/imports', { token, body: { kind, key: await upload(token, file, format) } });
  if (start.status !== 202) return { status: start.status, body: start.body, job: undefined };
  expect(start.body).toMatchObject({ kind, status: 'queued' });
  const job = await followJob(token, start.body.importId);
  return { status: 200, body: job.report, job, item: (await getItem(keys.importJob(job.importId)))! };
}

const stats = async (townshipId: string) => (await getItem(keys.statsTownship(w.countyId, townshipId)))!;
async function figures(): Promise<Record<string, { families: number; members: number; cardHolders: number }>> {
  const out: Record<string, { families: number; members: number; cardHolders: number }> = {};
  for (const t of [tA, tB]) {
    const s = await stats(t);
    out[t] = { families: s.families, members: s.members, cardHolders: s.cardHolders };
  }
  return out;
}

const FAMILIES = 250;
const rows500 = () => Array.from({ length: FAMILIES }, (_, i) => [memberRow(i + 1, 0), memberRow(i + 1, 1)]).flat();

test('the template downloads as .xlsx with the documented headings, the ID column formatted as text', async () => {
  const res = await call('GET', '/commission/imports/template?kind=families', { token: comm });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(res.body.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  expect((ws.getRow(1).values as string[]).slice(1)).toEqual([...importColumns.families]);
  expect(ws.getColumn(importColumns.families.indexOf('身份证号') + 1).numFmt).toBe('@');
  const staffCsv = await call('GET', '/commission/imports/template?kind=staff&format=csv', { token: comm });
  expect(Buffer.from(staffCsv.body.base64, 'base64').toString('utf8')).toContain(importColumns.staff.join(','));
});

test('500 rows with one bad checksum: the report names that row and nothing is written', async () => {
  const rows = rows500();
  const bad = [...rows[318]!];
  const idAt = importColumns.families.indexOf('身份证号');
  bad[idAt] = bad[idAt]!.slice(0, 17) + (bad[idAt]!.endsWith('0') ? '1' : '0');
  rows[318] = bad;
  const before = await figures();
  const res = await runImport('families', await xlsx(importColumns.families, rows), 'xlsx');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ outcome: 'rejected', rows: 500, created: 0 });
  expect(res.body.problems).toEqual([{ row: 320, column: '身份证号', reason: '身份证号校验位不正确，请核对是否抄错' }]);
  expect(res.body.problemCount).toBe(1);
  // Rejected before the table was read for the rows: the job never planned a write.
  expect(res.item!.plan).toBeUndefined();
  expect(res.item!.gsi2pk).toBeUndefined();
  expect(await getItem(keys.familyProfile('f_lg6imp0001'))).toBeUndefined();
  expect(await figures()).toEqual(before);
});

test('the corrected file is applied whole, counted on the dashboard, ID numbers encrypted; a re-import changes nothing', async () => {
  const before = await figures();
  const file = await xlsx(importColumns.families, rows500());
  const res = await runImport('families', file, 'xlsx');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ outcome: 'applied', rows: 500, families: FAMILIES, persons: 500, created: FAMILIES, problems: [], problemCount: 0 });
  // Out of the pending index, its lock released, its record kept half a year.
  expect(res.item!.gsi2pk).toBeUndefined();
  expect(res.item!.expiresAt * 1000 - Date.now()).toBeGreaterThan(180 * 86_400_000);
  expect(await getItem(keys.importLock(w.countyId))).toBeUndefined();
  const after = await figures();
  for (const t of [tA, tB]) {
    expect(after[t]).toEqual({ families: before[t].families + FAMILIES / 2, members: before[t].members + FAMILIES, cardHolders: before[t].cardHolders });
  }
  // The family and its members as the rest of the system reads them.
  const profile = (await getItem(keys.familyProfile('f_lg6imp0001')))!;
  expect(profile).toMatchObject({ familyName: '张二山家', townshipId: tB, villageName: '乙村', familyType: 'bereaved', lowIncome: false, registeredPoor: false, illnessPoverty: false, card: { cardNo: 'QHI00001', status: 'active' } });
  expect(profile.members).toHaveLength(2);
  expect(profile.members[0]).toMatchObject({ relation: '户主', gender: 'male', conditions: ['高血压', '糖尿病'], phoneMasked: '139****0001' });
  const id = rows500()[0]![importColumns.families.indexOf('身份证号')]!;
  const person = (await getItem(keys.person(profile.members[0].personId)))!;
  expect(JSON.stringify(person)).not.toContain(id);
  expect(await decryptField(person.idNumberEnc, `${person.personId}:id_number`)).toBe(id);
  expect((await getItem(keys.idNumberGuard(await blindIndex('id_number', id))))!.personId).toBe(person.personId);
  expect(await getItem(keys.ledgerSummary('f_lg6imp0001'))).toMatchObject({ lastContactOn: '0000-00-00' });
  // The dashboard counts them at once.
  const dash = await call('GET', '/commission/dashboard', { token: comm });
  expect(dash.body.total.families).toBe(3 + FAMILIES);

  const again = await runImport('families', file, 'xlsx');
  expect(again.body).toMatchObject({ outcome: 'applied', created: 0, unchanged: FAMILIES, problems: [] });
  expect(await figures()).toEqual(after);
  // Not written again: the ID number's ciphertext (fresh random IV per write) is the same item.
  expect(await getItem(keys.person(profile.members[0].personId))).toEqual(person);
});

test('duplicates in the file, numbers already registered, bad and numeric ID numbers: every row reported, nothing written', async () => {
  const seeded = idNumberOf('p_m0001', '1951-05-16', 'female');
  const rows: Array<Array<string | number>> = [
    memberRow(901, 0),
    memberRow(901, 1, { 身份证号: memberRow(901, 0)[importColumns.families.indexOf('身份证号')]! }),
    memberRow(902, 0, { 身份证号: '13019919500101001' }),
    memberRow(903, 0, { 身份证号: '130199195013450015' }),
    memberRow(904, 0, { 村名称: '丙村' }),
    memberRow(904, 1, { 村名称: '丁村' }),
    memberRow(905, 0, { 家庭类别: '困难', 手机号: '1234' }),
    memberRow(1, 0),
  ];
  const numeric = memberRow(906, 0) as Array<string | number>;
  numeric[importColumns.families.indexOf('身份证号')] = Number(numeric[importColumns.families.indexOf('身份证号')]);
  rows.push(numeric);
  const res = await runImport('families', await xlsx(importColumns.families, rows), 'xlsx');
  expect(res.body.outcome).toBe('rejected');
  const reasons = res.body.problems.map((p: { row: number; column?: string; reason: string }) => `${p.row}:${p.column}:${p.reason}`);
  expect(reasons).toEqual([
    '3:身份证号:与第 2 行的身份证号重复',
    '4:身份证号:身份证号应为 18 位（前 17 位是数字，最后一位是数字或 X）',
    '5:身份证号:身份证号中的出生日期不正确',
    '7:村名称:同一家庭（lg6imp0904）的村名称与第 6 行不一致',
    expect.stringMatching(/^8:家庭类别:家庭类别只能填写：失独/),
    '8:手机号:请填写 11 位手机号码',
    '10:身份证号:身份证号被 Excel 当成了数字，后几位已丢失：请把这一列设为“文本”后重新填写',
  ]);
  expect(res.item!.plan).toBeUndefined();
  expect(await getItem(keys.familyProfile('f_lg6imp0901'))).toBeUndefined();

  // Clean rows but against the table: a seeded person's ID number, and family 1 with other content.
  const clash = await runImport('families', csv(importColumns.families, [memberRow(907, 0, { 身份证号: seeded }), memberRow(1, 0, { 姓名: '王大山' })]), 'csv');
  expect(clash.body.outcome).toBe('rejected');
  expect(clash.body.problems).toEqual([
    { row: 2, column: '身份证号', reason: '这个身份证号已经登记在其他家庭或人员名下' },
    { row: 3, column: '家庭编号', reason: '家庭编号 lg6imp0001 已经存在，且与文件内容不同：导入只新增，不修改已有家庭' },
  ]);
  expect(await getItem(keys.familyProfile('f_lg6imp0907'))).toBeUndefined();
});

test('wrong columns, a file that is not a spreadsheet, someone else\'s key, a township outside the region', async () => {
  const missing = await runImport('families', csv(importColumns.families.filter((c) => c !== '身份证号'), [memberRow(910, 0).slice(0, -1)]), 'csv');
  expect(missing.body).toMatchObject({ outcome: 'rejected', problems: [{ row: 1, reason: '缺少列：身份证号（请使用下载的模板）' }] });
  const staffAsFamilies = await runImport('staff', csv(importColumns.families, [memberRow(911, 0)]), 'csv');
  expect(staffAsFamilies.body.problems[0].reason).toMatch(/^缺少列：/);

  const broken = await runImport('families', Buffer.from('PK\u0003\u0004 this is not a workbook'), 'xlsx');
  expect(broken.body).toMatchObject({ outcome: 'rejected', rows: 0, created: 0 });
  expect(broken.body.problems).toEqual([{ row: 0, reason: expect.stringContaining('不是有效的 Excel') }]);

  const key = await upload(comm, csv(importColumns.families, [memberRow(912, 0)]), 'csv');
  expectApiError(await call('POST', '/commission/imports', { token: townshipComm, body: { kind: 'families', key } }), 400, 'invalid_request');
  expectApiError(await call('POST', '/commission/imports', { token: comm, body: { kind: 'families', key: `imports/${w.commCounty}/never-uploaded.csv` } }), 404, 'not_found');

  // The township officer of 乙乡 may import only into 乙乡.
  const outside = await runImport('families', csv(importColumns.families, [memberRow(914, 0)]), 'csv', townshipComm);
  expect(outside.body.problems).toEqual([{ row: 2, column: '乡镇编号', reason: `乡镇编号 ${tA} 不在您的管辖范围内` }]);
  const inside = await runImport('families', csv(importColumns.families, [memberRow(915, 0)]), 'csv', townshipComm);
  expect(inside.body).toMatchObject({ outcome: 'applied', created: 1 });
});

test('a zip bomb (a small .xlsx inflating to 157 MB) is rejected at once with the reason, declared sizes true or false, and nothing is written', async () => {
  const before = await figures();
  const rows = [importColumns.families, memberRow(920, 0), memberRow(920, 1)];
  for (const declared of [undefined, 4096]) {
    const bomb = await workbook(rows, blankRows(157), declared);
    expect(bomb.length).toBeLessThan(512 * 1024);
    const started = Date.now();
    const res = await runImport('families', bomb, 'xlsx');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.body).toMatchObject({ outcome: 'rejected', rows: 0, created: 0 });
    expect(res.body.problems).toEqual([{ row: 0, reason: expect.stringMatching(/^文件过大：表格解压后超过 32 MB 的上限/) }]);
    expect(res.item!.plan).toBeUndefined();
  }
  expect(await getItem(keys.familyProfile('f_lg6imp0920'))).toBeUndefined();
  expect(await figures()).toEqual(before);
  // The same rows without the padding import.
  expect((await runImport('families', await workbook(rows), 'xlsx')).body).toMatchObject({ outcome: 'applied', created: 1 });
});

test('contact persons import from CSV, can then be handed a family, and a re-import changes nothing', async () => {
  const id = demoIdNumber('130199', '1980-05-05', 7, 'male');
  const rows = [['赵建国', id, '13912345678', '村干部', tA, '甲村村委会', '村计生专干', '0311-86901234']];
  const res = await runImport('staff', csv(importColumns.staff, rows), 'csv');
  expect(res.body).toMatchObject({ outcome: 'applied', created: 1, persons: 1 });
  const guard = (await getItem(keys.idNumberGuard(await blindIndex('id_number', id))))!;
  expect(await getItem(keys.person(guard.personId))).toMatchObject({ role: 'contact', contactLevel: 'village', regionId: tA, name: '赵建国', phoneMasked: '139****5678' });
  // The hand-over page offers the imported cadre at once, and the cadre takes family 2's missing village-cadre place.
  const candidates = await call('GET', `/commission/handover-candidates?townshipId=${tA}`, { token: comm });
  expect(candidates.body.items).toContainEqual({ staffId: guard.personId, name: '赵建国', title: '村计生专干', organisation: '甲村村委会', kind: 'village_cadre' });
  expect((await call('POST', `/families/${w.family(2)}/handovers`, { token: comm, body: { kind: 'village_cadre', toStaffId: guard.personId } })).status).toBe(201);
  const again = await runImport('staff', csv(importColumns.staff, rows), 'csv');
  expect(again.body).toMatchObject({ outcome: 'applied', created: 0, unchanged: 1 });
});

describe('the import job', () => {
  const familiesFile = (from: number, to: number) =>
    xlsx(
      importColumns.families,
      Array.from({ length: to - from + 1 }, (_, i) => [memberRow(from + i, 0), memberRow(from + i, 1)]).flat(),
    );
  const totalFamilies = async () => Object.values(await figures()).reduce((n, f) => n + f.families, 0);

  test('starting the same upload again answers the same job; only its importer can read it', async () => {
    const key = await upload(comm, await familiesFile(301, 302), 'xlsx');
    const first = await call('POST', '/commission/imports', { token: comm, body: { kind: 'families', key } });
    expect(first.status).toBe(202);
    expect(first.body.importId).toBe(importIdOf(key));
    const again = await call('POST', '/commission/imports', { token: comm, body: { kind: 'families', key } });
    expect(again.status).toBe(200);
    expect(again.body.importId).toBe(first.body.importId);
    expectApiError(await call('POST', '/commission/imports', { token: comm, body: { kind: 'staff', key } }), 409, 'conflict');
    expectApiError(await call('GET', `/commission/imports/${first.body.importId}`, { token: townshipComm }), 404, 'not_found');
    const done = await followJob(comm, first.body.importId);
    expect(done.report).toMatchObject({ outcome: 'applied', created: 2 });
  });

  test('a run that died half-way is taken up again and finishes the file, counting what it wrote before', async () => {
    // The first run wrote families 311-320 of 311-340, then its function died (the lease runs out).
    expect((await runImport('families', await familiesFile(311, 320), 'xlsx')).body).toMatchObject({ outcome: 'applied', created: 10 });
    const before = await totalFamilies();
    const key = await upload(comm, await familiesFile(311, 340), 'xlsx');
    const importId = importIdOf(key);
    const at = new Date().toISOString();
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.importJob(importId),
          entity: 'importJob',
          importId,
          kind: 'families',
          key,
          importer: { personId: w.commCounty, level: 'county', regionId: w.countyId },
          status: 'writing',
          createdAt: at,
          updatedAt: at,
          attempts: 1,
          claimedUntil: Date.now() - 1,
          plan: { created: 30, unchanged: 0 },
          progress: { written: 10, total: 30 },
          ddbRequests: 0,
          workMs: 0,
          gsi2pk: keys.importPendingPk,
          gsi2sk: `${at}#${importId}`,
        },
      }),
    );
    const job = await followJob(comm, importId);
    expect(job).toMatchObject({ status: 'applied', progress: { written: 30, total: 30 } });
    expect(job.report).toMatchObject({ outcome: 'applied', families: 30, created: 30, unchanged: 0 });
    expect(await totalFamilies()).toBe(before + 20);
    expect((await getItem(keys.importJob(importId)))!.attempts).toBe(2);
  });

  test('one import at a time per county: a job waits for the lock and then runs', async () => {
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.importLock(w.countyId), entity: 'importLock', holder: 'imp_someoneelse', until: Date.now() + 2500 } }));
    const key = await upload(comm, await familiesFile(351, 351), 'xlsx');
    const start = await call('POST', '/commission/imports', { token: comm, body: { kind: 'families', key } });
    await new Promise((r) => setTimeout(r, 1500));
    const meanwhile = await call('GET', `/commission/imports/${start.body.importId}`, { token: comm });
    expect(meanwhile.body.status).toBe('checking');
    expect(await getItem(keys.familyProfile('f_lg6imp0351'))).toBeUndefined();
    const job = await followJob(comm, start.body.importId);
    expect(job.report).toMatchObject({ outcome: 'applied', created: 1 });
    // Waiting for the lock is not a failed attempt.
    expect((await getItem(keys.importJob(start.body.importId)))!.attempts).toBe(1);
  });
});
