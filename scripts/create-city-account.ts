import { readFile } from 'node:fs/promises';
import { CityId, CountyId } from '../domain';
import * as z from '../domain/zod';
import { attachCounty, cityItem } from '../functions/lib/db/cities';
import { tableName } from '../functions/lib/db/client';
import { part } from '../functions/lib/db/transact';
import { OfficerFile, officerParts, putIfAbsent, writeOnce } from './create-commission-account';

/**
 * Creates a city (市) with the counties it holds and its first city commission account (市卫健委),
 * or attaches one more county to an existing city. No route does either: a city officer reads its
 * counties' reports and writes nothing, and a county cannot make a city account. The counties are
 * those made by scripts/create-commission-account.ts (a county needs nothing else to be read by
 * its city). One transaction, each item only if absent, like the county script.
 *
 * Usage, with the operator's AWS credentials and the stack's outputs and settings (see
 * create-commission-account.ts):
 *   … npx tsx scripts/create-city-account.ts city.json
 *   … npx tsx scripts/create-city-account.ts attach <cityId> <countyId> <countyName>
 * city.json (kept out of shell history because it holds an ID number):
 *   { "cityId": "city_…", "cityName": "…市", "counties": [{ "countyId": "c_…", "countyName": "…县" }, …],
 *     "officer": { "name": "…", "idNumber": "…", "phone": "1…", "organisation": "…市卫健委",
 *                  "title": "…", "workPhone": "0311-…" } }
 */
const County = z.strictObject({ countyId: CountyId, countyName: z.string().check(z.minLength(2)) });
const CityFile = z.strictObject({
  cityId: CityId,
  cityName: z.string().check(z.minLength(2)),
  counties: z.array(County),
  officer: OfficerFile,
});
export type CityFile = z.infer<typeof CityFile>;

export async function createCityAccount(input: CityFile, now = new Date(), fixed: { personId?: string } = {}): Promise<{ personId: string }> {
  const { personId, parts } = await officerParts(input.officer, 'city', input.cityId, now, fixed);
  await writeOnce([...parts, part('city', putIfAbsent(cityItem(input.cityId, input.cityName, input.counties)))]);
  return { personId };
}

async function main(args: string[]): Promise<void> {
  if (args[0] === 'attach' && args.length === 4) {
    const [cityId, countyId, countyName] = [CityId.parse(args[1]), CountyId.parse(args[2]), args[3]];
    const added = await attachCounty(cityId, County.parse({ countyId, countyName }));
    console.log(added ? `Attached ${countyName} (${countyId}) to ${cityId} in ${tableName()}.` : `Nothing written: ${cityId} does not exist or already holds ${countyId}.`);
    return;
  }
  if (args.length !== 1) {
    console.error('Usage: npx tsx scripts/create-city-account.ts city.json | attach <cityId> <countyId> <countyName> (see the comment at the top)');
    process.exit(2);
  }
  const input = CityFile.parse(JSON.parse(await readFile(args[0], 'utf8')));
  const { personId } = await createCityAccount(input);
  console.log(`Created ${input.officer.name} (${personId}), city commission officer of ${input.cityName} (${input.cityId}) with ${input.counties.length} counties, in ${tableName()}.`);
}

if (process.argv[1]?.endsWith('create-city-account.ts')) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
