import { createHash } from 'node:crypto';
import { getMarker, markerKey, markerPart } from '../db/idempotency-markers';
import { IDEMPOTENCY_LABEL, type Part } from '../db/transact';
import { ApiHttpError, badRequest } from './errors';

/**
 * The Idempotency-Key header, handled once for every route that declares `idempotent: true` in the
 * route table (the shared middy stack calls `idempotencyFor` before the handler).
 *
 * - The key: 8 to 64 letters, digits, `-` or `_` (the mini-program sends a UUID). A malformed key
 *   is a 400 before anything is read.
 * - The request: a hash of the validated path, query and body, so the same key with another
 *   request is told apart (409) instead of silently answered with the first result.
 * - Before the handler, ONE consistent GetItem of the marker: found with the same hash, the stored
 *   answer is returned and the handler never runs (nothing is read or written besides); found
 *   with another hash, 409. Not found: the handler runs and adds `marker(body, status)` to its
 *   transaction. If a concurrent request with the same key commits first, the transaction fails on
 *   the marker alone (`KeyAlreadyUsed`) and the stack answers from the marker, as for a retry.
 */
const KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export const keyReusedError = () =>
  new ApiHttpError(409, 'idempotency_key_reused', '这个请求编号已用于另一项不同的提交，请刷新页面后重新提交');

export interface Idempotency {
  /** Whether the caller sent a key (a retry-safe request). */
  readonly keyed: boolean;
  /**
   * The marker's part for the change's transaction: the answer a retry with this key will get.
   * Empty when no key was sent, so a handler can always spread it into its parts.
   */
  marker(body: unknown, status?: number): Part<typeof IDEMPOTENCY_LABEL>[];
}

export interface Replay {
  status: number;
  body: unknown;
}

export interface IdempotencyContext extends Idempotency {
  /** The earlier answer to this key, if the request was done already; 409 if the key was used for another request. */
  replay(): Promise<Replay | undefined>;
}

const noKey: IdempotencyContext = { keyed: false, marker: () => [], replay: async () => undefined };

export function parseIdempotencyKey(headers: Record<string, string | undefined>): string | undefined {
  const raw = headers['idempotency-key'];
  if (raw === undefined) return undefined;
  if (!KEY_PATTERN.test(raw)) {
    throw badRequest('请求编号（Idempotency-Key）格式不正确', { 'headers.idempotency-key': '应为 8 到 64 位字母、数字、- 或 _' });
  }
  return raw;
}

/** JSON with object keys sorted, so the hash does not depend on the order fields were sent in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export function requestHash(parts: { path?: unknown; query?: unknown; body?: unknown }): string {
  return sha256(canonical({ path: parts.path ?? null, query: parts.query ?? null, body: parts.body ?? null }));
}

export function idempotencyFor(
  route: { id: string; idempotent?: boolean },
  headers: Record<string, string | undefined>,
  callerId: string | undefined,
  parts: { path?: unknown; query?: unknown; body?: unknown },
  now: Date,
): IdempotencyContext {
  if (!route.idempotent || !callerId) return noKey;
  const raw = parseIdempotencyKey(headers);
  if (raw === undefined) return noKey;
  const key = markerKey(callerId, route.id, sha256(raw).slice(0, 32));
  const hash = requestHash(parts);
  return {
    keyed: true,
    marker: (body, status = 200) => [markerPart(key, hash, status, body, now)],
    replay: async () => {
      const found = await getMarker(key);
      if (!found) return undefined;
      if (found.requestHash !== hash) throw keyReusedError();
      return { status: found.status, body: found.body };
    },
  };
}
