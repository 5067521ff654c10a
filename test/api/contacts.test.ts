import { PRIVACY_GUIDE_VERSION } from '../../domain';
import { CARD_TOKEN_TTL_SECONDS, sensitiveFieldLabels } from '../../domain';
import { verifyCardQr } from '../../functions/lib/auth/card-code';
import { call, tokenFor } from '../support/api';
import { auditEventsOf, expectApiError, ms, ownedBy } from './support-table';

/**
 * Reading a family: contacts for each role, the service card, the staff lists, and the access log.
 * The only writes here are phone reveals into AUDIT#f_0001, which this file owns (support-table.ts).
 */
const AUDIT_FAMILY = ownedBy.contacts.audit[0];
const kinds = (res: { body: { contacts: Array<{ kind: string }> } }) => res.body.contacts.map((c) => c.kind);

describe('GET /families/{familyId}/contacts', () => {
  test('a member reads their family: village cadre, township leader, doctor with team, volunteer, in one Query', async () => {
    const res = await call('GET', '/families/f_0001/contacts', { token: await tokenFor('p_m0001') });
    expect(res.status).toBe(200);
    expect(res.ddbRequests).toBe(1);
    expect(res.headers.get('x-lianxin-ddb-operations')).toBe('QueryCommand');
    expect(res.body).toMatchObject({ familyId: 'f_0001', familyName: '王秀英家', villageName: '东关社区', townshipName: '城关镇', missing: [] });
    expect(kinds(res)).toEqual(['village_cadre', 'township_leader', 'doctor', 'volunteer']);
    expect(res.body.contacts.map((c: { name: string }) => c.name)).toEqual(['王桂兰', '张建华', '陈立新', '黄丽']);
    const [cadre, leader, doctor, volunteer] = res.body.contacts;
    expect(cadre).toEqual({ kind: 'village_cadre', personId: 'p_cadre01', name: '王桂兰', title: '社区居委会主任', organisation: '东关社区居委会', phone: '13703110201' });
    expect(leader.personId).toBe('p_lead01');
    expect(volunteer).toMatchObject({ personId: 'p_vol01', organisation: '城关镇计生协会' });
    expect(volunteer.team).toBeUndefined();
    expect(doctor).toMatchObject({ personId: 'p_doc01', organisation: '城关镇卫生院', phone: '0311-86905120' });
    expect(doctor.team.name).toBe('城关镇卫生院家庭医生团队');
    expect(doctor.team.members.map((m: { role: string }) => m.role)).toEqual(['gp', 'nurse', 'village_doctor']);
    for (const m of doctor.team.members) expect(m.phone).toBeTruthy();
    // Nothing sensitive about the family is on this page.
    expect(JSON.stringify(res.body)).not.toMatch(/bereaved|disabled|familyType|lowIncome|registeredPoor|illnessPoverty|idNumber|13831100001/);
  });

  test('a family without a volunteer has the three required contacts and nothing missing', async () => {
    const res = await call('GET', '/families/f_0002/contacts', { token: await tokenFor('p_m0004') });
    expect(res.status).toBe(200);
    expect(kinds(res)).toEqual(['village_cadre', 'township_leader', 'doctor']);
    expect(res.body.missing).toEqual([]);
  });

  test('f_0006 has no village cadre: the member is told who to ask, with a phone', async () => {
    const res = await call('GET', '/families/f_0006/contacts', { token: await tokenFor('p_m0010') });
    expect(res.status).toBe(200);
    expect(res.ddbRequests).toBe(1);
    expect(kinds(res)).toEqual(['township_leader', 'doctor']);
    expect(res.body.missing).toEqual([{ kind: 'village_cadre', whoToAsk: expect.stringContaining('清河县卫健委人口家庭科'), phone: '0311-86901234' }]);
    expect(res.body.missing[0].whoToAsk).toMatch(/联系人/);
  });

  test.each([
    ['contact person p_cadre01, an assigned family', 'p_cadre01', 'f_0002'],
    ['township leader p_lead01, an assigned family in another village', 'p_lead01', 'f_0005'],
    ['doctor p_doc01, a family they serve', 'p_doc01', 'f_0004'],
    ['county commission p_comm01, a family in another township', 'p_comm01', 'f_0010'],
  ])('%s: 200 in two requests (key-only scope read, then the Query)', async (_label, personId, familyId) => {
    const res = await call('GET', `/families/${familyId}/contacts`, { token: await tokenFor(personId) });
    expect(res.status).toBe(200);
    expect(res.body.familyId).toBe(familyId);
    expect(res.body.contacts.length).toBeGreaterThanOrEqual(3);
    expect(res.ddbRequests).toBe(2);
    expect(res.headers.get('x-lianxin-ddb-operations')).toBe('GetItemCommand,QueryCommand');
  });

  test('柳林乡 families have their own doctor', async () => {
    const res = await call('GET', '/families/f_0008/contacts', { token: await tokenFor('p_comm01') });
    expect(res.status).toBe(200);
    expect(res.body.contacts.find((c: { kind: string }) => c.kind === 'doctor').personId).toBe('p_doc03');
  });

  test('a family that does not exist: 403 to staff (existence is not revealed), never 500', async () => {
    for (const personId of ['p_cadre01', 'p_doc01', 'p_comm01', 'p_m0001']) {
      const res = await call('GET', '/families/f_9999/contacts', { token: await tokenFor(personId) });
      expectApiError(res, 403, 'forbidden');
    }
  });
});

describe('GET /families/{familyId}/card', () => {
  test('a member gets the card with a fresh QR token valid 15 minutes that verifies', async () => {
    const before = Date.now();
    const res = await call('GET', '/families/f_0001/card', { token: await tokenFor('p_m0001') });
    expect(res.status).toBe(200);
    expect(res.ddbRequests).toBe(1);
    expect(res.body).toMatchObject({
      familyId: 'f_0001',
      cardNo: 'QH20250001',
      holders: [
        { name: '王秀英', relation: '本人' },
        { name: '李国强', relation: '配偶' },
      ],
      issuedOn: '2025-03-18',
      issuer: '清河县卫生健康局',
      status: 'active',
    });
    expect(res.body.priorities).toEqual(expect.arrayContaining(['优先挂号', '优先就诊', '优先转诊', '优先取药', '优先缴费']));
    const { qr } = res.body;
    expect(qr.content).toMatch(/^LX1\.[A-Z0-9.]+$/);
    expect(qr.content.length).toBeLessThan(100);
    expect(qr.expiresAt).toMatch(/\+08:00$/);
    expect(ms(qr.expiresAt)).toBeGreaterThanOrEqual(before + CARD_TOKEN_TTL_SECONDS * 1000 - 2_000);
    expect(ms(qr.expiresAt)).toBeLessThanOrEqual(Date.now() + CARD_TOKEN_TTL_SECONDS * 1000 + 2_000);

    const claims = await verifyCardQr(qr.content, new Date());
    expect(claims).toMatchObject({ familyId: 'f_0001', version: 1 });
    expect(claims.exp - claims.iat).toBe(CARD_TOKEN_TTL_SECONDS);
    // The card says who is entitled, not why.
    expect(JSON.stringify(res.body)).not.toMatch(/bereaved|disabled|失独|伤残/);
  });

  test('each request signs a new code; a code issued 20 minutes ago no longer verifies', async () => {
    const token = await tokenFor('p_m0001');
    const a = await call('GET', '/families/f_0001/card', { token });
    const b = await call('GET', '/families/f_0001/card', { token, headers: { 'x-test-now': new Date(Date.now() + 1_000).toISOString() } });
    expect(a.body.qr.content).not.toBe(b.body.qr.content);
    const old = await call('GET', '/families/f_0001/card', { token, headers: { 'x-test-now': new Date(Date.now() - 20 * 60_000).toISOString() } });
    expect(old.status).toBe(200);
    await expect(verifyCardQr(old.body.qr.content, new Date())).rejects.toMatchObject({ reason: 'expired' });
    // Tampering breaks it.
    const tampered = a.body.qr.content.slice(0, -2) + (a.body.qr.content.endsWith('AA') ? 'BA' : 'AA');
    await expect(verifyCardQr(tampered, new Date())).rejects.toMatchObject({ reason: 'signature' });
  });
});

describe('staff lists', () => {
  test('GET /contact/families: exactly p_cadre01\'s three families, with family type, in three requests once audited today', async () => {
    const res = await call('GET', '/contact/families', { token: await tokenFor('p_cadre01') });
    expect(res.status).toBe(200);
    // The families, then today's list-read audit events (and a BatchWrite the first time today).
    expect(res.headers.get('x-lianxin-ddb-operations')).toMatch(/^QueryCommand,BatchGetItemCommand,BatchGetItemCommand(,BatchWriteItemCommand)?$/);
    const again = await call('GET', '/contact/families', { token: await tokenFor('p_cadre01') });
    expect(again.headers.get('x-lianxin-ddb-operations')).toBe('QueryCommand,BatchGetItemCommand,BatchGetItemCommand');
    const items = res.body.items as Array<Record<string, any>>;
    expect(items.map((f) => f.familyId).sort()).toEqual(['f_0001', 'f_0002', 'f_0003']);
    expect(Object.fromEntries(items.map((f) => [f.familyId, f.familyType]))).toEqual({ f_0001: 'bereaved', f_0002: 'bereaved', f_0003: 'disabled' });
    for (const f of items) {
      expect(f).toMatchObject({ villageId: 'v_dongguan', villageName: '东关社区', townshipId: 't_chengguan', myContactKind: 'village_cadre', lowIncome: false, registeredPoor: false, illnessPoverty: false });
      for (const m of f.members) expect(m.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
    expect(res.body.nextCursor).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toMatch(/138311000\d\d/);
  });

  test('GET /contact/families: the township leader sees his six, page by page', async () => {
    const token = await tokenFor('p_lead01');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await call('GET', `/contact/families?limit=4${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((f: { familyId: string; myContactKind: string }) => f.familyId));
      for (const f of res.body.items) expect(f.myContactKind).toBe('township_leader');
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 5);
    expect(seen.sort()).toEqual(['f_0001', 'f_0002', 'f_0003', 'f_0004', 'f_0005', 'f_0006']);
  });

  test('GET /doctor/members: members signed to p_doc01 (城关镇 only), without the family type', async () => {
    const res = await call('GET', '/doctor/members', { token: await tokenFor('p_doc01') });
    expect(res.status).toBe(200);
    const items = res.body.items as Array<Record<string, any>>;
    // The signings (Query) and the members' consent (BatchGet); conditions shown (a member who
    // shares health data, e.g. the matrix suite's p_m0003 once it has consented) add the audit's
    // BatchGet, and a BatchWrite when it is the first view of the day.
    const shown = items.some((m) => m.healthDataShared);
    expect(res.ddbRequests).toBeGreaterThanOrEqual(shown ? 3 : 2);
    expect(res.ddbRequests).toBeLessThanOrEqual(shown ? 4 : 2);
    // 城关镇 members who signed: p_m0010 (f_0006) did not sign.
    expect(items.map((m) => m.personId).sort()).toEqual(['p_m0001', 'p_m0002', 'p_m0003', 'p_m0004', 'p_m0005', 'p_m0006', 'p_m0007', 'p_m0008', 'p_m0009']);
    for (const m of items) {
      expect(['东关社区', '西街村']).toContain(m.villageName);
      expect(['f_0001', 'f_0002', 'f_0003', 'f_0004', 'f_0005']).toContain(m.familyId);
      expect(m).not.toHaveProperty('familyType');
      expect(m).not.toHaveProperty('registeredPoor');
      expect(m.signedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(Array.isArray(m.conditions)).toBe(true);
    }
    // Nobody in this stack has agreed to share health data with 王秀英's consent: no conditions.
    expect(items.find((m) => m.personId === 'p_m0001')).toMatchObject({ name: '王秀英', conditions: [], healthDataShared: false });
    expect(JSON.stringify(res.body)).not.toMatch(/bereaved|disabled/);
  });

  test('a doctor sees a member\'s conditions only while the member agrees to share health data', async () => {
    // p_m0002's consent is written only by this test.
    const doctor = await tokenFor('p_doc01');
    const member = await tokenFor('p_m0002');
    const conditionsOf = async () =>
      ((await call('GET', '/doctor/members', { token: doctor })).body.items as Array<Record<string, any>>).find((m) => m.personId === 'p_m0002');
    const consent = (healthData: boolean) =>
      call('PUT', '/me/consent', { token: member, body: { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData } });

    expect((await consent(true)).status).toBe(200);
    expect(await conditionsOf()).toMatchObject({ conditions: ['冠心病'], healthDataShared: true });
    expect((await consent(false)).status).toBe(200);
    expect(await conditionsOf()).toMatchObject({ conditions: [], healthDataShared: false });
  });

  test('GET /commission/families: all 12 families of the county, 5 + 5 + 2, no duplicates', async () => {
    const token = await tokenFor('p_comm01');
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const res = await call('GET', `/commission/families?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
      expect(res.status).toBe(200);
      // The families (one Query), then today's list-read audit (a BatchGet, and a BatchWrite the first time today).
      expect(res.ddbRequests).toBeGreaterThanOrEqual(2);
      expect(res.ddbRequests).toBeLessThanOrEqual(3);
      pages.push(res.body.items.map((f: { familyId: string; familyType: string }) => f.familyId));
      for (const f of res.body.items) expect(['bereaved', 'disabled']).toContain(f.familyType);
      cursor = res.body.nextCursor;
    } while (cursor && pages.length < 5);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(12);
    expect(all.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `f_${String(i + 1).padStart(4, '0')}`));
  });

  test('GET /commission/families?townshipId=…: one township\'s six', async () => {
    const token = await tokenFor('p_comm01');
    for (const [townshipId, expected] of [
      ['t_chengguan', ['f_0001', 'f_0002', 'f_0003', 'f_0004', 'f_0005', 'f_0006']],
      ['t_liulin', ['f_0007', 'f_0008', 'f_0009', 'f_0010', 'f_0011', 'f_0012']],
    ] as const) {
      const res = await call('GET', `/commission/families?townshipId=${townshipId}`, { token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((f: { familyId: string }) => f.familyId).sort()).toEqual(expected);
      for (const f of res.body.items) expect(f.townshipId).toBe(townshipId);
    }
  });

  test('a cursor that is not one of ours → 400 on query.cursor, nothing read', async () => {
    const token = await tokenFor('p_comm01');
    const notJson = Buffer.from('not json').toString('base64url');
    const numbers = Buffer.from(JSON.stringify({ gsi2pk: 'COUNTY#c_qinghe', pk: 1 })).toString('base64url');
    for (const cursor of ['abc', notJson, numbers]) {
      const res = await call('GET', `/commission/families?cursor=${cursor}`, { token });
      expectApiError(res, 400, 'invalid_request');
      expect(res.body.fields?.['query.cursor']).toMatch(/翻页标记/);
      expect(res.ddbRequests).toBe(0);
    }
  });

  test("a cursor from another user's list → 400, not their families", async () => {
    const lead = await call('GET', '/contact/families?limit=2', { token: await tokenFor('p_lead01') });
    expect(lead.body.nextCursor).toBeTruthy();
    const res = await call('GET', `/contact/families?cursor=${lead.body.nextCursor}`, { token: await tokenFor('p_cadre01') });
    expectApiError(res, 400, 'invalid_request');
    expect(res.body.fields?.['query.cursor']).toMatch(/翻页标记/);
    expect(res.body.items).toBeUndefined();
    expect(res.ddbRequests).toBe(0);
  });

  test('a cursor from a list with another filter → 400, not a 500', async () => {
    const token = await tokenFor('p_comm01');
    const first = await call('GET', '/commission/families?townshipId=t_chengguan&limit=2', { token });
    expect(first.body.nextCursor).toBeTruthy();
    const res = await call('GET', `/commission/families?townshipId=t_liulin&cursor=${first.body.nextCursor}`, { token });
    expectApiError(res, 400, 'invalid_request');
    expect(res.body.fields?.['query.cursor']).toMatch(/翻页标记/);
  });

  test('a cursor naming only the partition key → 400, not a 500', async () => {
    const token = await tokenFor('p_comm01');
    const partial = Buffer.from(JSON.stringify({ gsi2pk: 'COUNTY#c_qinghe' })).toString('base64url');
    const res = await call('GET', `/commission/families?cursor=${partial}`, { token });
    expectApiError(res, 400, 'invalid_request');
  });
});

describe('hospital green-channel staff', () => {
  test('GET /me works; every family route and staff list is 403 without reading anything', async () => {
    const token = await tokenFor('p_hosp01');
    const me = await call('GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ personId: 'p_hosp01', role: 'hospital', organisation: '清河县人民医院' });
    for (const path of [
      '/families/f_0001/contacts',
      '/families/f_0001/card',
      '/families/f_0001/members/p_m0001/phone',
      '/families/f_0001/access-log',
      '/contact/families',
      '/doctor/members',
      '/commission/families',
    ]) {
      const res = await call('GET', path, { token });
      expectApiError(res, 403, 'forbidden');
      expect(res.ddbRequests).toBe(0);
    }
  });
});

describe('phone reveal and the access log', () => {
  const auditItems = () => auditEventsOf(AUDIT_FAMILY);

  test('p_cadre01 reveals 王秀英\'s phone: full number, exactly one audit item, and the family sees who looked', async () => {
    const before = await auditItems();
    const res = await call('GET', `/families/${AUDIT_FAMILY}/members/p_m0001/phone`, { token: await tokenFor('p_cadre01') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ personId: 'p_m0001', name: '王秀英', phone: '13831100001' });
    expect(res.headers.get('x-lianxin-ddb-operations')).toBe('GetItemCommand,BatchGetItemCommand,PutItemCommand');

    const after = await auditItems();
    expect(after.length).toBe(before.length + 1);
    const known = new Set(before.map((i) => i.sk));
    const [added] = after.filter((i) => !known.has(i.sk));
    expect(added).toMatchObject({ entity: 'audit', familyId: AUDIT_FAMILY, viewerId: 'p_cadre01', viewerRole: 'contact', subjectId: 'p_m0001', field: 'phone', routeId: 'families.revealMemberPhone' });
    expect(JSON.stringify(added)).not.toMatch(/13831100001/);

    const log = await call('GET', `/families/${AUDIT_FAMILY}/access-log`, { token: await tokenFor('p_m0001') });
    expect(log.status).toBe(200);
    expect(log.ddbRequests).toBe(1);
    // List views on far-future days (access-log.test.ts, x-test-now) may sit above it.
    const entry = log.body.items.find((e: { field: string; viewerName: string }) => e.field === 'phone' && e.viewerName === '王桂兰');
    expect(entry).toEqual({ at: added.at, firstAt: added.at, count: 1, viewerName: '王桂兰', viewerRoleLabel: '联系人', organisation: '东关社区居委会', subjectName: '王秀英', field: 'phone' });
    expect(sensitiveFieldLabels[entry.field as keyof typeof sensitiveFieldLabels]).toBe('手机号');
    expect(entry.at).toMatch(/\+08:00$/);
  });

  test('another member of the family sees the same log', async () => {
    const log = await call('GET', `/families/${AUDIT_FAMILY}/access-log`, { token: await tokenFor('p_m0002') });
    expect(log.status).toBe(200);
    expect(log.body.items.some((e: { viewerName: string }) => e.viewerName === '王桂兰')).toBe(true);
  });

  test('five reveals at once: five audit items, none lost or merged; the log shows them as one line, 5 times', async () => {
    const token = await tokenFor('p_doc01');
    const before = await auditItems();
    const results = await Promise.all(Array.from({ length: 5 }, () => call('GET', `/families/${AUDIT_FAMILY}/members/p_m0002/phone`, { token })));
    for (const r of results) expect(r.body).toEqual({ personId: 'p_m0002', name: '李国强', phone: '13831100002' });
    const after = await auditItems();
    expect(after.length).toBe(before.length + 5);
    expect(new Set(after.map((i) => i.sk)).size).toBe(after.length);

    // Paging the log returns every group exactly once, newest first; the doctor's reveals are one line.
    const member = await tokenFor('p_m0001');
    const seen: Array<{ at: string; viewerName: string; subjectName: string; field: string; count: number }> = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await call('GET', `/families/${AUDIT_FAMILY}/access-log?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: member });
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    const lines = seen.map((e) => `${e.at.slice(0, 10)} ${e.viewerName} ${e.field} ${e.subjectName}`);
    expect(new Set(lines).size).toBe(lines.length);
    const doctorLines = seen.filter((e) => e.viewerName === '陈立新' && e.field === 'phone' && e.subjectName === '李国强');
    expect(doctorLines.length).toBe(1);
    const today = after.filter((i) => i.viewerId === 'p_doc01' && i.subjectId === 'p_m0002' && i.at.slice(0, 10) === doctorLines[0].at.slice(0, 10));
    expect(doctorLines[0].count).toBe(today.length);
    expect(doctorLines[0].count).toBeGreaterThanOrEqual(5);
  });

  test('a member of another family, or a staff member, is not in this family: 404, nothing audited', async () => {
    const token = await tokenFor('p_cadre01');
    const before = await auditItems();
    for (const memberId of ['p_m0003', 'p_cadre01', 'p_m9999']) {
      const res = await call('GET', `/families/${AUDIT_FAMILY}/members/${memberId}/phone`, { token });
      expectApiError(res, 404, 'not_found');
      expect(res.body.phone).toBeUndefined();
    }
    expect((await auditItems()).length).toBe(before.length);
  });
});
