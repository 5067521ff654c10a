import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { expectIdempotent, idemKey } from './idempotency-support';
import { problemBody } from './problems-bad-input';
import { expectApiError, getItem, operations } from './support-table';

/**
 * The problem ledger (问题台账) end to end over HTTP: raised from a gap with the families behind it,
 * seen by the county and township officers and by the responsible person, overdue after its
 * deadline, edited by two officers at once (one told), rectified with its evidence, then closed.
 * Owns the problems of 柳林乡 (t_liulin); the authorization matrix raises its own in 城关镇.
 */
const at = (iso: string) => ({ 'x-test-now': iso });
const COUNTY = 'p_comm01';
const TOWNSHIP = 'p_comm02';
const CADRE = 'p_cadre04';
const raise = async (change: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  call('POST', '/commission/problems', { token: await tokenFor(COUNTY), body: problemBody({ responsiblePersonId: CADRE, ...change }), headers: { 'idempotency-key': idemKey('pb'), ...headers } });
const problemsOf = async (who: string, query = '', headers: Record<string, string> = {}) => call('GET', `/commission/problems${query}`, { token: await tokenFor(who), headers });

describe('the problem ledger', () => {
  test('raised from a gap in one request, seen by the county, the township and the responsible person; idempotent', async () => {
    const first = await expectIdempotent({
      route: 'problems.create',
      status: 201,
      send: async (key) => call('POST', '/commission/problems', { token: await tokenFor(COUNTY), body: problemBody({ responsiblePersonId: CADRE, gap: 'coverage.village', familyIds: ['f_0010', 'f_0011'] }), headers: { 'idempotency-key': key } }),
      other: async (key) => call('POST', '/commission/problems', { token: await tokenFor(COUNTY), body: problemBody({ responsiblePersonId: CADRE, description: '另一个问题的描述' }), headers: { 'idempotency-key': key } }),
    });
    const problem = first.body;
    expect(problem).toMatchObject({ townshipId: 't_liulin', townshipName: '柳林乡', countyId: 'c_qinghe', status: 'open', overdue: false, responsibleName: '孙志刚', raisedByName: '郑国栋', gap: 'coverage.village', version: 1 });
    expect(problem.families).toEqual([
      { familyId: 'f_0010', familyName: expect.stringMatching(/家$/) },
      { familyId: 'f_0011', familyName: expect.stringMatching(/家$/) },
    ]);

    // The county's list: one Query (the county comes from the token).
    const county = await problemsOf(COUNTY, '?townshipId=t_liulin');
    expect(operations(county)).toEqual(['QueryCommand']);
    expect(county.body.items.map((p: { problemId: string }) => p.problemId)).toContain(problem.problemId);
    // The township officer: its county found from its families (Query, Limit 1), then the list.
    const township = await problemsOf(TOWNSHIP);
    expect(operations(township)).toEqual(['QueryCommand', 'QueryCommand']);
    expect(township.body.items.map((p: { problemId: string }) => p.problemId)).toContain(problem.problemId);
    expect(township.body.items.every((p: { townshipId: string }) => p.townshipId === 't_liulin')).toBe(true);
    expectApiError(await problemsOf(TOWNSHIP, '?townshipId=t_chengguan'), 403, 'forbidden');

    const mine = await call('GET', '/problems/mine', { token: await tokenFor(CADRE) });
    expect(operations(mine)).toEqual(['QueryCommand']);
    expect(mine.body.items.find((p: { problemId: string }) => p.problemId === problem.problemId)).toMatchObject({ status: 'open', measures: problemBody().measures });
    const notMine = await call('GET', '/problems/mine', { token: await tokenFor('p_cadre03') });
    expect(notMine.body.items.map((p: { problemId: string }) => p.problemId)).not.toContain(problem.problemId);
  });

  test('overdue from the day after its deadline until rectified; counted on the list', async () => {
    const res = await raise({ deadline: '2026-12-31' }, at('2026-12-10T09:00:00+08:00'));
    expect(res.status).toBe(201);
    const onTheDay = await problemsOf(COUNTY, '?townshipId=t_liulin&status=overdue', at('2026-12-31T23:00:00+08:00'));
    expect(onTheDay.body.items.map((p: { problemId: string }) => p.problemId)).not.toContain(res.body.problemId);
    const after = await problemsOf(COUNTY, '?townshipId=t_liulin&status=overdue', at('2027-01-01T08:00:00+08:00'));
    expect(after.body.items.find((p: { problemId: string }) => p.problemId === res.body.problemId)).toMatchObject({ overdue: true, status: 'open' });
    expect(after.body.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(after.body.items.every((p: { overdue: boolean }) => p.overdue)).toBe(true);
    // Overdue problems come first in the whole list.
    const all = await problemsOf(COUNTY, '?townshipId=t_liulin', at('2027-01-01T08:00:00+08:00'));
    const firstNotOverdue = all.body.items.findIndex((p: { overdue: boolean }) => !p.overdue);
    expect(all.body.items.slice(firstNotOverdue < 0 ? all.body.items.length : firstNotOverdue).some((p: { overdue: boolean }) => p.overdue)).toBe(false);
  });

  test('two officers edit at once: one wins, the other is told, nothing is lost; a rectified problem is closed', async () => {
    const created = (await raise()).body;
    const edit = async (who: string, measures: string) =>
      call('PUT', `/commission/problems/${created.problemId}`, {
        token: await tokenFor(who),
        body: { area: created.area, description: created.description, responsibleUnit: created.responsibleUnit, leaderName: created.leaderName, responsiblePersonId: CADRE, measures, deadline: created.deadline, version: 1 },
      });
    const [a, b] = await Promise.all([edit(COUNTY, '县里要求：两周内落实村级联系人'), edit(TOWNSHIP, '乡里安排：本周内落实村级联系人')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expectApiError(loser, 409, 'conflict');
    expect(loser.body.message).toContain('刷新');
    const stored = await getItem(keys.problem(created.problemId));
    expect(stored).toMatchObject({ version: 2, measures: winner.body.measures });

    // Another cadre cannot rectify it (and learns nothing of it); the responsible person can.
    const stranger = await call('POST', `/problems/${created.problemId}/rectify`, { token: await tokenFor('p_cadre03'), body: { evidence: '已经明确孙志刚为村级联系人并入户见面', version: 2 } });
    expectApiError(stranger, 404, 'not_found');
    const stale = await call('POST', `/problems/${created.problemId}/rectify`, { token: await tokenFor(CADRE), body: { evidence: '已经明确孙志刚为村级联系人并入户见面', version: 1 } });
    expectApiError(stale, 409, 'conflict');
    const done = await call('POST', `/problems/${created.problemId}/rectify`, { token: await tokenFor(CADRE), body: { evidence: '已经明确孙志刚为村级联系人并入户见面', version: 2 } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'rectified', overdue: false, evidence: '已经明确孙志刚为村级联系人并入户见面', rectifiedByName: '孙志刚', version: 3 });
    const again = await edit(COUNTY, '再改一次措施内容');
    expectApiError(again, 409, 'conflict');
    expect((await getItem(keys.problem(created.problemId)))?.version).toBe(3);
  });

  test('a responsible person, a family or a township outside the officer\'s reach: a Chinese message per field, nothing written', async () => {
    const before = (await problemsOf(COUNTY, '?townshipId=t_liulin')).body.items.length;
    const wrongPerson = await raise({ responsiblePersonId: 'p_cadre01' });
    expectApiError(wrongPerson, 400, 'invalid_request');
    expect(wrongPerson.body.fields).toEqual({ 'body.responsiblePersonId': '请从本乡镇的联系人或卫健工作人员中选择责任人' });
    const member = await raise({ responsiblePersonId: 'p_m0016' });
    expect(member.body.fields).toEqual({ 'body.responsiblePersonId': '请从本乡镇的联系人或卫健工作人员中选择责任人' });
    const wrongFamily = await raise({ familyIds: ['f_0010', 'f_0001'] });
    expect(wrongFamily.body.fields).toEqual({ 'body.familyIds.1': '这户家庭不在所选乡镇' });
    const noTownship = await raise({ townshipId: 't_nowhere' });
    expect(noTownship.body.fields).toEqual({ 'body.townshipId': '这个乡镇不在您的辖区，或还没有登记特殊家庭' });
    for (const res of [wrongPerson, member, wrongFamily, noTownship]) expect(operations(res)).not.toContain('TransactWriteItemsCommand');
    // A township officer raises only in their own township.
    const elsewhere = await call('POST', '/commission/problems', { token: await tokenFor(TOWNSHIP), body: problemBody({ townshipId: 't_chengguan', responsiblePersonId: 'p_lead01' }), headers: { 'idempotency-key': idemKey('pb') } });
    expectApiError(elsewhere, 403, 'forbidden');
    expect((await problemsOf(COUNTY, '?townshipId=t_liulin')).body.items.length).toBe(before);
  });
});
