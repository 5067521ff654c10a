import { badRequest } from '../http/errors';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * Cursors are DynamoDB's LastEvaluatedKey, base64url-encoded. They are not secret (they hold keys
 * the caller may page through anyway) but they are checked before DynamoDB sees them: exactly the
 * key attributes the query returns, the partition the caller may page, and a sort key inside the
 * query's range. Anything else is a 400, never a DynamoDB validation error.
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
