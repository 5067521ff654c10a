import { randomInt } from 'node:crypto';
import { beijingDate, PRIVACY_GUIDE_VERSION, type SensitiveField } from '../../domain';
import { auditListRead } from '../../functions/lib/db/audit';
import { db } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { isListReadAudit, operations, ownedBy, queryPartition } from './support-table';

/**
 * List reads that show a family's type or members' conditions write one audit event per viewer,
 * subject, kind and Beijing day; the family's log groups repeated reads. The list views run on
 * days of their own (x-test-now, years ahead), so other suites' list views never got there first.
 * Owns p_m0014's consent and the health reads of AUDIT#f_0009 (support-table.ts).
 */
const MEMBER = ownedBy.accessLog.member;
const FAMILY = ownedBy.accessLog.family;
const DOCTOR = 'p_doc03';

/** A Beijing noon on a day nobody else uses. */
const freshDay = () => new Date(Date.UTC(2031 + randomInt(0, 20), randomInt(0, 12), randomInt(1, 28), 4));
const at = (d: Date) => ({ 'x-test-now': d.toISOString() });
const listEventsOn = async (familyId: string, viewerId: string, field: SensitiveField, day: Date) =>
  (await queryPartition(keys.auditPk(familyId))).filter((i) => isListReadAudit(i) && i.viewerId === viewerId && i.field === field && i.at.slice(0, 10) === beijingDate(day));
const county = Array.from({ length: 12 }, (_, i) => `f_${String(i + 1).padStart(4, '0')}`);

async function allListEventsOn(viewerId: string, field: SensitiveField, day: Date) {
  return (await Promise.all(county.map((f) => listEventsOn(f, viewerId, field, day)))).flat();
}

beforeAll(async () => {
  const res = await call('PUT', '/me/consent', { token: await tokenFor(MEMBER), body: { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData: true } });
  expect(res.status).toBe(200);
});

describe('list reads are audited once per viewer, family, kind and day', () => {
  test('the county officer lists the twelve families: twelve family-type events, in one BatchGet and one BatchWrite; again: the BatchGet only', async () => {
    const day = freshDay();
    const token = await tokenFor('p_comm01');
    const first = await call('GET', '/commission/families?limit=12', { token, headers: at(day) });
    expect(first.status).toBe(200);
    expect(first.body.items.every((f: { familyType?: string }) => f.familyType)).toBe(true);
    const listOps = operations(first).slice(0, -2);
    expect(operations(first).slice(-2)).toEqual(['BatchGetItemCommand', 'BatchWriteItemCommand']);
    const events = await allListEventsOn('p_comm01', 'family_type', day);
    expect(events.length).toBe(12);
    expect(events.find((e) => e.familyId === 'f_0005')).toMatchObject({ subjectId: 'f_0005', subjectName: '吴振华', viewerName: expect.any(String), routeId: 'staff.listRegionFamilies' });

    const again = await call('GET', '/commission/families?limit=12', { token, headers: at(new Date(day.getTime() + 3600_000)) });
    expect(operations(again)).toEqual([...listOps, 'BatchGetItemCommand']);
    expect((await allListEventsOn('p_comm01', 'family_type', day)).length).toBe(12);
  });

  test('five list views at once on a new day: still exactly one event per family', async () => {
    const day = freshDay();
    const token = await tokenFor('p_comm01');
    const views = await Promise.all(Array.from({ length: 5 }, () => call('GET', '/commission/families?limit=12', { token, headers: at(day) })));
    for (const v of views) expect(v.status).toBe(200);
    expect((await allListEventsOn('p_comm01', 'family_type', day)).length).toBe(12);
  });

  test('a village cadre\'s list of her families is audited the same way', async () => {
    const day = freshDay();
    const cadre = await call('GET', '/contact/families', { token: await tokenFor('p_cadre03'), headers: at(day) });
    expect(cadre.status).toBe(200);
    expect((await allListEventsOn('p_cadre03', 'family_type', day)).length).toBe(cadre.body.items.length);
  });

  test('the doctor\'s member list audits the conditions it shows, only for members who share health data', async () => {
    const day = freshDay();
    const res = await call('GET', '/doctor/members', { token: await tokenFor(DOCTOR), headers: at(day) });
    expect(res.status).toBe(200);
    const shown = (res.body.items as Array<{ personId: string; familyId: string; healthDataShared: boolean }>).filter((m) => m.healthDataShared);
    expect(shown.map((m) => m.personId)).toContain(MEMBER);
    const events = (await Promise.all([...new Set(shown.map((m) => m.familyId))].map((f) => listEventsOn(f, DOCTOR, 'health', day)))).flat();
    expect(events.map((e) => e.subjectId).sort()).toEqual(shown.map((m) => m.personId).sort());
    const notShared = (res.body.items as Array<{ personId: string; familyId: string; healthDataShared: boolean }>).filter((m) => !m.healthDataShared);
    for (const m of notShared) expect((await listEventsOn(m.familyId, DOCTOR, 'health', day)).some((e) => e.subjectId === m.personId)).toBe(false);
  });

  test('the doctor\'s follow-up queue audits each member whose data it shows once a day: consent and markers read per view, BatchWrites only the first time', async () => {
    const day = freshDay();
    const token = await tokenFor(DOCTOR);
    const first = await call('GET', '/doctor/followups', { token, headers: at(day) });
    expect(first.status).toBe(200);
    const entries = first.body.items as Array<{ memberId: string; familyId: string; memberName: string; withheld?: true }>;
    const listed = [...new Set(entries.map((e) => e.memberId))];
    // Members who do not share health data are listed without it (withheld) and not audited.
    const members = [...new Map(entries.filter((e) => !e.withheld).map((e) => [e.memberId, e])).values()];
    expect(members.length).toBeGreaterThan(0);
    const batchGets = Math.ceil(listed.length / 100) + Math.ceil((members.length + 1) / 100);
    expect(operations(first)).toEqual(['QueryCommand', ...Array(batchGets).fill('BatchGetItemCommand'), ...Array(Math.ceil(members.length / 25)).fill('BatchWriteItemCommand')]);
    const eventsOf = async () => (await Promise.all([...new Set(members.map((m) => m.familyId))].map((f) => listEventsOn(f, DOCTOR, 'health', day)))).flat();
    const events = await eventsOf();
    expect(events.map((e) => e.subjectId).sort()).toEqual(members.map((m) => m.memberId).sort());
    expect(events.find((e) => e.subjectId === members[0].memberId)).toMatchObject({ subjectName: members[0].memberName, viewerName: '马德福', routeId: 'followups.getQueue' });

    const again = await call('GET', '/doctor/followups', { token, headers: at(new Date(day.getTime() + 3600_000)) });
    expect(again.status).toBe(200);
    expect(operations(again)).toEqual(['QueryCommand', ...Array(batchGets).fill('BatchGetItemCommand')]);
    expect((await eventsOf()).length).toBe(members.length);
  });

  test('thirty families in one list cost one BatchGet and two BatchWrites; the same list again costs one BatchGet', async () => {
    const sent: string[] = [];
    const client = db();
    const original = client.send.bind(client);
    const spy = jest.spyOn(client, 'send').mockImplementation(((command: { constructor: { name: string } }) => {
      sent.push(command.constructor.name);
      return original(command as Parameters<typeof original>[0]);
    }) as typeof client.send);
    try {
      const tag = randomInt(100000, 999999);
      const subjects = Array.from({ length: 30 }, (_, i) => ({ familyId: `f_tal${tag}${i}`, subjectId: `f_tal${tag}${i}`, subjectName: '测试户', field: 'family_type' as const }));
      const principal = { personId: 'p_comm01', role: 'commission' as const, level: 'county' as const, regionId: 'c_qinghe' };
      const now = freshDay();
      await auditListRead(principal, subjects, 'staff.listRegionFamilies', now);
      expect(sent).toEqual(['BatchGetCommand', 'BatchWriteCommand', 'BatchWriteCommand']);
      sent.length = 0;
      await auditListRead(principal, subjects, 'staff.listRegionFamilies', new Date(now.getTime() + 60_000));
      expect(sent).toEqual(['BatchGetCommand']);
      spy.mockRestore();
      const written = (await Promise.all(subjects.map((s) => queryPartition(keys.auditPk(s.familyId))))).flat();
      expect(written.length).toBe(30);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the family\'s access log groups repeated reads by viewer, kind and day', () => {
  test('马德福 reads 蒋立军\'s health file four times in a minute: one line, 4 次', async () => {
    const day = freshDay();
    const doctor = await tokenFor(DOCTOR);
    for (let i = 0; i < 4; i++) {
      const res = await call('GET', `/families/${FAMILY}/members/${MEMBER}/health`, { token: doctor, headers: at(new Date(day.getTime() + i * 10_000)) });
      expect(res.status).toBe(200);
    }
    // The same day, his phone too: a line of its own.
    expect((await call('GET', `/families/${FAMILY}/members/${MEMBER}/phone`, { token: doctor, headers: at(new Date(day.getTime() + 50_000)) })).status).toBe(200);

    const log = await call('GET', `/families/${FAMILY}/access-log`, { token: await tokenFor(MEMBER) });
    expect(log.status).toBe(200);
    const ofDay = (log.body.items as Array<Record<string, any>>).filter((e) => e.at.slice(0, 10) === beijingDate(day));
    expect(ofDay).toEqual([
      expect.objectContaining({ viewerName: '马德福', subjectName: '蒋立军', field: 'phone', count: 1 }),
      expect.objectContaining({ viewerName: '马德福', subjectName: '蒋立军', field: 'health', count: 4, firstAt: expect.stringMatching(/\+08:00$/) }),
    ]);
    expect(Date.parse(ofDay[1].at) - Date.parse(ofDay[1].firstAt)).toBe(30_000);
  });
});

describe('withdrawing health-data consent: past consultations follow the health-file rule', () => {
  const base = `/families/${FAMILY}/consultations`;
  const newId = () => `q_${randomInt(1e9, 1e10).toString(16)}${randomInt(1e6, 1e7).toString(16)}`;
  const consent = async (healthData: boolean) =>
    expect((await call('PUT', '/me/consent', { token: await tokenFor(MEMBER), body: { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData } })).status).toBe(200);
  /** The consultation's row in the doctor's team inbox, and the DynamoDB operations of the page that held it. */
  async function inboxRow(threadId: string, headers: Record<string, string> = {}) {
    const token = await tokenFor(DOCTOR);
    let cursor: string | undefined;
    do {
      const res = await call('GET', `/staff/inbox${cursor ? `?cursor=${cursor}` : ''}`, { token, headers });
      expect(res.status).toBe(200);
      const row = (res.body.items as Array<Record<string, unknown>>).find((i) => i.threadId === threadId);
      if (row) return { row, ops: operations(res) };
      cursor = res.body.nextCursor;
    } while (cursor);
    throw new Error(`${threadId} is not in the inbox`);
  }
  /** The key-only team lookup and a Query per team, plus ONE BatchGet of consent when the page shows a closed consultation. */
  const expectInboxBudget = (ops: string[], closedShown: boolean) => {
    expect(ops.filter((o) => o !== 'QueryCommand')).toEqual(closedShown ? ['BatchGetItemCommand'] : []);
    expect(ops.length).toBeLessThanOrEqual(4);
  };

  test('closed consultations close to the doctor with the consent, open ones stay until closed, the family keeps all, agreeing again restores', async () => {
    const member = await tokenFor(MEMBER);
    const doctor = await tokenFor(DOCTOR);
    const past = newId();
    const current = newId();
    expect((await call('POST', base, { token: member, body: { consultationId: past, subject: '头晕', description: '早上起床头晕', urgentSymptoms: false } })).status).toBe(201);
    expect((await call('POST', `${base}/${past}/messages`, { token: doctor, body: { text: '先量一下血压。' } })).status).toBe(201);
    expect((await call('POST', `${base}/${past}/close`, { token: member, body: {} })).body.consultation.status).toBe('closed');
    expect((await call('POST', base, { token: member, body: { consultationId: current, subject: '血压药', description: '氨氯地平可以晚上吃吗', urgentSymptoms: false } })).status).toBe(201);
    expect((await call('GET', `${base}/${past}/messages`, { token: doctor })).status).toBe(200);
    const before = await inboxRow(past);
    expect(before.row).toMatchObject({ status: 'closed', subject: '头晕', preview: '先量一下血压。' });
    expect(before.row.withheld).toBeUndefined();
    expectInboxBudget(before.ops, true);

    await consent(false);
    // The team's inbox keeps the closed consultation's row but no longer shows what was asked or answered.
    const withdrawn = await inboxRow(past);
    expect(withdrawn.row).toMatchObject({ status: 'closed', preview: '', withheld: true, familyId: FAMILY });
    expect(withdrawn.row.subject).toBeUndefined();
    expectInboxBudget(withdrawn.ops, true);
    expect(JSON.stringify(withdrawn.row)).not.toMatch(/头晕|血压/);
    const open = await inboxRow(current);
    expect(open.row).toMatchObject({ subject: '血压药', preview: expect.stringContaining('氨氯地平') });
    expect(open.row.withheld).toBeUndefined();
    for (const path of [`${base}/${past}`, `${base}/${past}/messages`]) {
      const refused = await call('GET', path, { token: doctor });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/撤回在线共享健康信息/);
    }
    expect((await call('POST', `${base}/${past}/read`, { token: doctor, body: {} })).status).toBe(403);
    // The health file says the same.
    expect((await call('GET', `/families/${FAMILY}/members/${MEMBER}/health`, { token: doctor })).status).toBe(403);
    // The open consultation: still seen and answered.
    expect((await call('GET', `${base}/${current}/messages`, { token: doctor })).status).toBe(200);
    expect((await call('POST', `${base}/${current}/messages`, { token: doctor, body: { text: '可以，每天同一时间吃。' } })).status).toBe(201);
    // A week after that answer it has closed by itself: then it follows the rule too.
    const week = { 'x-test-now': new Date(Date.now() + 7 * 86400_000 + 120_000).toISOString() };
    expect((await call('GET', `${base}/${current}`, { token: doctor, headers: week })).status).toBe(403);
    expect((await inboxRow(current, week)).row).toMatchObject({ status: 'closed', preview: '', withheld: true });
    // The family keeps everything.
    const own = await call('GET', `${base}/${past}/messages`, { token: member });
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).toContain('先量一下血压');

    await consent(true);
    expect((await call('GET', `${base}/${past}/messages`, { token: doctor })).status).toBe(200);
    const again = await inboxRow(past);
    expect(again.row).toMatchObject({ status: 'closed', subject: '头晕', preview: '先量一下血压。' });
    expect(again.row.withheld).toBeUndefined();
    expect((await inboxRow(current, week)).row).toMatchObject({ status: 'closed', subject: '血压药' });
    expect((await call('GET', `${base}/${current}`, { token: doctor, headers: week })).status).toBe(200);
  });
});
