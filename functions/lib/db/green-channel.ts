import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { greenChannelCounters, type GreenChannelCounts, type Reduction, type WalkInPriority } from '../../../domain';
import { blindIndex } from '../crypto/field-crypto';
import { db, tableName } from './client';
import { keys } from './keys';
import { part, type Part } from './transact';

/**
 * The hospital window's side of the table: the lookup items that find a family by its card's
 * number or a member's name and ID digits, walk-in visits, and the green-channel counters.
 *
 * Counters: one item per county, month, township and institution
 * (GCSTATS#<county> / MONTH#<month>#<township>#<institution>), so the dashboard reads a month of a
 * county (or of one township) with one Query. Whoever records a green-channel event adds
 * `greenChannelCount(...)` to the event's own transaction; the recount test in
 * test/api/walk-in.test.ts checks the counters equal a count of the records.
 */

export interface CardNumberItem {
  pk: string;
  sk: 'CARDNO';
  entity: 'cardNumber';
  cardNo: string;
  familyId: string;
}

export interface NameIdItem {
  pk: string;
  sk: string;
  entity: 'nameIdIndex';
  personId: string;
  familyId: string;
}

/** Written with the family (seed, import); the lookup still checks the profile's current card. */
export function cardNumberItem(cardNo: string, familyId: string): CardNumberItem {
  const upper = cardNo.toUpperCase();
  return { ...keys.cardNumber(upper), entity: 'cardNumber', cardNo: upper, familyId };
}

/**
 * HMAC of the name (spaces dropped, as `sameName` compares) and the last 6 ID characters (upper
 * case): the table never holds them in the clear, and a guess has to come through the rate-limited route.
 */
export function nameIdIndex(name: string, idNumberOrLast6: string): Promise<string> {
  return blindIndex('name_id6', `${name.replace(/\s+/g, '')}:${idNumberOrLast6.slice(-6).toUpperCase()}`);
}

export async function nameIdItem(name: string, idNumber: string, personId: string, familyId: string): Promise<NameIdItem> {
  return { ...keys.nameId(await nameIdIndex(name, idNumber), personId), entity: 'nameIdIndex', personId, familyId };
}

export async function findByNameId(name: string, idLast6: string): Promise<NameIdItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.nameIdPk(await nameIdIndex(name, idLast6)) },
      Limit: 10,
    }),
  );
  return (out.Items ?? []) as NameIdItem[];
}

export interface WalkInItem {
  pk: string;
  sk: string;
  entity: 'walkIn';
  visitId: string;
  familyId: string;
  memberId: string;
  memberName: string;
  countyId: string;
  townshipId: string;
  institutionId: string;
  institutionName: string;
  departmentId: string;
  departmentName: string;
  date: string;
  recordedAt: string;
  recordedBy: string;
  recordedByName: string;
  priorities: WalkInPriority[];
  escort: boolean;
  wheelchair: boolean;
  reductions: Reduction[];
  reductionFen: number;
  payLater: boolean;
  note?: string;
}

export async function listWalkIns(institutionId: string, date: string): Promise<WalkInItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.walkInDayPk(institutionId, date) } }),
  );
  return (out.Items ?? []) as WalkInItem[];
}

export interface GreenChannelStatsItem extends Partial<GreenChannelCounts> {
  pk: string;
  sk: string;
  entity: 'greenChannelStats';
  countyId: string;
  month: string;
  townshipId: string;
  townshipName: string;
  institutionId: string;
  institutionName: string;
}

export interface CountPlace {
  countyId: string;
  townshipId: string;
  townshipName: string;
  institutionId: string;
  institutionName: string;
}

/**
 * One transaction part adding `delta` to a month's counters (names kept current, counters
 * started from zero by ADD). None when nothing moves, so such a transaction does not touch the
 * shared counter item at all.
 */
export function greenChannelCount(place: CountPlace, month: string, delta: Partial<GreenChannelCounts>): Part<'greenChannel'>[] {
  const moves = greenChannelCounters.filter((c) => delta[c]);
  if (moves.length === 0) return [];
  return [
    part('greenChannel', {
      Update: {
        TableName: tableName(),
        Key: keys.greenChannelStats(place.countyId, month, place.townshipId, place.institutionId),
        UpdateExpression: `SET entity = :entity, countyId = :county, #month = :month, townshipId = :township, townshipName = :townshipName, institutionId = :inst, institutionName = :instName ADD ${moves.map((c) => `#${c} :${c}`).join(', ')}`,
        // Counter names are aliased too: DynamoDB reserves many plain words.
        ExpressionAttributeNames: { '#month': 'month', ...Object.fromEntries(moves.map((c) => [`#${c}`, c])) },
        ExpressionAttributeValues: {
          ':entity': 'greenChannelStats',
          ':county': place.countyId,
          ':month': month,
          ':township': place.townshipId,
          ':townshipName': place.townshipName,
          ':inst': place.institutionId,
          ':instName': place.institutionName,
          ...Object.fromEntries(moves.map((c) => [`:${c}`, delta[c]])),
        },
      },
    }),
  ];
}

/** A month's counters of a county, or of one of its townships: one Query (a page holds them all). */
export async function greenChannelMonth(countyId: string, month: string, townshipId?: string): Promise<GreenChannelStatsItem[]> {
  const items: GreenChannelStatsItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': keys.greenChannelStatsPk(countyId), ':p': keys.greenChannelMonthPrefix(month, townshipId) },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((out.Items ?? []) as GreenChannelStatsItem[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
