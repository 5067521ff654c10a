import { idCheckChar } from '../../domain';
import { keys } from '../../functions/lib/db/keys';
import { createCommissionAccount, type CountyFile } from '../../scripts/create-commission-account';
import { call, wxLoginCode } from '../support/api';
import { freshOpenid, getItem, ownedBy } from './support-table';

/**
 * scripts/create-commission-account.ts against the local table: a new county's first officer and
 * townships, then the officer binds and signs in like anyone else. The county (c_newcounty) is
 * this file's own, so no other suite sees it.
 */
const first17 = '13052919820314001';
const county: CountyFile = {
  countyId: 'c_newcounty',
  townships: [
    { townshipId: 't_newcounty01', townshipName: '东关镇' },
    { townshipId: 't_newcounty02', townshipName: '西河乡' },
  ],
  officer: { name: '邵志远', idNumber: `${first17}${idCheckChar(first17)}`, phone: '13930501234', organisation: '新县卫健委', title: '科长', workPhone: '0311-86901111' },
};

test('creates the officer and the townships once; the officer binds and gets a county commission session', async () => {
  const { personId } = await createCommissionAccount(county);
  const person = await getItem(keys.person(personId));
  expect(person).toMatchObject({ role: 'commission', commissionLevel: 'county', regionId: 'c_newcounty', countyId: 'c_newcounty', name: '邵志远', phoneMasked: expect.stringMatching(/\*/) });
  expect(JSON.stringify(person)).not.toContain('13930501234');
  for (const t of county.townships) expect(await getItem(keys.statsTownship('c_newcounty', t.townshipId))).toMatchObject({ entity: 'townshipStats', families: 0 });

  // A second run writes nothing and says what is already there.
  await expect(createCommissionAccount(county)).rejects.toThrow(/Nothing written: already present: person, idGuard/);

  const openid = freshOpenid(ownedBy.county.openidPrefix);
  const login = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode(openid) } });
  expect(login.body.status).toBe('unbound');
  const bind = await call('POST', '/auth/bind', { body: { bindTicket: login.body.bindTicket, name: '邵志远', idLast6: county.officer.idNumber.slice(-6), phone: '13930501234' } });
  expect(bind.status).toBe(200);
  const me = await call('GET', '/me', { token: bind.body.session.token });
  expect(me.body).toMatchObject({ personId, role: 'commission' });
});

test('refuses an ID number with a wrong check character, writing nothing', async () => {
  const wrong = { ...county, countyId: 'c_newcounty', officer: { ...county.officer, idNumber: `${first17}${idCheckChar(first17) === '1' ? '2' : '1'}` } };
  await expect(createCommissionAccount(wrong)).rejects.toThrow(/校验位/);
});
