import { QueryCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../client';
import { keys } from '../keys';
import type { TransactItem } from '../transact';

/**
 * Running messaging counters per township and Beijing month, for the commission: counts and
 * response times, never who wrote what. Each counter changes inside the transaction of the event
 * it counts (a thread opened, a wait answered), so the commission view is one Query per county
 * (one GetItem per township) however many messages there are.
 *
 * - conversations: `conversationsOpened` in the month the conversation began; each staff reply that
 *   ends a family's wait adds to `conversationsAnswered` and appends the wait (seconds) to
 *   `conversationResponseSecs`, in the month of the reply.
 * - consultations are counted in the month they were opened (a cohort): opened, first answered,
 *   first-response seconds, `answeredLate` (first reply after 24 h), and the string set `waiting`
 *   (`<createdAt>|<id>`) of those still without a first reply, so "overdue now" is those of them
 *   older than 24 h. A month's lists hold one number per answered wait: a township's month stays
 *   far below DynamoDB's 400 KB item limit (tens of thousands of replies).
 */
export interface StatsRegion {
  countyId: string;
  townshipId: string;
  townshipName: string;
}

export interface MessagingStatsItem extends StatsRegion {
  pk: string;
  sk: string;
  entity: 'messagingStats';
  month: string;
  conversationsOpened?: number;
  conversationsAnswered?: number;
  conversationResponseSecs?: number[];
  consultationsOpened?: number;
  consultationsAnswered?: number;
  consultationResponseSecs?: number[];
  answeredLate?: number;
  waiting?: Set<string>;
}

export const waitingEntry = (createdAt: string, consultationId: string) => `${createdAt}|${consultationId}`;

export interface StatsChange {
  add?: Record<string, number>;
  append?: Record<string, number>;
  waitingAdd?: string;
  waitingDelete?: string;
}

/** One Update of a township-month's counters, for the caller's TransactWriteItems. */
export function statsUpdate(region: StatsRegion, month: string, change: StatsChange): TransactItem {
  const names: Record<string, string> = { '#entity': 'entity', '#month': 'month' };
  const values: Record<string, unknown> = { ':entity': 'messagingStats', ':county': region.countyId, ':township': region.townshipId, ':townshipName': region.townshipName, ':month': month };
  const set = ['#entity = :entity', 'countyId = :county', 'townshipId = :township', 'townshipName = :townshipName', '#month = :month'];
  const add: string[] = [];
  Object.entries(change.append ?? {}).forEach(([attr, v], i) => {
    names[`#l${i}`] = attr;
    values[`:l${i}`] = [v];
    values[':empty'] = [];
    set.push(`#l${i} = list_append(if_not_exists(#l${i}, :empty), :l${i})`);
  });
  Object.entries(change.add ?? {}).forEach(([attr, v], i) => {
    names[`#a${i}`] = attr;
    values[`:a${i}`] = v;
    add.push(`#a${i} :a${i}`);
  });
  if (change.waitingAdd) {
    values[':w'] = new Set([change.waitingAdd]);
    add.push('waiting :w');
  }
  let expression = `SET ${set.join(', ')}${add.length ? ` ADD ${add.join(', ')}` : ''}`;
  if (change.waitingDelete) {
    values[':wd'] = new Set([change.waitingDelete]);
    expression += ' DELETE waiting :wd';
  }
  return { Update: { TableName: tableName(), Key: keys.messagingStatsMonth(region.countyId, month, region.townshipId), UpdateExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}

export const secondsBetween = (fromIso: string, to: Date) => Math.max(0, Math.round((to.getTime() - new Date(fromIso).getTime()) / 1000));

/** The county's township rows of one month: one Query. */
export async function countyMessagingStats(countyId: string, month: string): Promise<MessagingStatsItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.messagingStatsPk(countyId), ':p': `MONTH#${month}#` },
    }),
  );
  return (out.Items ?? []) as MessagingStatsItem[];
}

export async function townshipMessagingStats(countyId: string, month: string, townshipId: string): Promise<MessagingStatsItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.messagingStatsMonth(countyId, month, townshipId) }));
  return out.Item as MessagingStatsItem | undefined;
}
