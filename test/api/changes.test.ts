import type ExcelJS from 'exceljs';
import { changeListColumns } from '../../domain';
import { batchPutAll } from '../../functions/lib/db/batch';
import { teamItems } from '../../functions/lib/db/signing';
import { call, tokenFor } from '../support/api';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError } from './support-table';

/**
 * The change list (changes.exportChanges): changes of every kind made through the routes to this
 * suite's own county (ledger world "vl"), at dates set with x-test-now, then downloaded and opened
 * with exceljs. Townships: A holds families 1, 2, 4, 6, 8, 10; B holds 3, 5, 7, 9.
 */
const w = ledgerWorld('vl');
const FAMILIES = 10;
const NOW = '2026-11-20';
const at = (date: string) => ({ 'x-test-now': `${date}T10:00:00+08:00` });
const memberOf = (n: number) => (n === 1 ? w.member : `p_lg6m${w.family(n).slice(-6)}`);
const teamId = 'tm_lg6vl';

let county = '';
let township = '';
beforeAll(async () => {
  await writeLedgerWorld(w, FAMILIES);
  const doctor = { personId: w.doctor, name: '测试医生', role: 'gp' as const, title: '全科医生', organisation: '测试卫生院', phone: '13900000004' };
  await batchPutAll(
    teamItems({
      teamId, name: '变更清单团队', countyId: w.countyId, townshipId: w.townships[0], povertyForm: false,
      villageIds: [...w.villages], villageNames: ['测试村', '测试村'], leadId: w.doctor, responsibleByVillage: {}, members: [doctor],
    }) as unknown as Record<string, unknown>[],
  );
  county = await tokenFor(w.commCounty);
  township = await tokenFor(w.commTownship);
  const doc = await tokenFor(w.doctor);
  const ok = async (p: Promise<{ status: number; body: unknown }>) => {
    const res = await p;
    expect([200, 201]).toContain(res.status);
    return res.body as Record<string, unknown>;
  };
  const details = { address: '测试村 1 号', lowIncome: false, registeredPoor: false, illnessPoverty: false, familyType: 'bereaved' };
  // Before the list's start: family 2's address.
  await ok(call('PUT', `/families/${w.family(2)}/details`, { token: county, body: { ...details, version: 1, address: '早先的住址 9 号' }, headers: at('2026-09-20') }));
  // In the period.
  await ok(call('PUT', `/families/${w.family(1)}/members/${w.member}`, { token: county, body: { version: 1, name: '成员一', relation: '本人', birthDate: '1950-06-15', gender: 'male', reason: '姓名登记错误' }, headers: at('2026-10-05') }));
  await ok(call('PUT', `/families/${w.family(4)}/details`, { token: county, body: { ...details, version: 1, familyType: 'disabled', reason: '重新认定' }, headers: at('2026-10-10') }));
  await ok(call('PUT', `/families/${w.family(5)}/details`, { token: county, body: { ...details, version: 1, illnessPoverty: true }, headers: at('2026-10-12') }));
  await ok(call('POST', `/families/${w.family(5)}/policy/contract`, { token: county, body: { cadreId: w.lead, yearlyIncomeFen: 2_000_000, startDate: '2026-10-13', endDate: '2027-10-12' }, headers: at('2026-10-13') }));
  await ok(call('POST', `/families/${w.family(3)}/move`, { token: county, body: { version: 1, townshipId: w.townships[0], villageId: w.villages[0], villageName: '测试村', address: '甲镇测试村 3 号', townshipLeaderId: w.lead, villageCadreId: w.cadre2 }, headers: at('2026-10-20') }));
  await ok(call('POST', `/families/${w.family(7)}/card/revoke`, { token: county, body: { version: 1, reason: 'lost' }, headers: at('2026-11-01') }));
  await ok(call('POST', `/families/${w.family(7)}/card/reissue`, { token: county, body: { version: 2, cardNo: 'TVL7NEW' }, headers: at('2026-11-02') }));
  await ok(call('POST', `/families/${w.family(8)}/card/handover`, { token: county, body: { version: 1, on: '2026-11-03', byStaffId: w.cadre, card: true, infoCard: true }, headers: at('2026-11-03') }));
  await ok(call('POST', `/families/${w.family(10)}/handovers`, { token: county, body: { kind: 'village_cadre', toStaffId: w.cadre2, reason: '工作调整' }, headers: { ...at('2026-11-04'), 'idempotency-key': 'chg-vl-handover-10' } }));
  const signed = await ok(call('POST', '/team/home-visit-contracts', { token: doc, body: { familyId: w.family(7), memberId: memberOf(7) }, headers: { ...at('2026-11-06'), 'idempotency-key': 'chg-vl-sign-7' } }));
  await ok(call('POST', `/families/${w.family(7)}/members/${memberOf(7)}/contracts/${String(signed.contractId)}/terminate`, { token: county, body: { reason: 'member_request', date: '2026-11-07' }, headers: at('2026-11-07') }));
  await ok(call('POST', `/families/${w.family(9)}/transfer-out`, { token: county, body: { version: 1, destination: '石家庄市', movedOn: '2026-11-08' }, headers: at('2026-11-08') }));
  await ok(call('POST', `/families/${w.family(1)}/members/${w.member}/death`, { token: county, body: { version: 2, diedOn: '2026-11-09' }, headers: { ...at('2026-11-09'), 'idempotency-key': 'chg-vl-death-1' } }));
}, 120_000);

async function download(token: string, query: string) {
  const res = await call('GET', `/commission/change-list?${query}`, { token, headers: at(NOW) });
  expect(res.status).toBe(200);
  const Excel = (await import('exceljs')).default;
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  await wb.xlsx.load(Buffer.from(res.body.base64, 'base64') as unknown as ArrayBuffer);
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name)!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return { head: rows[0], rows: rows.slice(1).map((r) => Object.fromEntries(changeListColumns.map((c, i) => [c, r[i] ?? '']))) };
  };
  return { res, sheet };
}

const day = (d: string) => new Date(`${d}T00:00:00Z`);

test('county: every kind of change since the date, on its sheet, in the documented columns; earlier changes absent', async () => {
  const { res, sheet } = await download(county, 'from=2026-10-01');
  expect(res.body.filename).toBe('连心变更清单-2026-10-01至2026-11-20.xlsx');
  // 2 townships × 2 months × (change index + hand-over index), the township figures, profiles, staff names.
  expect(res.ddbRequests).toBeLessThanOrEqual(2 * 2 * 2 + 3);
  expect(res.headers.get('x-lianxin-ddb-operations')).not.toMatch(/Scan/);
  const family = sheet('家庭变更');
  expect(family.head).toEqual([...changeListColumns]);
  expect(family.rows.map((r) => r['家庭'])).not.toContain('测试2号家');
  expect(family.rows).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ 变更日期: day('2026-10-10'), 乡镇: '甲镇', 家庭: '测试4号家', 服务卡号: 'T4', 变更类别: '变更家庭类别', 变更项目: '家庭类别', 变更前: '失独家庭', 变更后: '伤残家庭', 经办人: '测试县卫健委' }),
      expect.objectContaining({ 变更日期: day('2026-10-12'), 乡镇: '乙乡', 家庭: '测试5号家', 变更类别: '修改家庭信息', 变更项目: '因病致贫', 变更前: '否', 变更后: '是' }),
      expect.objectContaining({ 变更日期: day('2026-10-20'), 乡镇: '甲镇', 家庭: '测试3号家', 变更类别: '迁往本县其他乡镇', 变更项目: '乡镇', 变更前: '乙乡', 变更后: '甲镇' }),
      expect.objectContaining({ 变更日期: day('2026-11-01'), 乡镇: '乙乡', 家庭: '测试7号家', 服务卡号: 'TVL7NEW', 变更类别: '服务卡挂失', 变更项目: '状态', 变更前: '有效', 变更后: '已挂失' }),
      expect.objectContaining({ 变更日期: day('2026-11-02'), 变更类别: '补办服务卡', 变更项目: '卡号', 变更前: 'T7', 变更后: 'TVL7NEW' }),
      expect.objectContaining({ 变更日期: day('2026-11-03'), 家庭: '测试8号家', 变更类别: '送达服务卡' }),
      expect.objectContaining({ 变更日期: day('2026-11-08'), 家庭: '测试9号家', 变更类别: '迁出本县', 变更项目: '状态', 变更前: '在册', 变更后: '已迁出' }),
    ]),
  );
  const member = sheet('成员变更');
  expect(member.rows).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ 变更日期: day('2026-10-05'), 家庭: '测试1号家', 成员: '成员一', 变更类别: '更正登记信息', 变更项目: '姓名', 变更前: '成员1', 变更后: '成员一' }),
      expect.objectContaining({ 变更日期: day('2026-11-09'), 家庭: '测试1号家', 成员: '成员一', 变更类别: '成员亡故' }),
    ]),
  );
  const contact = sheet('联系人变更');
  expect(contact.rows).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ 变更日期: day('2026-11-04'), 乡镇: '甲镇', 家庭: '测试10号家', 变更类别: '联系人交接', 变更项目: '村（社区）联系人', 变更前: '测试村干部', 变更后: '接任村干部', 说明: '工作调整', 经办人: '测试县卫健委' }),
      expect.objectContaining({ 变更日期: day('2026-10-20'), 家庭: '测试3号家', 变更类别: '联系人交接', 变更后: '接任村干部' }),
    ]),
  );
  const signing = sheet('签约变更');
  expect(signing.rows).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ 变更日期: day('2026-10-13'), 家庭: '测试5号家', 变更类别: '建立双签约', 变更项目: '帮扶干部', 变更后: '测试镇领导', 经办人: '测试县卫健委' }),
      expect.objectContaining({ 变更日期: day('2026-11-06'), 家庭: '测试7号家', 成员: '成员7', 变更类别: '签约家庭医生', 变更后: '变更清单团队（测试医生）', 经办人: '测试医生' }),
      expect.objectContaining({ 变更日期: day('2026-11-07'), 家庭: '测试7号家', 变更类别: '家庭医生解约', 变更前: '变更清单团队（测试医生）', 变更后: '已解约', 经办人: '测试县卫健委' }),
    ]),
  );
  expect(res.body.rows).toBe(family.rows.length + member.rows.length + contact.rows.length + signing.rows.length);
  // The move is listed once, by its own record, though the township it left has it filed too.
  expect(family.rows.filter((r) => r['家庭'] === '测试3号家' && r['变更项目'] === '乡镇')).toHaveLength(1);
});

test('the end date leaves out what came after it; the start date what came before', async () => {
  const { sheet } = await download(county, 'from=2026-10-06&to=2026-11-08');
  expect(sheet('成员变更').rows).toEqual([]);
  expect(sheet('家庭变更').rows.map((r) => r['变更日期'])).toContainEqual(day('2026-11-08'));
});

test('a township officer gets only their township, and a family that moved away as a move out of it', async () => {
  const { res, sheet } = await download(township, 'from=2026-10-01');
  const families = new Set(['家庭变更', '成员变更', '联系人变更', '签约变更'].flatMap((s) => sheet(s).rows.map((r) => r['家庭'])));
  expect([...families].sort()).toEqual(['测试3号家', '测试5号家', '测试7号家', '测试9号家']);
  expect(sheet('家庭变更').rows.every((r) => r['乡镇'] === '乙乡')).toBe(true);
  expect(sheet('家庭变更').rows.filter((r) => r['家庭'] === '测试3号家')).toEqual([expect.objectContaining({ 变更日期: day('2026-10-20'), 变更类别: '迁往本县其他乡镇', 变更项目: '乡镇', 变更前: '乙乡', 变更后: '甲镇', 经办人: '测试县卫健委' })]);
  // Its county first (one Query), then as the county's but for one township.
  expect(res.ddbRequests).toBeLessThanOrEqual(1 + 1 + 2 * 2 + 2);
  expectApiError(await call('GET', `/commission/change-list?from=2026-10-01&townshipId=${w.townships[0]}`, { token: township, headers: at(NOW) }), 403, 'forbidden');
  const narrowed = await download(county, `from=2026-10-01&townshipId=${w.townships[1]}`);
  expect(narrowed.res.body.rows).toBe(res.body.rows);
});

test('only commission staff; a county officer only their county', async () => {
  expectApiError(await call('GET', '/commission/change-list?from=2026-10-01', { token: await tokenFor(w.cadre), headers: at(NOW) }), 403, 'forbidden');
  expectApiError(await call('GET', '/commission/change-list?from=2026-10-01&townshipId=t_chengguan', { token: county, headers: at(NOW) }), 403, 'forbidden');
});

test('bad dates get a Chinese message for the field', async () => {
  const res = await call('GET', '/commission/change-list?from=2025-11-19', { token: county, headers: at(NOW) });
  expectApiError(res, 400, 'invalid_request');
  expect(res.body.fields).toEqual({ 'query.from': '开始日期最早为 12 个月前' });
});
