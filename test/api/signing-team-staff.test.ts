import { call, tokenFor } from '../support/api';
import { expectApiError, expectReadsOnly } from './support-table';

/**
 * Looking a doctor up by staff number before adding them to a team (the team page): commission
 * staff of the county only, answering who and where (never a phone or ID number). Writes nothing,
 * so it owns no partition (support-table.ts).
 */
const lookup = async (caller: string, staffId: string) => call('GET', `/commission/team-staff/${staffId}`, { token: await tokenFor(caller) });

describe('GET /commission/team-staff/{staffId}', () => {
  test("a county officer sees a doctor of the county: name, title and organisation only, in one read", async () => {
    const res = await lookup('p_comm01', 'p_doc05');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ personId: 'p_doc05', name: '林慧', title: '内分泌科副主任医师', organisation: '清河县人民医院' });
    expectReadsOnly(res, 1);
  });

  test("a township officer reaches the doctors of the township's county (a nurse too)", async () => {
    const res = await lookup('p_comm02', 'p_doc02');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ personId: 'p_doc02', name: '周敏', title: '护士', organisation: '城关镇卫生院' });
    expectReadsOnly(res, 2);
  });

  test("another county's doctor, a non-doctor and an unknown number answer the same 404", async () => {
    for (const staffId of ['p_doc90', 'p_cadre01', 'p_m0003', 'p_nobody01']) {
      const res = await lookup('p_comm01', staffId);
      expectApiError(res, 404, 'not_found');
      expect(res.body.message).toBe('本县没有这个编号的医务人员，请核对人员编号');
      expectReadsOnly(res, 1);
    }
  });

  test('a malformed number is refused before any read', async () => {
    for (const staffId of ['doc05', 'f_0005', 'p_a']) {
      const res = await lookup('p_comm01', staffId);
      expectApiError(res, 400, 'invalid_request');
      expect(res.body.fields).toEqual({ 'path.staffId': '人员编号格式不正确' });
      expect(res.ddbRequests).toBe(0);
    }
  });

  test('only commission staff may look staff up: doctors, team leads, contacts and members get 403', async () => {
    for (const caller of ['p_doc04', 'p_doc01', 'p_cadre01', 'p_m0003', 'p_hosp01']) {
      const res = await lookup(caller, 'p_doc05');
      expectApiError(res, 403, 'forbidden');
      expect(res.ddbRequests).toBe(0);
    }
    expect((await call('GET', '/commission/team-staff/p_doc05')).status).toBe(401);
  });
});
