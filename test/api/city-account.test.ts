import { idCheckChar } from '../../domain';
import { attachCounty } from '../../functions/lib/db/cities';
import { keys } from '../../functions/lib/db/keys';
import { createCityAccount, type CityFile } from '../../scripts/create-city-account';
import { call, wxLoginCode } from '../support/api';
import { freshOpenid, getItem, ownedBy } from './support-table';

/**
 * scripts/create-city-account.ts against the local table: a city (city_newcity) with its counties
 * and first officer, a county attached later, and the officer binding and reading the city's report.
 */
const first17 = '13052919750611002';
const city: CityFile = {
  cityId: 'city_newcity',
  cityName: '新城市',
  counties: [{ countyId: 'c_newcityone', countyName: '东县' }],
  officer: { name: '韩立群', idNumber: `${first17}${idCheckChar(first17)}`, phone: '13930507777', organisation: '新城市卫健委', title: '处长' },
};

test('creates the city and its officer once, attaches a county once; the officer binds and gets the city report', async () => {
  const { personId } = await createCityAccount(city);
  expect(await getItem(keys.person(personId))).toMatchObject({ role: 'commission', commissionLevel: 'city', regionId: 'city_newcity', name: '韩立群' });
  await expect(createCityAccount(city)).rejects.toThrow(/Nothing written: already present: person, idGuard, city/);

  expect(await attachCounty('city_newcity', { countyId: 'c_newcitytwo', countyName: '西县' })).toBe(true);
  expect(await attachCounty('city_newcity', { countyId: 'c_newcitytwo', countyName: '西县' })).toBe(false);
  expect(await attachCounty('city_nowhere', { countyId: 'c_newcitytwo', countyName: '西县' })).toBe(false);
  expect((await getItem(keys.city('city_newcity')))?.counties).toEqual([
    { countyId: 'c_newcityone', countyName: '东县' },
    { countyId: 'c_newcitytwo', countyName: '西县' },
  ]);

  const login = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode(freshOpenid(ownedBy.city.openidPrefix)) } });
  const bind = await call('POST', '/auth/bind', { body: { bindTicket: login.body.bindTicket, name: '韩立群', idLast6: city.officer.idNumber.slice(-6), phone: '13930507777' } });
  expect(bind.status).toBe(200);
  expect(bind.body.session.me).toMatchObject({ personId, role: 'commission', commissionLevel: 'city', regionId: 'city_newcity' });
  const report = await call('GET', '/commission/report', { token: bind.body.session.token });
  expect(report.status).toBe(200);
  // Counties with no townships yet: side by side, all zero.
  expect(report.body).toMatchObject({ level: 'city', regionName: '新城市', counties: [{ countyName: '东县', families: 0 }, { countyName: '西县', families: 0 }] });
});
