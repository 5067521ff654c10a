import { addDays, beijingDate, contractEndDate, TerminationReason } from '../../domain';
import { keys } from '../../functions/lib/db/keys';
import { isStaffOnMemberContractTeam } from '../../functions/lib/db/signing';
import { call, tokenFor } from '../support/api';
import { expectIdempotent, idemKey } from './idempotency-support';
import { SG, writeSigningFixture, writeVillageFamily } from './signing-fixture';
import { expectApiError, getItem, operations, queryPartition } from './support-table';

/**
 * Family-doctor signing over HTTP on DynamoDB Local, in the fixture county of signing-fixture.ts
 * (its partitions belong to this file only). Times that matter are set with x-test-now.
 */
const today = beijingDate(new Date());
const at = (date: string) => ({ 'x-test-now': `${date}T10:00:00+08:00` });
const fam = SG.familyOf;
const contractsOf = async (memberId: string) => (await queryPartition(keys.signingPk(memberId))).filter((i) => String(i.sk).startsWith('CONTRACT#'));
const outboxFor = async (dedupeKey: string) => getItem(keys.outbox(dedupeKey));

// A 1x1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The phone's side of a signature: a presigned POST from the API, then the file straight to S3. */
async function uploadSignature(memberId: string, contractId: string, file: Uint8Array, contentType = 'image/png', uploader = memberId) {
  const token = await tokenFor(uploader);
  const ticket = await call('POST', contractPath(memberId, contractId, 'signature/upload'), { token, body: { contentType, size: file.length } });
  expect(ticket.status).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), 'signature.png');
  const res = await fetch(ticket.body.url, { method: 'POST', body: form });
  return { key: ticket.body.key as string, status: res.status, token };
}

async function apply(memberId: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return call('POST', `/families/${fam(memberId)}/signing/applications`, { token: await tokenFor(memberId), body: { memberId, ...body }, headers });
}
async function accept(memberId: string, applicationId: string, lead: string = SG.leadA, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return call('POST', `/team/applications/${memberId}/${applicationId}/accept`, { token: await tokenFor(lead), body, headers });
}
async function signMember(memberId: string, lead: string = SG.leadA) {
  const app = await apply(memberId);
  expect(app.status).toBe(201);
  const res = await accept(memberId, app.body.applicationId, lead);
  expect(res.status).toBe(201);
  return res.body;
}
const contractPath = (memberId: string, contractId: string, verb: string) => `/families/${fam(memberId)}/members/${memberId}/contracts/${contractId}/${verb}`;

beforeAll(async () => {
  await writeSigningFixture();
});

describe('apply → accept → contract', () => {
  test('the family page shows the village team, the packages and that nobody is signed', async () => {
    const res = await call('GET', `/families/${fam('p_sgm01')}/signing`, { token: await tokenFor('p_sgm01') });
    expect(res.status).toBe(200);
    expect(res.body.team).toMatchObject({ teamId: SG.teamA, name: '测试甲团队', villageNames: ['甲村'] });
    expect(res.body.team.members.find((m: { isLead: boolean }) => m.isLead).personId).toBe(SG.leadA);
    expect(res.body.packages.map((p: { packageId: string }) => p.packageId)).toEqual(['basic', 'chronic', 'elderly_care', 'rehab', 'mental']);
    expect(res.body.packages[0].feeYuan).toBe(0);
    expect(res.body.members).toEqual([expect.objectContaining({ personId: 'p_sgm01', state: 'none' })]);
  });

  test('apply with an Idempotency-Key: a retry gets the first answer and writes nothing; another request under the key 409; a second application is refused', async () => {
    // The member's family is in the token: no read before the marker.
    const first = await expectIdempotent({
      route: 'signing.apply',
      send: (key) => apply('p_sgm01', { optionalPackages: ['chronic'] }, { 'idempotency-key': key }),
      other: (key) => apply('p_sgm01', { optionalPackages: ['rehab'] }, { 'idempotency-key': key }),
      status: 201,
    });
    expect(first.body).toMatchObject({ memberId: 'p_sgm01', status: 'pending', teamName: '测试甲团队', overdue: false });
    expect(first.body.packages.map((p: { packageId: string }) => p.packageId)).toEqual(['basic', 'chronic']);
    expect((await queryPartition(keys.signingPk('p_sgm01'))).filter((i) => String(i.sk).startsWith('APP#'))).toHaveLength(1);
    const before = await queryPartition(keys.signingPk('p_sgm01'));
    const again = await apply('p_sgm01', {}, { 'idempotency-key': 'sgm01-apply-2' });
    expectApiError(again, 409, 'conflict');
    expect(await queryPartition(keys.signingPk('p_sgm01'))).toEqual(before);
    // The team lead is told, in the same transaction (the local sender may already have handled it).
    expect(await outboxFor(`signing-apply-${first.body.applicationId}`)).toMatchObject({ recipientId: SG.leadA, template: 'signing.update', data: { team: '测试甲团队', status: '赵一申请签约' } });
  });

  test("the lead's pending list is one Query and holds only the lead's team's applications", async () => {
    const res = await call('GET', '/team/applications', { token: await tokenFor(SG.leadA) });
    expect(res.status).toBe(200);
    expect(res.ddbRequests).toBe(1);
    expect(operations(res)).toEqual(['QueryCommand']);
    expect(res.body.items.map((a: { memberId: string }) => a.memberId)).toContain('p_sgm01');
    const other = await call('GET', '/team/applications', { token: await tokenFor(SG.leadB) });
    expect(other.body.items.map((a: { memberId: string }) => a.memberId)).not.toContain('p_sgm01');
  });

  test('only the lead answers: another doctor, even of the team, is refused; then the lead accepts', async () => {
    const [app] = (await call('GET', '/team/applications', { token: await tokenFor(SG.leadA) })).body.items.filter((a: { memberId: string }) => a.memberId === 'p_sgm01');
    for (const doctor of [SG.docA, SG.leadB]) expectApiError(await accept('p_sgm01', app.applicationId, doctor), 403, 'forbidden');
    const res = await accept('p_sgm01', app.applicationId);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ memberId: 'p_sgm01', teamId: SG.teamA, doctorId: SG.docA, status: 'active', startDate: today, endDate: contractEndDate(today), renewable: false });
    expect(res.body.confirmation).toBeUndefined();
    // One read of the application, then one transaction.
    expect(operations(res)).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    const contractId = res.body.contractId;
    // The projection the doctors' lists read, the doctor contact, the state, the member's notice.
    expect(await getItem(keys.familySigning(fam('p_sgm01'), 'p_sgm01'))).toMatchObject({ doctorId: SG.docA, teamName: '测试甲团队', signedOn: today, gsi1pk: keys.staffPk(SG.docA) });
    expect(await getItem(keys.familyContact(fam('p_sgm01'), SG.docA))).toMatchObject({ kind: 'doctor', team: { name: '测试甲团队' } });
    expect(await getItem(keys.signingState('p_sgm01'))).toMatchObject({ state: 'signed', contractId, teamId: SG.teamA });
    expect(await outboxFor(`signing-accepted-${app.applicationId}`)).toMatchObject({ recipientId: 'p_sgm01' });
    expect((await call('GET', '/team/applications', { token: await tokenFor(SG.leadA) })).body.items.map((a: { memberId: string }) => a.memberId)).not.toContain('p_sgm01');
    expect(await isStaffOnMemberContractTeam(SG.leadA, 'p_sgm01')).toBe(true);
    expect(await isStaffOnMemberContractTeam(SG.docA, 'p_sgm01')).toBe(true);
    expect(await isStaffOnMemberContractTeam(SG.leadB, 'p_sgm01')).toBe(false);
  });

  test("the member's contract with what was promised and done: one Query for the member, two for the doctor", async () => {
    const path = `/families/${fam('p_sgm01')}/members/p_sgm01/contracts`;
    const mine = await call('GET', path, { token: await tokenFor('p_sgm01') });
    expect(mine.status).toBe(200);
    expect(mine.ddbRequests).toBe(1);
    expect(mine.body.current.packages.map((p: { name: string }) => p.name)).toEqual(['基础服务包', '慢性病管理包']);
    expect(mine.body.current.performance).toEqual([
      { kind: 'followUps', label: '随访', promisedPerYear: 16, dueSoFar: 0, done: 0 },
      { kind: 'homeVisits', label: '上门服务', promisedPerYear: 4, dueSoFar: 0, done: 0 },
      { kind: 'consultations', label: '在线咨询答复', promisedPerYear: 12, dueSoFar: 0, done: 0 },
      { kind: 'refills', label: '长处方续方', promisedPerYear: 4, dueSoFar: 0, done: 0 },
    ]);
    const doctor = await call('GET', path, { token: await tokenFor(SG.docA) });
    expect(doctor.status).toBe(200);
    expect(doctor.ddbRequests).toBe(2);
    // Half a year on, half the promise is due.
    const later = await call('GET', path, { token: await tokenFor('p_sgm01'), headers: at(addDays(today, 182)) });
    expect(later.body.current.performance[0]).toMatchObject({ promisedPerYear: 16, dueSoFar: 8 });
  });

  test('a doctor of another team cannot read the contract (not a contact of the family)', async () => {
    const res = await call('GET', `/families/${fam('p_sgm01')}/members/p_sgm01/contracts`, { token: await tokenFor(SG.leadB) });
    expectApiError(res, 403, 'forbidden');
  });
});

describe('the one-active-contract rule', () => {
  test('two concurrent acceptances of one application make exactly one contract', async () => {
    const app = await apply('p_sgm02');
    expect(app.status).toBe(201);
    const results = await Promise.all([accept('p_sgm02', app.body.applicationId), accept('p_sgm02', app.body.applicationId), accept('p_sgm02', app.body.applicationId)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const contracts = await contractsOf('p_sgm02');
    expect(contracts).toHaveLength(1);
    expect((await getItem(keys.signingState('p_sgm02')))?.contractId).toBe(contracts[0].contractId);
  });
});

describe('decline', () => {
  test('the lead declines with a reason the member sees; the member may apply again', async () => {
    const app = await apply('p_sgm03');
    const lead = await tokenFor(SG.leadA);
    const bad = await call('POST', `/team/applications/p_sgm03/${app.body.applicationId}/decline`, { token: lead, body: { reason: ' ' } });
    expect(bad.status).toBe(400);
    const res = await call('POST', `/team/applications/p_sgm03/${app.body.applicationId}/decline`, { token: lead, body: { reason: '本月团队满员，请下月再申请' } });
    expect(res.status).toBe(200);
    const page = await call('GET', `/families/${fam('p_sgm03')}/signing`, { token: await tokenFor('p_sgm03') });
    expect(page.body.members[0]).toMatchObject({ state: 'declined', application: { status: 'declined', declineReason: '本月团队满员，请下月再申请' } });
    expectApiError(await accept('p_sgm03', app.body.applicationId), 409, 'conflict');
    expect(await contractsOf('p_sgm03')).toHaveLength(0);
    expect(await outboxFor(`signing-declined-${app.body.applicationId}`)).toMatchObject({ recipientId: 'p_sgm03' });
  });
});

describe('the signature', () => {
  test('the member uploads the PNG to S3 and signs once; the contract keeps the key and the time; the image reads back', async () => {
    const contract = (await call('GET', `/families/${fam('p_sgm01')}/members/p_sgm01/contracts`, { token: await tokenFor('p_sgm01') })).body.current;
    const path = contractPath('p_sgm01', contract.contractId, 'signature');
    const up = await uploadSignature('p_sgm01', contract.contractId, PNG);
    expect(up.status).toBe(204);
    expect(up.key).toMatch(new RegExp(`^sign/${fam('p_sgm01')}/${contract.contractId}/p_sgm01/[0-9a-f-]+\\.png$`));
    const res = await call('PUT', path, { token: up.token, body: { key: up.key }, headers: at(today) });
    expect(res.status).toBe(200);
    expect(res.body.confirmation).toMatchObject({ kind: 'signature', byName: '赵一' });
    const item = await getItem(keys.signingContract('p_sgm01', contract.contractId));
    expect(item?.confirmation).toMatchObject({ kind: 'signature', key: up.key, imageKind: 'png', bytes: PNG.length, at: `${today}T10:00:00+08:00` });
    expect(await queryPartition(keys.signingPk('p_sgm01'))).not.toContainEqual(expect.objectContaining({ sk: expect.stringMatching(/^SIGNATURE#/) }));

    const stored = await call('GET', path, { token: up.token });
    expect(stored.status).toBe(200);
    expect(stored.body.at).toBe(`${today}T10:00:00+08:00`);
    const image = await fetch(stored.body.url);
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
    // The family's doctor reads it too; a second confirmation is refused.
    expect((await call('GET', path, { token: await tokenFor(SG.docA) })).status).toBe(200);
    expectApiError(await call('PUT', path, { token: up.token, body: { key: up.key } }), 409, 'conflict');
  });

  test("another family's member can neither get an upload ticket nor sign it, before anything is read", async () => {
    const contract = (await call('GET', `/families/${fam('p_sgm01')}/members/p_sgm01/contracts`, { token: await tokenFor('p_sgm01') })).body.current;
    const other = await tokenFor('p_sgm02');
    const ticket = await call('POST', contractPath('p_sgm01', contract.contractId, 'signature/upload'), { token: other, body: { contentType: 'image/png', size: 100 } });
    expectApiError(ticket, 403, 'forbidden');
    expect(ticket.ddbRequests).toBe(0);
    const res = await call('PUT', contractPath('p_sgm01', contract.contractId, 'signature'), { token: other, body: { key: `sign/${fam('p_sgm01')}/${contract.contractId}/p_sgm02/x.png` } });
    expectApiError(res, 403, 'forbidden');
    expect(res.ddbRequests).toBe(0);
  });

  test('not an image, over 1 MB, another contract\'s upload or never uploaded: 400 and nothing written', async () => {
    const { contractId } = await signMember('p_sgm04');
    const path = contractPath('p_sgm04', contractId, 'signature');
    const before = await queryPartition(keys.signingPk('p_sgm04'));
    const member = await tokenFor('p_sgm04');
    const confirm = async (key: string, field: string) => {
      const res = await call('PUT', path, { token: member, body: { key } });
      expectApiError(res, 400, 'invalid_request');
      expect(res.body.fields).toEqual({ 'body.key': field });
      // One GetItem of the contract; nothing written.
      expect(res.ddbRequests).toBe(1);
    };
    // SVG text declared as PNG: S3 stores it, the magic bytes refuse it.
    const svg = await uploadSignature('p_sgm04', contractId, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(svg.status).toBe(204);
    await confirm(svg.key, '不是 PNG 或 JPEG 图片');
    // A JPEG declared as PNG.
    const jpegAsPng = await uploadSignature('p_sgm04', contractId, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0, 0]));
    await confirm(jpegAsPng.key, '不是 PNG 或 JPEG 图片');
    // Over 1 MB: the ticket is refused, and so is an upload past the policy.
    const big = Buffer.alloc(1024 * 1024 + 1);
    PNG.copy(big);
    expectApiError(await call('POST', contractPath('p_sgm04', contractId, 'signature/upload'), { token: member, body: { contentType: 'image/png', size: big.length } }), 400, 'invalid_request');
    const sneaked = await uploadSignature('p_sgm04', contractId, PNG);
    const form = new FormData();
    const ticket = (await call('POST', contractPath('p_sgm04', contractId, 'signature/upload'), { token: member, body: { contentType: 'image/png', size: 1000 } })).body;
    for (const [k, v] of Object.entries(ticket.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(big)]), 'big.png');
    expect((await fetch(ticket.url, { method: 'POST', body: form })).status).toBe(403);
    await confirm(ticket.key, '附件不存在');
    // p_sgm01's upload named on p_sgm04's contract, and a key of this contract by someone else.
    const contract01 = (await call('GET', `/families/${fam('p_sgm01')}/members/p_sgm01/contracts`, { token: await tokenFor('p_sgm01') })).body.current;
    await confirm(`sign/${fam('p_sgm01')}/${contract01.contractId}/p_sgm01/x.png`, '签名图片不属于这份签约');
    await confirm(sneaked.key.replace('/p_sgm04/', `/${SG.leadA}/`), '签名图片不属于这份签约');
    expect(await queryPartition(keys.signingPk('p_sgm04'))).toEqual(before);
  });

  test("the team's doctor uploads the signature the member drew on the doctor's phone", async () => {
    const { contractId } = (await call('GET', `/families/${fam('p_sgm04')}/members/p_sgm04/contracts`, { token: await tokenFor('p_sgm04') })).body.current;
    // A doctor of another team gets no ticket.
    expectApiError(await call('POST', contractPath('p_sgm04', contractId, 'signature/upload'), { token: await tokenFor(SG.leadB), body: { contentType: 'image/png', size: 10 } }), 403, 'forbidden');
    const up = await uploadSignature('p_sgm04', contractId, PNG, 'image/png', SG.docA);
    expect(up.key).toContain(`/${SG.docA}/`);
    const res = await call('PUT', contractPath('p_sgm04', contractId, 'signature'), { token: up.token, body: { key: up.key } });
    expect(res.status).toBe(200);
    expect(res.body.confirmation).toMatchObject({ kind: 'signature', byName: '李四' });
  });
});

describe('renewal', () => {
  test('opens 30 days before the end, not 31; one tap renews once; the team lists it meanwhile', async () => {
    const contract = (await call('GET', `/families/${fam('p_sgm02')}/members/p_sgm02/contracts`, { token: await tokenFor('p_sgm02') })).body.current;
    const member = await tokenFor('p_sgm02');
    const path = contractPath('p_sgm02', contract.contractId, 'renew');
    const day31 = addDays(contract.endDate, -31);
    const day30 = addDays(contract.endDate, -30);

    const lead = await tokenFor(SG.leadA);
    const expiring = async (date: string) => (await call('GET', '/team/contracts/expiring', { token: lead, headers: at(date) })).body.items.map((c: { memberId: string }) => c.memberId);
    expect(await expiring(day31)).not.toContain('p_sgm02');
    expect(await expiring(day30)).toContain('p_sgm02');

    const early = await call('POST', path, { token: member, body: {}, headers: at(day31) });
    expectApiError(early, 409, 'conflict');
    expect(await contractsOf('p_sgm02')).toHaveLength(1);
    const shown = await call('GET', `/families/${fam('p_sgm02')}/members/p_sgm02/contracts`, { token: member, headers: at(day30) });
    expect(shown.body.current.renewable).toBe(true);

    const [renewed, twice] = await Promise.all([call('POST', path, { token: member, body: {}, headers: at(day30) }), call('POST', path, { token: member, body: {}, headers: at(day30) })]);
    expect([renewed.status, twice.status].sort()).toEqual([201, 409]);
    const next = renewed.status === 201 ? renewed.body : twice.body;
    expect(next).toMatchObject({ startDate: addDays(contract.endDate, 1), endDate: contractEndDate(addDays(contract.endDate, 1)), status: 'active', confirmation: { kind: 'tap' } });
    const all = await contractsOf('p_sgm02');
    expect(all.map((c) => c.status).sort()).toEqual(['active', 'renewed']);
    expect((await getItem(keys.signingState('p_sgm02')))?.contractId).toBe(next.contractId);
    expect(await expiring(day30)).not.toContain('p_sgm02');
  });
});

describe('termination', () => {
  test.each(TerminationReason.options.map((r) => [r]))('%s: recorded with its date, history kept, projection removed', async (reason) => {
    const contract = await signMember('p_sgm05');
    const res = await call('POST', contractPath('p_sgm05', contract.contractId, 'terminate'), { token: await tokenFor(SG.leadA), body: { reason, date: today } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'terminated', termination: { reason, date: today } });
    expect(await getItem(keys.familySigning(fam('p_sgm05'), 'p_sgm05'))).toBeUndefined();
    expect(await getItem(keys.signingState('p_sgm05'))).toMatchObject({ state: 'terminated' });
    expect(await isStaffOnMemberContractTeam(SG.docA, 'p_sgm05')).toBe(false);
    const history = (await call('GET', `/families/${fam('p_sgm05')}/members/p_sgm05/contracts`, { token: await tokenFor('p_sgm05') })).body;
    expect(history.current).toBeUndefined();
    expect(history.history.find((c: { contractId: string }) => c.contractId === contract.contractId).termination.reasonLabel).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('all five terminations are kept in the history', async () => {
    expect((await contractsOf('p_sgm05')).map((c) => c.termination?.reason).sort()).toEqual([...TerminationReason.options].sort());
  });

  test('a date before the start or in the future, or another team: refused, nothing written', async () => {
    const contract = await signMember('p_sgm05');
    const path = contractPath('p_sgm05', contract.contractId, 'terminate');
    const before = await queryPartition(keys.signingPk('p_sgm05'));
    const lead = await tokenFor(SG.leadA);
    expectApiError(await call('POST', path, { token: lead, body: { reason: 'death', date: addDays(today, -1) } }), 400, 'invalid_request');
    expectApiError(await call('POST', path, { token: lead, body: { reason: 'death', date: addDays(today, 1) } }), 400, 'invalid_request');
    expectApiError(await call('POST', path, { token: lead, body: { reason: 'fired', date: today } }), 400, 'invalid_request');
    expectApiError(await call('POST', path, { token: await tokenFor(SG.leadB), body: { reason: 'death', date: today } }), 403, 'forbidden');
    expect(await queryPartition(keys.signingPk('p_sgm05'))).toEqual(before);
  });
});

describe('change of team', () => {
  test('termination and the new contract in one transaction; exactly one active contract', async () => {
    const old = (await call('GET', `/families/${fam('p_sgm05')}/members/p_sgm05/contracts`, { token: await tokenFor('p_sgm05') })).body.current;
    const res = await call('POST', contractPath('p_sgm05', old.contractId, 'change-team'), { token: await tokenFor(SG.comm), body: { teamId: SG.teamB, reason: 'member_request', date: today } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ teamId: SG.teamB, doctorId: SG.leadB, status: 'active' });
    expect(operations(res).filter((o) => o === 'TransactWriteItemsCommand')).toHaveLength(1);
    const contracts = await contractsOf('p_sgm05');
    expect(contracts.filter((c) => c.status === 'active').map((c) => c.contractId)).toEqual([res.body.contractId]);
    expect(contracts.find((c) => c.contractId === old.contractId)).toMatchObject({ status: 'terminated', termination: { reason: 'member_request' } });
    expect(await getItem(keys.familySigning(fam('p_sgm05'), 'p_sgm05'))).toMatchObject({ doctorId: SG.leadB, teamName: '测试乙团队' });
    expect(await getItem(keys.signingState('p_sgm05'))).toMatchObject({ state: 'signed', teamId: SG.teamB, contractId: res.body.contractId });
    expect(await isStaffOnMemberContractTeam(SG.leadB, 'p_sgm05')).toBe(true);
    expect(await isStaffOnMemberContractTeam(SG.leadA, 'p_sgm05')).toBe(false);
  });

  test('racing a termination: exactly one wins and the member ends with one consistent state', async () => {
    const current = (await call('GET', `/families/${fam('p_sgm05')}/members/p_sgm05/contracts`, { token: await tokenFor('p_sgm05') })).body.current;
    const [moved, ended] = await Promise.all([
      call('POST', contractPath('p_sgm05', current.contractId, 'change-team'), { token: await tokenFor(SG.comm), body: { teamId: SG.teamA, reason: 'moved_out', date: today } }),
      call('POST', contractPath('p_sgm05', current.contractId, 'terminate'), { token: await tokenFor(SG.comm), body: { reason: 'death', date: today } }),
    ]);
    expect([moved.status, ended.status].sort()).toEqual(moved.status === 201 ? [201, 409] : [200, 409]);
    const active = (await contractsOf('p_sgm05')).filter((c) => c.status === 'active');
    const state = await getItem(keys.signingState('p_sgm05'));
    const projection = await getItem(keys.familySigning(fam('p_sgm05'), 'p_sgm05'));
    if (moved.status === 201) {
      expect(active.map((c) => c.contractId)).toEqual([moved.body.contractId]);
      expect(state).toMatchObject({ state: 'signed', contractId: moved.body.contractId });
      expect(projection?.teamName).toBe('测试甲团队');
    } else {
      expect(active).toHaveLength(0);
      expect(state?.state).toBe('terminated');
      expect(projection).toBeUndefined();
    }
  });
});

describe('home-visit signing', () => {
  test("the team's home-visit list: unsigned members of its own villages only, a few requests; a signed member drops out", async () => {
    const list = async (doctor: string) => call('GET', '/team/home-visit-candidates', { token: await tokenFor(doctor) });
    const b = await list(SG.leadB);
    expect(b.status).toBe(200);
    expect(b.body).toEqual({ teamName: '测试乙团队', items: [expect.objectContaining({ familyId: fam('p_sgm06'), memberId: 'p_sgm06', name: '吴六', villageName: '乙村' })] });
    // Team query, team get, the township's families, the members' states.
    expect(b.ddbRequests).toBe(4);
    // Team A sees only 甲村, and not its members who are signed or waiting on an application.
    const a = await list(SG.docA);
    const states = await Promise.all(['p_sgm01', 'p_sgm02', 'p_sgm03', 'p_sgm04', 'p_sgm05'].map(async (m) => [m, (await getItem(keys.signingState(m)))?.state] as const));
    const expected = states.filter(([, state]) => state !== 'signed' && state !== 'applied').map(([m]) => m);
    expect(a.body.items.map((i: { memberId: string }) => i.memberId).sort()).toEqual(expected.sort());
    expect(a.body.items.every((i: { villageName: string }) => i.villageName === '甲村')).toBe(true);
  });

  test("a doctor of the village's team signs a member on the doctor's phone: one transaction, one contract; the member signs on the same phone", async () => {
    const body = { familyId: fam('p_sgm06'), memberId: 'p_sgm06' };
    // A doctor of another village's team may not.
    const outsider = await call('POST', '/team/home-visit-contracts', { token: await tokenFor(SG.docA), body });
    expectApiError(outsider, 403, 'forbidden');
    expect(await contractsOf('p_sgm06')).toHaveLength(0);

    const lead = await tokenFor(SG.leadB);
    const res = await expectIdempotent({
      route: 'signing.signHomeVisit',
      send: (key) => call('POST', '/team/home-visit-contracts', { token: lead, body: { ...body, optionalPackages: ['rehab'] }, headers: { 'idempotency-key': key } }),
      other: (key) => call('POST', '/team/home-visit-contracts', { token: lead, body: { ...body, optionalPackages: ['chronic'] }, headers: { 'idempotency-key': key } }),
      status: 201,
    });
    expect(res.body).toMatchObject({ teamId: SG.teamB, doctorId: SG.leadB, status: 'active', startDate: today, endDate: contractEndDate(today) });
    expect(res.body.confirmation).toBeUndefined();
    expect(operations(res).filter((o) => o === 'TransactWriteItemsCommand')).toHaveLength(1);
    expect(await contractsOf('p_sgm06')).toEqual([expect.objectContaining({ source: 'home_visit', status: 'active' })]);
    expect(await getItem(keys.signingState('p_sgm06'))).toMatchObject({ state: 'signed', contractId: res.body.contractId });
    expect(await getItem(keys.familySigning(fam('p_sgm06'), 'p_sgm06'))).toMatchObject({ doctorId: SG.leadB });
    expect(await outboxFor(`signing-home-${res.body.contractId}`)).toMatchObject({ recipientId: 'p_sgm06' });
    // Signed already: a second visit makes no second contract.
    expectApiError(await call('POST', '/team/home-visit-contracts', { token: lead, body }), 409, 'conflict');
    expect(await contractsOf('p_sgm06')).toHaveLength(1);

    const up = await uploadSignature('p_sgm06', res.body.contractId, PNG, 'image/png', SG.leadB);
    const signed = await call('PUT', contractPath('p_sgm06', res.body.contractId, 'signature'), { token: lead, body: { key: up.key } });
    expect(signed.status).toBe(200);
    expect(signed.body.confirmation).toMatchObject({ kind: 'signature', byName: '吴六' });
    expect((await call('GET', '/team/home-visit-candidates', { token: lead })).body.items).toEqual([]);
  });

  test('a member waiting on an application is answered in the application list, not by a home visit', async () => {
    const app = await apply('p_sgm03');
    // p_sgm03 was declined earlier and may apply again.
    expect(app.status).toBe(201);
    const res = await call('POST', '/team/home-visit-contracts', { token: await tokenFor(SG.docA), body: { familyId: fam('p_sgm03'), memberId: 'p_sgm03' } });
    expectApiError(res, 409, 'conflict');
    expect((await contractsOf('p_sgm03')).filter((c) => c.status === 'active')).toHaveLength(0);
    // Answered as usual (the coverage test below applies again).
    expect((await call('POST', `/team/applications/p_sgm03/${app.body.applicationId}/decline`, { token: await tokenFor(SG.leadA), body: { reason: '上门时本人想再考虑' } })).status).toBe(200);
  });
});

describe('coverage for the commission', () => {
  test('signed among those who want it, expiring, overdue: one Query; the figure rises on acceptance', async () => {
    const comm = await tokenFor(SG.comm);
    const coverage = async (headers: Record<string, string> = {}) => call('GET', '/commission/signing/coverage', { token: comm, headers });
    const before = await coverage();
    expect(before.status).toBe(200);
    expect(before.ddbRequests).toBe(1);
    const app = await apply('p_sgm03');
    expect(app.status).toBe(201);
    const pending = (await coverage()).body;
    expect(pending.totals.wanting).toBe(before.body.totals.wanting);
    expect(pending.totals.signed).toBe(before.body.totals.signed);
    // Four working days later the application is overdue and escalated here with the name.
    const late = (await coverage(at(addDays(app.body.deadline, 1)))).body;
    expect(late.totals.overdueApplications).toBe(1);
    expect(late.overdue).toEqual([{ memberName: '孙三', villageName: '甲村', teamName: '测试甲团队', deadline: app.body.deadline }]);
    expect((await coverage(at(app.body.deadline))).body.totals.overdueApplications).toBe(0);
    expect((await accept('p_sgm03', app.body.applicationId)).status).toBe(201);
    const after = (await coverage()).body;
    expect(after.totals.signed).toBe(before.body.totals.signed + 1);
    expect(after.townships).toEqual([expect.objectContaining({ townshipId: SG.townshipId, townshipName: '测试镇', signed: after.totals.signed })]);
  });

  test("the dashboard's running signed and wanting counters equal a recount of the records after every apply, decline, accept, termination and change of team above", async () => {
    const stats = await getItem(keys.statsTownship(SG.countyId, SG.townshipId));
    const states = await Promise.all(SG.members.map((m) => getItem(keys.signingState(m))));
    const projections = await Promise.all(SG.members.map((m) => getItem(keys.familySigning(fam(m), m))));
    const active = (await Promise.all(SG.members.map(contractsOf))).flat().filter((c) => c.status === 'active');
    const signed = states.filter((s) => s?.state === 'signed').length;
    expect(signed).toBeGreaterThan(2);
    expect(projections.filter(Boolean)).toHaveLength(signed);
    expect(new Set(active.map((c) => c.memberId)).size).toBe(signed);
    expect(stats?.signedMembers).toBe(signed);
    // Members who want a family doctor: applied, signed, or declined and waiting (terminated do not).
    expect(stats?.wantingMembers).toBe(states.filter((s) => ['applied', 'signed', 'declined'].includes(s?.state)).length);
  });
});

describe('policy-support ledger (双签约)', () => {
  const path = '/families/f_sg06/policy/ledger';
  const entry = { memberId: 'p_sgm06', visitDate: '2026-10-08', place: '测试县医院', totalFen: 2_000_000, basicInsuranceFen: 400_000, seriousIllnessFen: 100_000, medicalAssistanceFen: 0, commercialFen: 0, claimPending: true };

  test('sums, and the warning exactly at and just above the share of income', async () => {
    const cadre = await tokenFor(SG.cadre);
    // Income 30,000 yuan at 50%: the line is 15,000 yuan = 1,500,000 fen of out-of-pocket.
    // A cadre's scope is one read (the family contact item) before the marker.
    const first = await expectIdempotent({
      route: 'policy.addCost',
      send: (key) => call('POST', path, { token: cadre, body: entry, headers: { 'idempotency-key': key } }),
      other: (key) => call('POST', path, { token: cadre, body: { ...entry, place: '测试镇卫生院' }, headers: { 'idempotency-key': key } }),
      status: 201,
      scopeReads: 1,
    });
    expect(first.body.summary).toMatchObject({ totalFen: 2_000_000, outOfPocketFen: 1_500_000, pendingClaims: 1, warning: false });
    expect(first.body.entries).toEqual([expect.objectContaining({ memberId: 'p_sgm06', memberName: '吴六', outOfPocketFen: 1_500_000 })]);
    // The answer is the ledger as it became: a read now shows the same.
    expect((await call('GET', path, { token: cadre })).body).toEqual(first.body);
    const second = await call('POST', path, { token: cadre, body: { ...entry, totalFen: 1, basicInsuranceFen: 0, seriousIllnessFen: 0, claimPending: false, outOfPocketFen: 1 } });
    expect(second.status).toBe(201);
    expect(second.body.summary).toMatchObject({ outOfPocketFen: 1_500_001, warning: true, pendingClaims: 1 });
    const list = await call('GET', '/policy/families', { token: cadre });
    expect(list.ddbRequests).toBe(1);
    expect(list.body.items).toEqual([expect.objectContaining({ familyId: 'f_sg06', warning: true })]);
  });

  test('parts above the total, a wrong out-of-pocket, negative costs: 400, nothing written', async () => {
    const cadre = await tokenFor(SG.cadre);
    const before = await queryPartition(keys.policyPk('f_sg06'));
    for (const body of [{ ...entry, commercialFen: 1_600_000 }, { ...entry, outOfPocketFen: 1 }, { ...entry, totalFen: -5 }, { ...entry, memberId: 'p_sgm01' }]) {
      expectApiError(await call('POST', path, { token: cadre, body }), 400, 'invalid_request');
    }
    expect(await queryPartition(keys.policyPk('f_sg06'))).toEqual(before);
  });

  test('only the contracted cadre sees or writes the ledger; the family sees its own', async () => {
    const other = await tokenFor(SG.otherCadre);
    expectApiError(await call('GET', path, { token: other }), 403, 'forbidden');
    const before = await queryPartition(keys.policyPk('f_sg06'));
    expectApiError(await call('POST', path, { token: other, body: entry }), 403, 'forbidden');
    expect(await queryPartition(keys.policyPk('f_sg06'))).toEqual(before);
    expect((await call('GET', path, { token: await tokenFor('p_sgm06') })).status).toBe(200);
    expectApiError(await call('GET', path, { token: await tokenFor('p_sgm01') }), 403, 'forbidden');
    expect((await call('GET', path, { token: await tokenFor(SG.comm) })).status).toBe(200);
  });

  test('the same keyed entry sent twice at once: one entry, both answered alike (the loser from the marker)', async () => {
    const cadre = await tokenFor(SG.cadre);
    const before = (await call('GET', path, { token: cadre })).body.entries.length;
    const key = idemKey('cost');
    const send = () => call('POST', path, { token: cadre, body: { ...entry, place: '同时提交' }, headers: { 'idempotency-key': key } });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    expect([a, b].map((r) => r.headers.get('idempotency-replayed')).sort()).toEqual(['true', null].sort());
    expect((await call('GET', path, { token: cadre })).body.entries).toHaveLength(before + 1);
  });
});

describe('teams defined by the commission', () => {
  const teamBody = {
    name: '测试丙团队', townshipId: SG.townshipId, villages: [{ villageId: 'v_sgvC', name: '丙村' }], leadId: SG.leadB,
    members: [{ personId: SG.leadB, role: 'gp' }, { personId: SG.docA, role: 'village_doctor' }], povertyForm: false,
  };
  const teamsOf = async () => (await call('GET', '/commission/teams', { token: await tokenFor(SG.comm) })).body.items as Array<{ teamId: string; name: string; version: number }>;
  let created: { teamId: string; version: number };

  test('an officer creates a team in one transaction; a retry with the same key gets the first answer; the list is one Query', async () => {
    const comm = await tokenFor(SG.comm);
    const res = await expectIdempotent({
      route: 'signing.createTeam',
      send: (key) => call('POST', '/commission/teams', { token: comm, body: teamBody, headers: { 'idempotency-key': key } }),
      other: (key) => call('POST', '/commission/teams', { token: comm, body: { ...teamBody, name: '测试丁团队' }, headers: { 'idempotency-key': key } }),
      status: 201,
    });
    expect(res.body).toMatchObject({ name: '测试丙团队', leadId: SG.leadB, villages: [{ villageId: 'v_sgvC', name: '丙村' }], version: 1 });
    expect(operations(res).filter((o) => o === 'TransactWriteItemsCommand')).toHaveLength(1);
    created = res.body;
    const list = await call('GET', '/commission/teams', { token: comm });
    expect(list.ddbRequests).toBe(1);
    expect(list.body.items.map((t: { name: string }) => t.name).sort()).toEqual(['测试丙团队', '测试乙团队', '测试甲团队']);
    expect(await getItem(keys.villageTeam('v_sgvC'))).toMatchObject({ teamId: created.teamId });
    // The village doctor is responsible for the village and reaches the team's contracts.
    expect(await getItem(keys.team(created.teamId))).toMatchObject({ responsibleByVillage: { v_sgvC: SG.docA } });
    expect(await getItem(keys.teamMember(created.teamId, SG.docA))).toMatchObject({ role: 'village_doctor' });
  });

  test('a village another team serves, unknown staff, a family member as staff: 400 and nothing written', async () => {
    const comm = await tokenFor(SG.comm);
    const before = (await teamsOf()).length;
    const cases: Array<[unknown, Record<string, string>]> = [
      [{ ...teamBody, villages: [{ villageId: 'v_sgvD', name: '丁村' }, { villageId: 'v_sgvA', name: '甲村' }] }, { 'body.villages.1.villageId': '这个村已由其他团队服务' }],
      [{ ...teamBody, villages: [{ villageId: 'v_sgvD', name: '丁村' }], members: [teamBody.members[0], { personId: 'p_nobody01', role: 'nurse' }] }, { 'body.members.1.personId': '没有这位医务人员' }],
      [{ ...teamBody, villages: [{ villageId: 'v_sgvD', name: '丁村' }], members: [teamBody.members[0], { personId: 'p_sgm01', role: 'nurse' }] }, { 'body.members.1.personId': '没有这位医务人员' }],
    ];
    for (const [body, fields] of cases) {
      const res = await call('POST', '/commission/teams', { token: comm, body });
      expectApiError(res, 400, 'invalid_request');
      expect(res.body.fields).toEqual(fields);
    }
    expect(await teamsOf()).toHaveLength(before);
    expect(await getItem(keys.villageTeam('v_sgvD'))).toBeUndefined();
    expect(await getItem(keys.villageTeam('v_sgvA'))).toMatchObject({ teamId: SG.teamA });
  });

  test('an edit at the version read: members and villages follow; a stale edit or a taken village is refused', async () => {
    const comm = await tokenFor(SG.comm);
    const path = `/commission/teams/${created.teamId}`;
    const edit = { ...teamBody, name: '测试丙丁团队', villages: [...teamBody.villages, { villageId: 'v_sgvD', name: '丁村' }], members: [teamBody.members[0]], version: 1 };
    const res = await call('PUT', path, { token: comm, body: edit });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '测试丙丁团队', version: 2, villageNames: ['丙村', '丁村'] });
    expect(await getItem(keys.teamMember(created.teamId, SG.docA))).toBeUndefined();
    expect(await getItem(keys.villageTeam('v_sgvD'))).toMatchObject({ teamId: created.teamId });
    expectApiError(await call('PUT', path, { token: comm, body: { ...edit, name: '旧版本' } }), 409, 'conflict');
    const taken = await call('PUT', path, { token: comm, body: { ...edit, villages: [teamBody.villages[0]], version: 2 } });
    expect(taken.status).toBe(200);
    expect(await getItem(keys.villageTeam('v_sgvD'))).toBeUndefined();
    const grab = await call('PUT', path, { token: comm, body: { ...edit, villages: [{ villageId: 'v_sgvB', name: '乙村' }], version: 3 } });
    expectApiError(grab, 400, 'invalid_request');
    expect(grab.body.fields).toEqual({ 'body.villages.0.villageId': '这个村已由其他团队服务' });
    expect(await getItem(keys.team(created.teamId))).toMatchObject({ version: 3, villageIds: ['v_sgvC'] });
    expect(await getItem(keys.villageTeam('v_sgvB'))).toMatchObject({ teamId: SG.teamB });
  });

  test("a village's chosen responsible doctor: the form's choice over the rule, named by a new contract there", async () => {
    // A township and village of their own (created last: the lists above count the fixture's teams), one family in it.
    const memberId = 'p_sgm07';
    const familyId = fam(memberId);
    const village = { villageId: 'v_sgvE', name: '戊村' };
    await writeVillageFamily(memberId, village, 't_sgtown2');
    const comm = await tokenFor(SG.comm);
    // The rule would pick the village doctor (docA), with no rule the lead (leadA); the officer chooses the other GP.
    const body = {
      name: '测试戊团队', townshipId: 't_sgtown2', villages: [{ ...village, responsibleId: SG.leadB }], leadId: SG.leadA,
      members: [{ personId: SG.leadA, role: 'gp' }, { personId: SG.docA, role: 'village_doctor' }, { personId: SG.leadB, role: 'gp' }], povertyForm: false,
    };
    const res = await call('POST', '/commission/teams', { token: comm, body });
    expect(res.status).toBe(201);
    expect(res.body.villages).toEqual([{ ...village, responsibleId: SG.leadB }]);
    expect(await getItem(keys.team(res.body.teamId))).toMatchObject({ responsibleByVillage: { v_sgvE: SG.leadB } });

    const app = await apply(memberId);
    expect(app.status).toBe(201);
    const contract = await accept(memberId, app.body.applicationId, SG.leadA);
    expect(contract.status).toBe(201);
    const [stored] = await contractsOf(memberId);
    expect(stored).toMatchObject({ familyId, teamId: res.body.teamId, doctor: { personId: SG.leadB, role: 'gp' } });

    // An edit that drops the choice goes back to the rule: the village doctor.
    const edit = await call('PUT', `/commission/teams/${res.body.teamId}`, { token: comm, body: { ...body, villages: [village], version: 1 } });
    expect(edit.status).toBe(200);
    expect(edit.body.villages).toEqual([{ ...village, responsibleId: SG.docA }]);
  });
});
