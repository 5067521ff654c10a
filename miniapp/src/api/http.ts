import Taro from '@tarojs/taro';
import { ApiError } from '@domain';
import { apiBase } from './config';
import { ApiFailure, messages } from './errors';
import { isRepeatable, withRetry } from './retry';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface SendOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  token?: string;
  /** Extra request headers, e.g. Idempotency-Key on creating POSTs. */
  headers?: Record<string, string>;
}

export interface RawResponse {
  status: number;
  data: unknown;
  /** The Retry-After header of a 503, in seconds. */
  retryAfter?: string;
}

function queryString(query: SendOptions['query']): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * One HTTP exchange, tried again by itself when the server is busy (503) or no answer came, if the
 * request is safe to repeat (./retry.ts: reads, and writes with an Idempotency-Key, repeated with
 * the same key). Resolves for every HTTP status; rejects only when no answer arrived.
 */
export async function send(method: Method, path: string, opts: SendOptions = {}): Promise<RawResponse> {
  const header: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) header['Content-Type'] = 'application/json';
  if (opts.token) header.Authorization = `Bearer ${opts.token}`;
  Object.assign(header, opts.headers);
  const once = async (): Promise<RawResponse> => {
    try {
      const res = await Taro.request({
        url: `${apiBase}${path}${queryString(opts.query)}`,
        method,
        header,
        data: opts.body as Record<string, unknown> | undefined,
        dataType: 'json',
        timeout: 15000,
      });
      return { status: res.statusCode, data: res.data, retryAfter: headerValue(res.header, 'retry-after') };
    } catch {
      throw new ApiFailure('network', 0, messages.network);
    }
  };
  return withRetry(isRepeatable(method, opts.headers), once);
}

/** A response header by name, whatever case the platform gives it in. */
function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const found = Object.entries(headers as Record<string, unknown>).find(([k]) => k.toLowerCase() === name);
  return found === undefined ? undefined : String(found[1]);
}

/**
 * API Gateway answers 401 {"message":"Unauthorized"} without a token and 403 {"message":"Forbidden"}
 * (no `error` field) for a bad or expired one: both mean "log in again", unlike the API's own
 * 403 {error:'forbidden'}, which is a real "not allowed".
 */
export function isSessionRejection(res: RawResponse): boolean {
  if (res.status === 401) return true;
  if (res.status !== 403) return false;
  const data = res.data as { error?: unknown } | null;
  return !data || typeof data !== 'object' || data.error === undefined;
}

/** Converts a non-2xx answer into an ApiFailure carrying the API's Chinese message and fields. */
export function failureFrom(res: RawResponse): ApiFailure {
  const parsed = ApiError.safeParse(res.data);
  if (parsed.success) {
    return new ApiFailure('http', res.status, parsed.data.message, parsed.data.error, parsed.data.fields);
  }
  if (res.status === 401 || res.status === 403) return new ApiFailure('session', res.status, messages.sessionExpired);
  return new ApiFailure('http', res.status, messages.server);
}
