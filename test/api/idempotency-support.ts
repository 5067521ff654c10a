import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '../support/api';
import { expectApiError, expectReadsOnly, operations } from './support-table';

/**
 * The check every route marked `idempotent` in the route table gets (test/api/idempotency.test.ts
 * proves each such route has one): the first request succeeds; the same key with the same request
 * answers the first response again, marked as replayed, with nothing but reads (the scope check,
 * if the route has one, and the marker); the same key with another request (another body or
 * another path) answers 409, with nothing but reads.
 */
export interface IdempotentCase {
  /** The route's id, as in the route table (test/unit/idempotent-routes.test.ts looks for it). */
  route: string;
  /** Sends the request with this Idempotency-Key. */
  send: (key: string) => Promise<ApiResponse>;
  /** Sends a different request (body or path) under the same key. */
  other: (key: string) => Promise<ApiResponse>;
  /** The first answer's status (200 unless the route creates: 201). */
  status?: number;
  /** Reads the route makes before the marker check (the family-scope check), at most. */
  scopeReads?: number;
}

export const idemKey = (tag = 'idem') => `${tag}-${randomUUID()}`.slice(0, 64);

export async function expectIdempotent(c: IdempotentCase): Promise<ApiResponse> {
  const key = idemKey();
  const first = await c.send(key);
  expect({ status: first.status, body: first.body }).toEqual({ status: c.status ?? 200, body: expect.anything() });
  expect(first.headers.get('idempotency-replayed')).toBeNull();
  expect(operations(first)).toContain('TransactWriteItemsCommand');

  const again = await c.send(key);
  expect({ status: again.status, body: again.body }).toEqual({ status: first.status, body: first.body });
  expect(again.headers.get('idempotency-replayed')).toBe('true');
  expectReadsOnly(again, (c.scopeReads ?? 0) + 1);
  expect(operations(again).at(-1)).toBe('GetItemCommand');

  const other = await c.other(key);
  expectApiError(other, 409, 'idempotency_key_reused');
  expectReadsOnly(other, (c.scopeReads ?? 0) + 1);
  return first;
}
