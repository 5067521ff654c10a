import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../client';

/** Every page of a Query, up to `max` items (a family's log or a region's stale families). */
export async function queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>, max = 1000): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    start = out.LastEvaluatedKey;
  } while (start && items.length < max);
  return items;
}
