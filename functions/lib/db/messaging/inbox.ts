import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../client';
import { keys } from '../keys';
import { PAGE_SIZE, type ThreadMetaItem } from './threads';

/** An inbox row as stored: a waiting thread's meta (`entity: 'thread'`) or an answered thread's ~INBOX entry. */
export type InboxSource = Partial<ThreadMetaItem> & { entity: string; threadId: string; kind: 'conversation' | 'consultation'; familyId: string };

/** Per inbox partition: where the last page stopped (base key, sort key, index sort key), not yet begun (null), or read to the end. */
export type InboxCursor = Record<string, [string, string, string] | null | 'done'>;

/**
 * The staff inbox as stored: waiting threads (urgent, then longest waiting) then answered ones,
 * newest first. A contact person has one partition (INBOX#<staffId>); a doctor reads the
 * consultation inbox of each team they are on (INBOX#TEAM#<teamId>; nearly always one). Each
 * partition is one Query of at most a page; several are merged by their sort key (the same order in
 * every partition) and the cursor remembers where each one stopped.
 */
export async function staffInbox(partitions: string[], cursor?: InboxCursor): Promise<{ items: InboxSource[]; nextCursor?: InboxCursor }> {
  const pages = await Promise.all(
    partitions.map(async (pk) => {
      const from = cursor?.[pk];
      if (from === 'done') return { pk, items: [] as Array<InboxSource & { pk: string; sk: string; gsi1sk: string }>, more: false };
      const out = await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          Limit: PAGE_SIZE + 1,
          ExclusiveStartKey: from ? { pk: from[0], sk: from[1], gsi1pk: pk, gsi1sk: from[2] } : undefined,
        }),
      );
      const items = (out.Items ?? []) as Array<InboxSource & { pk: string; sk: string; gsi1sk: string }>;
      return { pk, items, more: items.length > PAGE_SIZE || out.LastEvaluatedKey !== undefined };
    }),
  );
  const merged = pages.flatMap((p) => p.items.map((item) => ({ item, pk: p.pk }))).sort((a, b) => a.item.gsi1sk.localeCompare(b.item.gsi1sk));
  const taken = merged.slice(0, PAGE_SIZE);
  const next: InboxCursor = {};
  let more = false;
  for (const p of pages) {
    const mine = taken.filter((t) => t.pk === p.pk);
    const last = mine[mine.length - 1]?.item;
    const left = p.items.length > mine.length || p.more;
    if (cursor?.[p.pk] === 'done' || !left) next[p.pk] = 'done';
    else {
      more = true;
      next[p.pk] = last ? [last.pk, last.sk, last.gsi1sk] : (cursor?.[p.pk] ?? null);
    }
  }
  return { items: taken.map((t) => t.item), ...(more ? { nextCursor: next } : {}) };
}

/** The family's thread metas: one Query of GSI2 THREADS#<familyId>. */
export async function familyThreadMetas(familyId: string): Promise<ThreadMetaItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.familyThreadsPk(familyId) } }),
  );
  return (out.Items ?? []) as ThreadMetaItem[];
}
