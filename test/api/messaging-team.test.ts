import { randomBytes } from 'node:crypto';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { expectApiError, getItem, operations, queryPartition } from './support-table';

/**
 * Round 2 of messaging: consultations reach the doctor's TEAM, a first answer counts on the
 * member's contract, and the commission sees counts and response times only.
 *
 * Owns (support-table.ts, messaging*): consultations of f_0012 (p_m0019, p_m0020; 河湾村, 柳林乡,
 * team tm_liulin = p_doc04 lead, p_doc03 the family's doctor, p_doc05 specialist), its
 * conversation with the township leader p_lead02, the `consultations` counter of p_m0019's and
 * p_m0020's contracts, and the messaging counters of March 2027 (every call here runs at an
 * injected time in that month, so no other file writes those counters).
 */
const tk = tokenFor;
const newId = () => `q_${randomBytes(8).toString('hex')}`;
const base = '/families/f_0012/consultations';
const hour = 3600_000;
const T0 = Date.parse('2027-03-10T02:00:00Z');
const at = (offsetMs = 0) => ({ 'x-test-now': new Date(T0 + offsetMs).toISOString() });
const open = (member: string, id: string, subject: string, offsetMs = 0) =>
  call('POST', base, { token: member, body: { consultationId: id, subject, description: `${subject}，请医生看看`, urgentSymptoms: false }, headers: at(offsetMs) });

async function consultationsDelivered(memberId: string): Promise<number> {
  const state = await getItem(keys.signingState(memberId));
  const contract = await getItem(keys.signingContract(memberId, state!.contractId));
  return contract!.delivered.consultations;
}

describe("a consultation reaches the doctor's team", () => {
  test('every team member sees it in the inbox, reads and answers it; another team cannot', async () => {
    const member = await tk('p_m0020');
    const id = newId();
    expect((await open(member, id, '血压药换了以后头晕')).status).toBe(201);
    const meta = await getItem(keys.threadMeta(id));
    expect(meta).toMatchObject({ teamId: 'tm_liulin', gsi1pk: 'INBOX#TEAM#tm_liulin', staffId: 'p_doc03' });

    // The specialist and the team lead are not the family's doctor contact, yet it is in their inbox.
    for (const staff of ['p_doc05', 'p_doc04', 'p_doc03']) {
      const inbox = await call('GET', '/staff/inbox', { token: await tk(staff), headers: at(hour) });
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.find((i: any) => i.threadId === id)).toMatchObject({ kind: 'consultation', waiting: true, familyId: 'f_0012', villageName: '河湾村' });
    }
    // A doctor's inbox: the key-only team lookup, then one Query per team (p_doc03 is on two), and
    // one BatchGet of the members' consent when the page shows a closed consultation (other suites
    // close consultations of this team's members, e.g. access-log.test.ts).
    // (plus, for entries written before they carried the member, one BatchGet of their threads).
    const expectInboxReads = (res: any, queries: number) => {
      const ops = operations(res);
      expect(ops.slice(0, queries)).toEqual(Array(queries).fill('QueryCommand'));
      const rest = ops.slice(queries);
      if (!res.body.items.some((i: any) => i.status === 'closed')) expect(rest).toEqual([]);
      else expect(rest.length === 1 || rest.length === 2 ? rest.every((o: string) => o === 'BatchGetItemCommand') : rest).toBe(true);
    };
    expectInboxReads(await call('GET', '/staff/inbox', { token: await tk('p_doc05'), headers: at(hour) }), 2);
    expectInboxReads(await call('GET', '/staff/inbox', { token: await tk('p_doc03'), headers: at(hour) }), 3);
    // 城关镇's team does not see it and may not open it.
    const outsider = await tk('p_doc01');
    const theirs = await call('GET', '/staff/inbox', { token: outsider, headers: at(hour) });
    expect(theirs.body.items.some((i: any) => i.threadId === id)).toBe(false);
    expectApiError(await call('GET', `${base}/${id}`, { token: outsider }), 403, 'forbidden');
    expectApiError(await call('GET', `${base}/${id}/messages`, { token: outsider }), 403, 'forbidden');
    const before = (await queryPartition(keys.threadPk(id))).length;
    expectApiError(await call('POST', `${base}/${id}/messages`, { token: outsider, body: { text: '我来回答' } }), 403, 'forbidden');
    expect((await queryPartition(keys.threadPk(id))).length).toBe(before);

    const specialist = await tk('p_doc05');
    expect((await call('GET', `${base}/${id}`, { token: specialist })).status).toBe(200);
    const delivered = await consultationsDelivered('p_m0020');
    const answer = await call('POST', `${base}/${id}/messages`, { token: specialist, body: { text: '先量三天血压，早晚各一次。' }, headers: at(2 * hour) });
    expect(answer.status).toBe(201);
    // The first answer counts one consultation on the member's contract, in the same transaction.
    expect(operations(answer).filter((o) => o === 'TransactWriteItemsCommand')).toHaveLength(1);
    expect(await consultationsDelivered('p_m0020')).toBe(delivered + 1);
    // The family doctor's team is one of the family's contacts: the answer is the day's 网络沟通 in the ledger.
    expect(await getItem(keys.onlineContactLog('f_0012', '2027-03-10', 'p_doc05'))).toMatchObject({ replies: 1, staffName: '林慧', gsi2pk: 'CONTACTS#t_liulin#2027-03' });
    expect((await getItem(keys.ledgerSummary('f_0012')))?.weeksContacted).toContain('2027-03-08');
    // The member's notification names the one who answered; the thread shows them by name.
    const note = await getItem(keys.outbox(`msg.${answer.body.message.id}.p_m0020`));
    expect(note).toMatchObject({ template: 'consultation.reply', data: { doctor: '林慧' } });
    const page = await call('GET', `${base}/${id}/messages`, { token: member });
    expect(page.body.thread.participants.p_doc05).toBe('林慧');

    // Later answers, by anyone on the team, do not count again.
    const lead = await tk('p_doc04');
    expect((await call('POST', `${base}/${id}/messages`, { token: lead, body: { text: '我是团队长，同意林医生的意见。' }, headers: at(3 * hour) })).status).toBe(201);
    expect(await consultationsDelivered('p_m0020')).toBe(delivered + 1);
    expect((await getItem(keys.threadMeta(id)))!.firstReplyAt).toBe(answer.body.message.at);
  });

  test('two team members answering at once count one consultation', async () => {
    const member = await tk('p_m0019');
    const id = newId();
    expect((await open(member, id, '膝盖疼', 4 * hour)).status).toBe(201);
    const delivered = await consultationsDelivered('p_m0019');
    const [a, b] = await Promise.all(
      ['p_doc04', 'p_doc05'].map(async (s) => call('POST', `${base}/${id}/messages`, { token: await tk(s), body: { text: `${s} 的回答` }, headers: at(5 * hour) })),
    );
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await consultationsDelivered('p_m0019')).toBe(delivered + 1);
  });
});

test("the demo county's consultation was opened as a member opens one: in his contract team's inbox, the doctor notified", async () => {
  // Other suites write to this consultation (the authorization matrix aims at it): only what its opening wrote is checked.
  expect(await getItem(keys.threadMeta('q_seedf0002demo'))).toMatchObject({ memberId: 'p_m0003', familyId: 'f_0002', staffId: 'p_doc01', teamId: 'tm_chengguan', subject: '降压药的吃法' });
  expect(await getItem(keys.outbox('cons.q_seedf0002demo'))).toMatchObject({ recipientId: 'p_doc01', template: 'message.new' });
});

describe('the commission sees counts and response times, never content', () => {
  const secret = '只给医生看的隐私内容';

  test('opened, answered, median and 90th percentile first response, overdue, per township', async () => {
    const member = await tk('p_m0019');
    const doctor = await tk('p_doc04');
    // Waiting 30 h without an answer: overdue.
    const waiting = newId();
    expect((await open(member, waiting, `${secret}一`, -30 * hour)).status).toBe(201);
    // Answered after 26 h: late, overdue as well.
    const late = newId();
    expect((await open(member, late, `${secret}二`, -26 * hour)).status).toBe(201);
    expect((await call('POST', `${base}/${late}/messages`, { token: doctor, body: { text: secret }, headers: at() })).status).toBe(201);
    // Answered after 1 h.
    const quick = newId();
    expect((await open(member, quick, `${secret}三`, 6 * hour)).status).toBe(201);
    expect((await call('POST', `${base}/${quick}/messages`, { token: doctor, body: { text: secret }, headers: at(7 * hour) })).status).toBe(201);
    // A conversation with the township leader: opened, answered after 30 minutes.
    const conv = '/families/f_0012/conversations/p_lead02/messages';
    expect((await call('POST', conv, { token: member, body: { text: secret }, headers: at(8 * hour) })).status).toBe(201);
    const reply = await call('POST', conv, { token: await tk('p_lead02'), body: { text: secret }, headers: at(8.5 * hour) });
    expect(reply.status).toBe(201);
    // The family's notification names the contact and their role.
    expect((await getItem(keys.outbox(`msg.${reply.body.message.id}.p_m0019`)))?.data.sender).toMatch(/^乡镇联系人 \S+$/);

    const county = await call('GET', '/commission/messaging?month=2027-03', { token: await tk('p_comm01'), headers: at(9 * hour) });
    expect(county.status).toBe(200);
    expect(operations(county)).toEqual(['QueryCommand']);
    const row = county.body.townships.find((t: any) => t.townshipId === 't_liulin');
    // The earlier test's two consultations (opened at T0 and T0+4h, both answered in 1-2 h) are in this month too.
    expect(row).toMatchObject({
      townshipName: '柳林乡',
      conversationsOpened: 1,
      conversationsAnswered: 1,
      conversationFirstResponseSecs: { median: 1800, p90: 1800 },
      consultationsOpened: 5,
      consultationsAnswered: 4,
      consultationsOverdue: 2,
      consultationsWaiting: 1,
    });
    // First responses: 2 h, 1 h (both answered in the earlier tests), 26 h, 1 h.
    expect(row.consultationFirstResponseSecs).toEqual({ median: 3600, p90: 26 * 3600 });
    // No content, no names, no ids of families or threads anywhere in the answer.
    const raw = JSON.stringify(county.body);
    for (const leak of [secret, 'f_0012', waiting, late, quick, 'p_m0019', 'p_doc04', '膝盖']) expect(raw).not.toContain(leak);
    expect(Object.keys(row).sort()).toEqual(
      ['consultationFirstResponseSecs', 'consultationsAnswered', 'consultationsOpened', 'consultationsOverdue', 'consultationsWaiting', 'conversationFirstResponseSecs', 'conversationsAnswered', 'conversationsOpened', 'townshipId', 'townshipName'].sort(),
    );

    // The township officer sees their township only; others are refused.
    const officer = await tk('p_comm02');
    const own = await call('GET', '/commission/messaging?month=2027-03', { token: officer, headers: at(9 * hour) });
    expect(own.status).toBe(200);
    expect(own.body.townships.map((t: any) => t.townshipId)).toEqual(['t_liulin']);
    expect(own.body.townships[0]).toEqual(row);
    expectApiError(await call('GET', '/commission/messaging?townshipId=t_chengguan', { token: officer }), 403, 'forbidden');
    // Staff and families cannot read it at all.
    for (const who of ['p_doc04', 'p_lead02', 'p_m0019']) expectApiError(await call('GET', '/commission/messaging', { token: await tk(who) }), 403, 'forbidden');
  });
});

describe('a voice clip', () => {
  // After the counters test: a conversation opened now must not be the one counted in March 2027.
  const conv = '/families/f_0012/conversations/p_lead02';
  async function post(ticket: { url: string; fields: Record<string, string> }, bytes: number, override: Record<string, string> = {}) {
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...ticket.fields, ...override })) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(bytes)]), 'voice.mp3');
    return fetch(ticket.url, { method: 'POST', body: form });
  }

  test('is uploaded under the policy (type, size, duration), sent, and listed with its duration', async () => {
    const member = await tk('p_m0019');
    const presign = await call('POST', `${conv}/uploads`, { token: member, body: { kind: 'voice', contentType: 'audio/mpeg', size: 3000, durationMs: 8400 } });
    expect(presign.status).toBe(201);
    const ticket = presign.body;
    // The policy refuses another type, more than the voice limit, and another duration.
    expect((await post(ticket, 3000, { 'Content-Type': 'audio/aac' })).status).toBe(403);
    expect((await post(ticket, 3 * 1024 * 1024 + 1)).status).toBe(403);
    expect((await post(ticket, 3000, { 'x-amz-meta-duration-ms': '59000' })).status).toBe(403);
    expect((await post(ticket, 3000)).status).toBe(204);

    // The same key in another conversation of the family: refused, nothing written.
    const other = '/families/f_0012/conversations/p_cadre04/messages';
    const before = (await queryPartition(keys.threadPk(keys.conversationThreadId('f_0012', 'p_cadre04')))).length;
    expectApiError(await call('POST', other, { token: member, body: { attachments: [{ key: ticket.key }] } }), 400, 'invalid_request');
    expect((await queryPartition(keys.threadPk(keys.conversationThreadId('f_0012', 'p_cadre04')))).length).toBe(before);

    const sent = await call('POST', `${conv}/messages`, { token: member, body: { attachments: [{ key: ticket.key }] } });
    expect(sent.status).toBe(201);
    expect(sent.body.message.attachments).toEqual([expect.objectContaining({ kind: 'voice', contentType: 'audio/mpeg', size: 3000, durationMs: 8400 })]);
    // The township leader lists it: the duration to show, and a short-lived URL that plays it.
    const page = await call('GET', `${conv}/messages`, { token: await tk('p_lead02') });
    const voice = page.body.messages.find((m: any) => m.id === sent.body.message.id);
    expect(voice.attachments[0]).toMatchObject({ kind: 'voice', durationMs: 8400 });
    const audio = await fetch(voice.attachments[0].url);
    expect(audio.status).toBe(200);
    expect((await audio.arrayBuffer()).byteLength).toBe(3000);
  });
});
