import { readFile } from 'node:fs/promises';
import { CountyId, CallablePhone, MobilePhone, PersonName, TownshipId, idNumberFacts, idNumberProblem, normaliseIdNumber, beijingDate, type CommissionLevel } from '../domain';
import * as z from '../domain/zod';
import { townshipParts } from '../functions/institutions/townships';
import { idGuardItem, idIndex, personIdOf, personItem } from '../functions/lib/db/imports';
import { tableName } from '../functions/lib/db/client';
import { part, transact, TransactionRefused, type Part } from '../functions/lib/db/transact';

/**
 * Creates a county's first commission account and its first townships, which no route can do: every
 * other person arrives by an import that a commission officer starts, and an import only accepts
 * townships the county already has. Written with the product's own code (the import's person and
 * ID-guard items, field encryption, the phone blind index, the townships' items as the
 * commission's township page writes them, institutions/townships.ts) in ONE transaction, each item
 * only if absent, so a second run changes nothing and says why. Townships added or renamed later
 * (乡镇撤并) are the commission's own work, on its township page.
 *
 * Usage, with the operator's AWS credentials and the stack's outputs and settings:
 *   STAGE=prod AWS_REGION=cn-northwest-1 TABLE_NAME=<TableName> SECRETS_ARN=<SecretsArn> \
 *   FIELD_KEY_ID=<the field key's ARN> npx tsx scripts/create-commission-account.ts county.json
 * county.json (kept out of shell history because it holds an ID number):
 *   { "countyId": "c_…", "townships": [{ "townshipId": "t_…", "townshipName": "…镇" }, …],
 *     "officer": { "name": "…", "idNumber": "…", "phone": "1…", "organisation": "…县卫健委",
 *                  "title": "…", "workPhone": "0311-…" } }
 * The officer then opens the mini-program and binds with name, ID number's last 6 and phone.
 */
export const OfficerFile = z.strictObject({
  name: PersonName,
  idNumber: z.string(),
  phone: MobilePhone,
  organisation: z.string().check(z.minLength(2)),
  title: z.string(),
  workPhone: z.optional(CallablePhone),
});
export type OfficerFile = z.infer<typeof OfficerFile>;

const CountyFile = z.strictObject({
  countyId: CountyId,
  townships: z.array(z.strictObject({ townshipId: TownshipId, townshipName: z.string().check(z.minLength(2)) })).check(z.minLength(1)),
  officer: OfficerFile,
});
export type CountyFile = z.infer<typeof CountyFile>;

const absent = 'attribute_not_exists(pk)';
export const putIfAbsent = (item: object) => ({ Put: { TableName: tableName(), Item: item as Record<string, unknown>, ConditionExpression: absent } });

/** A commission officer's person and ID-guard items, as the import writes them, each only if absent. */
/** `personId` is for the demo seed only, whose personas have fixed ids; a real account's id comes from its ID number. */
export async function officerParts(officer: OfficerFile, level: CommissionLevel, regionId: string, now: Date, fixed: { personId?: string } = {}): Promise<{ personId: string; parts: Part[] }> {
  const idNumber = normaliseIdNumber(officer.idNumber);
  const problem = idNumberProblem(idNumber, beijingDate(now));
  if (problem) throw new Error(`officer.idNumber: ${problem}`);
  const index = await idIndex(idNumber);
  const personId = fixed.personId ?? personIdOf(index);
  const person = await personItem(
    { line: 0, idNumber, name: officer.name, phone: officer.phone, ...idNumberFacts(idNumber) },
    personId,
    {
      role: 'commission',
      commissionLevel: level,
      regionId,
      // A county officer's county, as every staff record carries it (lib/db/staff.ts), so they are
      // placed with their person item alone; a city officer has none.
      ...(level === 'county' ? { countyId: regionId } : {}),
      organisation: officer.organisation,
      title: officer.title,
      workPhone: officer.workPhone,
    },
  );
  return { personId, parts: [part('person', putIfAbsent(person)), part('idGuard', putIfAbsent(idGuardItem(index, personId)))] };
}

/** Runs the parts in one transaction; a refusal says which items were there already. */
export async function writeOnce(parts: Part[]): Promise<void> {
  try {
    await transact(parts);
  } catch (err) {
    if (err instanceof TransactionRefused) throw new Error(`Nothing written: already present: ${err.failed.join(', ')}`);
    throw err;
  }
}

/** The transaction's parts; exported for the test that runs it against DynamoDB Local. */
export async function createCommissionAccount(input: CountyFile, now = new Date()): Promise<{ personId: string }> {
  const { personId, parts } = await officerParts(input.officer, 'county', input.countyId, now);
  await writeOnce([...parts, ...input.townships.flatMap((t) => townshipParts(input.countyId, { townshipId: t.townshipId, name: t.townshipName }))]);
  return { personId };
}

async function main(file: string | undefined): Promise<void> {
  if (!file) {
    console.error('Usage: npx tsx scripts/create-commission-account.ts county.json (see the comment at the top)');
    process.exit(2);
  }
  const input = CountyFile.parse(JSON.parse(await readFile(file, 'utf8')));
  const { personId } = await createCommissionAccount(input);
  console.log(`Created ${input.officer.name} (${personId}), commission officer of ${input.countyId}, and ${input.townships.length} townships in ${tableName()}.`);
}

if (process.argv[1]?.endsWith('create-commission-account.ts')) {
  main(process.argv[2]).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
