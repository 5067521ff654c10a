import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CountyTownship } from '../../domain';
import { db, tableName } from '../lib/db/client';
import { emptyFigures, townshipStatsItem, type TownshipStatsItem } from '../lib/db/coverage';
import { countyTownshipStats } from '../lib/db/dashboard';
import { keys } from '../lib/db/keys';
import { part, transact, type Part } from '../lib/db/transact';
import { conflict, notFound } from '../lib/http/errors';

/**
 * A county's townships: each is its standing-figures item (STATS#<county> / TOWNSHIP#<id>, which
 * the dashboard, the reports, the import and the institutions' form read the county's townships
 * from), started at zero, and a claim on the id (so a second county cannot take it). The county's
 * first townships (scripts/create-commission-account.ts), the demo seed and the commission's
 * township page all come through here.
 */
export interface NewTownship {
  townshipId: string;
  name: string;
}

export const townshipView = (t: Pick<TownshipStatsItem, 'townshipId' | 'townshipName' | 'families'>): CountyTownship => ({ townshipId: t.townshipId, name: t.townshipName, families: t.families });

/** The township's two items, each only if absent: its zero counters and the claim on its id. */
export function townshipParts(countyId: string, t: NewTownship): Part[] {
  const absent = 'attribute_not_exists(pk)';
  return [
    part(`township ${t.townshipId}`, { Put: { TableName: tableName(), Item: townshipStatsItem({ countyId, townshipId: t.townshipId, townshipName: t.name }, emptyFigures()), ConditionExpression: absent } }),
    part(`claim ${t.townshipId}`, { Put: { TableName: tableName(), Item: { ...keys.townshipClaim(t.townshipId), entity: 'townshipClaim', townshipId: t.townshipId, countyId }, ConditionExpression: absent } }),
  ];
}

/** A township name must tell it apart from the county's others (the dashboard and the register show names). */
function sameName(townships: TownshipStatsItem[], name: string, except?: string): TownshipStatsItem | undefined {
  return townships.find((t) => t.townshipName === name && t.townshipId !== except);
}

/**
 * Adds a township to the county, in one transaction with `alongside` (the Idempotency-Key's
 * marker). Refused (409) if the county has it or a township of that name, or another county has
 * claimed the id.
 */
export async function addTownship(countyId: string, t: NewTownship, options: { alongside?: (view: CountyTownship) => Part[] } = {}): Promise<CountyTownship> {
  const townships = await countyTownshipStats(countyId);
  if (townships.some((x) => x.townshipId === t.townshipId)) throw conflict(`本县已有编号为 ${t.townshipId.slice(2)} 的乡镇`);
  if (sameName(townships, t.name)) throw conflict(`本县已有${t.name}，名称不能重复`);
  const view: CountyTownship = { townshipId: t.townshipId, name: t.name, families: 0 };
  await transact([...townshipParts(countyId, t), ...(options.alongside?.(view) ?? [])], {
    refusals: {
      // The county's own item first: added meanwhile by a colleague, both fail, and it is not another county's.
      [`township ${t.townshipId}`]: () => conflict(`本县已有编号为 ${t.townshipId.slice(2)} 的乡镇`),
      [`claim ${t.townshipId}`]: () => conflict('这个乡镇区划代码已由其他县区使用，请核对'),
    },
  });
  return view;
}

/**
 * Renames one of the county's townships (乡镇撤并 often renames the township that remains). Its
 * id, families and figures stay; lists, the dashboard, reports and new imports show the new name.
 * The same name again changes nothing.
 */
export async function renameTownship(countyId: string, townshipId: string, name: string): Promise<CountyTownship> {
  const townships = await countyTownshipStats(countyId);
  const current = townships.find((t) => t.townshipId === townshipId);
  if (!current) throw notFound('本县没有这个乡镇');
  if (current.townshipName === name) return townshipView(current);
  if (sameName(townships, name, townshipId)) throw conflict(`本县已有${name}，名称不能重复`);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.statsTownship(countyId, townshipId),
        UpdateExpression: 'SET townshipName = :n',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':n': name },
      }),
    );
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') throw notFound('本县没有这个乡镇');
    throw err;
  }
  return townshipView({ ...current, townshipName: name });
}
