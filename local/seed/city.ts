import { idNumberFacts, toBeijingIso } from '../../domain';
import { batchPutAll } from '../../functions/lib/db/batch';
import { cityItem } from '../../functions/lib/db/cities';
import { personItem } from '../../functions/lib/db/imports';
import { bindOpenid } from '../../functions/lib/db/persons';
import { county, demoOpenid, idNumberOf } from './demo-county';

/**
 * The demo city: 清河市, holding the demo county only, and its city commission officer (市卫健委),
 * who reads the county's report as the city's (counties side by side). Written as
 * scripts/create-city-account.ts writes a real one: the city item and an officer person.
 */
export const demoCity = { cityId: 'city_qinghe', cityName: '清河市' };
export const CITY_OFFICER_ID = 'p_city01';

export async function seedDemoCity(now: Date): Promise<void> {
  const idNumber = idNumberOf(CITY_OFFICER_ID, '1974-03-12', 'female');
  const officer = await personItem({ line: 0, idNumber, name: '孟淑芬', phone: '13203110901', ...idNumberFacts(idNumber) }, CITY_OFFICER_ID, {
    role: 'commission',
    commissionLevel: 'city',
    post: 'city_commission',
    regionId: demoCity.cityId,
    organisation: '清河市卫健委',
    title: '人口监测与家庭发展科科长',
    workPhone: '0311-86909001',
  });
  await batchPutAll([officer as unknown as Record<string, unknown>, cityItem(demoCity.cityId, demoCity.cityName, [{ countyId: county.countyId, countyName: county.name }]) as unknown as Record<string, unknown>]);
  await bindOpenid(demoOpenid(CITY_OFFICER_ID), CITY_OFFICER_ID, toBeijingIso(now));
}
