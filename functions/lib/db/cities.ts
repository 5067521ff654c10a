import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';

/**
 * A city (市) and the counties it holds: one item, `CITY#<cityId>` / `CITY`, so the city
 * commission's report reads the list in one GetItem and then each county the way the county's
 * own report does (no Scan, no index over every county). Counties carry no item of their own and
 * no name anywhere else, so the city item names them. Written by scripts/create-city-account.ts
 * (and the demo seed); a county joins its city with `attachCounty`.
 */
export interface CityItem {
  pk: string;
  sk: 'CITY';
  entity: 'city';
  cityId: string;
  cityName: string;
  counties: CityCounty[];
}

export interface CityCounty {
  countyId: string;
  countyName: string;
}

export const cityItem = (cityId: string, cityName: string, counties: CityCounty[]): CityItem => ({ ...keys.city(cityId), entity: 'city', cityId, cityName, counties });

export async function getCity(cityId: string): Promise<CityItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.city(cityId) }));
  return out.Item as CityItem | undefined;
}

/**
 * Adds a county to an existing city, unless it is listed already (a second run changes nothing).
 * Returns false when the city does not exist or already holds the county.
 */
export async function attachCounty(cityId: string, county: CityCounty): Promise<boolean> {
  const city = await getCity(cityId);
  if (!city || city.counties.some((c) => c.countyId === county.countyId)) return false;
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.city(cityId),
      // The list as read: a concurrent attach makes this one fail instead of dropping the other.
      ConditionExpression: 'size(counties) = :n',
      UpdateExpression: 'SET counties = list_append(counties, :c)',
      ExpressionAttributeValues: { ':n': city.counties.length, ':c': [county] },
    }),
  );
  return true;
}
