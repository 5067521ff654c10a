import { randomUUID } from 'node:crypto';
import { addMonths, toBeijingIso, type ChangeEventKind } from '../../../domain';
import { tableName } from './client';
import type { HandoverItem } from './handover';
import { keys } from './keys';
import type { FamilyChangeItem } from './lifecycle/changes';
import { queryAll } from './query-all';
import type { TransactItem } from './transact';

/**
 * The change list's index: every change record (lifecycle/changes.ts) and change event (below)
 * sits in GSI2 under its township's month, `CHANGES#<township>#<month>`, sorted by when it happened
 * (`<Beijing ISO>#<id>`), written in the same transaction as the change. Hand-overs have their own
 * month index (`HANDOVERS#<township>#<month>`, handover.ts). So a list of N months of T townships
 * is 2 × N × T Queries and never a Scan. Items written before the index have no gsi2 keys (see
 * docs/change-list.md: backfill).
 */
export function changeListIndex(townshipId: string, at: string, id: string) {
  return { gsi2pk: keys.changesMonthPk(townshipId, at.slice(0, 7)), gsi2sk: `${at}#${id}` };
}

/** A change outside the family's own history; what the row says is decided when it is written. */
export interface ChangeEventItem {
  pk: string;
  sk: string;
  entity: 'changeEvent';
  eventId: string;
  familyId: string;
  townshipId: string;
  kind: ChangeEventKind;
  at: string;
  byName: string;
  memberId?: string;
  memberName?: string;
  field?: string;
  before?: string;
  after?: string;
  note?: string;
  /** A move's destination: a list that covers it shows the move's own record instead of this. */
  toTownshipId?: string;
  gsi2pk: string;
  gsi2sk: string;
}

export type ChangeEventInput = Omit<ChangeEventItem, 'pk' | 'sk' | 'entity' | 'eventId' | 'at' | 'gsi2pk' | 'gsi2sk'>;

export function changeEventItem(input: ChangeEventInput, now: Date): ChangeEventItem {
  const at = toBeijingIso(now);
  const eventId = `evt_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  // Optional fields left undefined are not stored (the document client's removeUndefinedValues).
  return { ...keys.changeEvent(input.familyId, at, eventId), entity: 'changeEvent', eventId, at, ...input, ...changeListIndex(input.townshipId, at, eventId) };
}

export function changeEventPut(input: ChangeEventInput, now: Date): TransactItem {
  return { Put: { TableName: tableName(), Item: changeEventItem(input, now), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** The months (YYYY-MM) from one date's to another's, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let d = `${from.slice(0, 7)}-01`; d.slice(0, 7) <= to.slice(0, 7); d = addMonths(d, 1)) months.push(d.slice(0, 7));
  return months;
}

export type ChangeListItem = FamilyChangeItem | ChangeEventItem | HandoverItem;

/**
 * Everything indexed for these townships between two Beijing dates (both included): per township
 * and month one Query of the change index and one of the hand-over index, in parallel.
 */
export async function readChangeList(townshipIds: string[], from: string, to: string): Promise<Array<{ townshipId: string; item: ChangeListItem }>> {
  const range = { ':from': from, ':to': `${to}~` };
  const read = (pk: string) =>
    queryAll<ChangeListItem>({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ...range },
    });
  const months = monthsBetween(from, to);
  const lists = await Promise.all(
    townshipIds.flatMap((townshipId) =>
      months.flatMap((month) => [keys.changesMonthPk(townshipId, month), keys.handoverMonthPk(townshipId, month)].map(async (pk) => (await read(pk)).map((item) => ({ townshipId, item })))),
    ),
  );
  return lists.flat();
}
