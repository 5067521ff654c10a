import { badRequest } from '../http/errors';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * Cursors are DynamoDB's LastEvaluatedKey, base64url-encoded. They are not secret (they hold keys
 * the caller may page through anyway) but they are validated: a cursor must decode to an object of
 * string attributes, or the request is refused rather than passed to DynamoDB.
 */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/** `expected` pins attributes the cursor must carry, e.g. the partition the caller may page. */
export function decodeCursor(cursor: string | undefined, expected: Record<string, string>): Record<string, string> | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => typeof v === 'string') &&
      Object.entries(expected).every(([k, v]) => (value as Record<string, string>)[k] === v)
    ) {
      return value as Record<string, string>;
    }
  } catch {
    // fall through to the same answer as a well-formed but wrong cursor
  }
  throw badRequest('翻页标记无效，请从第一页重新查看', { cursor: '翻页标记无效' });
}
