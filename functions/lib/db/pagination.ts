import { QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { badRequest } from '../http/errors';
import { db } from './client';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * Cursors are the key of a page's last item (the attributes DynamoDB's LastEvaluatedKey holds),
 * base64url-encoded; `queryPage` hands one out only when another page follows. They are not secret
 * (they hold keys the caller may page through anyway) but they are checked before DynamoDB sees
 * them: exactly the key attributes the query returns, the partition the caller may page, and a
 * sort key inside the query's range. Anything else is a 400, never a DynamoDB validation error.
 */
export interface CursorShape {
  /** Every key attribute of the queried table or index, and nothing else. */
  attributes: readonly string[];
  /** Attributes that must equal these values (the partition being paged). */
  equals: Record<string, string>;
  /** Attributes that must start with these prefixes (the sort-key range of the query). */
  startsWith?: Record<string, string>;
}

export const tableKeyAttributes = ['pk', 'sk'] as const;
export const gsiKeyAttributes = (index: 'gsi1' | 'gsi2') => ['pk', 'sk', `${index}pk`, `${index}sk`] as const;

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined, shape: CursorShape): Record<string, string> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (isCursorOfShape(value, shape)) return value;
  throw badRequest('翻页标记无效，请从第一页重新查看', { 'query.cursor': '翻页标记无效' });
}

function isCursorOfShape(value: unknown, shape: CursorShape): value is Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  return (
    keys.length === shape.attributes.length &&
    shape.attributes.every((a) => typeof record[a] === 'string') &&
    Object.entries(shape.equals).every(([k, v]) => record[k] === v) &&
    Object.entries(shape.startsWith ?? {}).every(([k, prefix]) => (record[k] as string).startsWith(prefix))
  );
}

/**
 * One page of a Query, for every paginated list. DynamoDB hands back a LastEvaluatedKey whenever
 * it stopped at Limit, even when nothing follows, so a page that is exactly full would get a cursor
 * to an empty page. Instead this asks for one item more than the page: only if that extra item
 * exists is there a next page, and the cursor is built from the last item returned (its key
 * attributes, the same set decodeCursor checks), so the next page starts right after it.
 *
 * Limit counts items evaluated, not returned; the queries here have no filter expression, so the
 * two are the same.
 */
export async function queryPage<T>(
  input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
  page: { cursor?: string; limit: number },
  shape: CursorShape,
): Promise<Page<T>> {
  const out: QueryCommandOutput = await db().send(
    new QueryCommand({ ...input, ExclusiveStartKey: decodeCursor(page.cursor, shape), Limit: page.limit + 1 }),
  );
  const found = (out.Items ?? []) as Record<string, unknown>[];
  const items = found.slice(0, page.limit);
  // More follows if the extra item came back, or if DynamoDB stopped early at its 1 MB cap.
  const more = found.length > page.limit || out.LastEvaluatedKey !== undefined;
  const last = items[items.length - 1];
  let nextCursor: string | undefined;
  if (more && last) nextCursor = encodeCursor(Object.fromEntries(shape.attributes.map((a) => [a, last[a]])));
  else if (more) nextCursor = encodeCursor(out.LastEvaluatedKey);
  return { items: items as T[], nextCursor };
}
