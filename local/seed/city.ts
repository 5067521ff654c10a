import { toBeijingIso } from '../../domain';
import { bindOpenid } from '../../functions/lib/db/persons';
import { createCityAccount } from '../../scripts/create-city-account';
import { county, demoOpenid, idNumberOf } from './demo-county';

/**
 * The demo city: 清河市, holding the demo county only, and its city commission officer (市卫健委),
 * who reads the county's report as the city's (counties side by side). Created by the deployment
 * script's own function (scripts/create-city-account.ts), as a real city is, and bound as the
 * bind route binds.
 */
export const demoCity = { cityId: 'city_qinghe', cityName: '清河市' };
export const CITY_OFFICER_ID = 'p_city01';

export async function seedDemoCity(now: Date): Promise<void> {
  await createCityAccount(
    {
      cityId: demoCity.cityId,
      cityName: demoCity.cityName,
      counties: [{ countyId: county.countyId, countyName: county.name }],
      officer: { name: '孟淑芬', idNumber: idNumberOf(CITY_OFFICER_ID, '1974-03-12', 'female'), phone: '13203110901', organisation: '清河市卫健委', title: '人口监测与家庭发展科科长', workPhone: '0311-86909001' },
    },
    now,
    { personId: CITY_OFFICER_ID },
  );
  await bindOpenid(demoOpenid(CITY_OFFICER_ID), CITY_OFFICER_ID, toBeijingIso(now));
}
