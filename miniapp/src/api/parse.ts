// zod straight from 'zod/mini' (not the `z` re-exported by '@domain'), so webpack tracks exactly
// which schema builders the app uses.
import type * as z from 'zod/mini';
import { ApiFailure, messages } from './errors';
import { failureFrom, send, type Method, type SendOptions } from './http';

/**
 * Every response is checked against its domain schema before a page sees it: if the backend and
 * the app disagree about the contract, the tests fail and a user sees a plain message instead of
 * a broken page.
 */
export function parseWith<S extends z.ZodMiniType>(schema: S, data: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    console.error(`[api] ${what}: response does not match the domain schema`, result.error);
    throw new ApiFailure('contract', 200, messages.contract);
  }
  return result.data as z.infer<S>;
}

/** A call that needs no session (login steps, dev login). */
export async function publicCall<S extends z.ZodMiniType>(
  method: Method,
  path: string,
  schema: S,
  opts: SendOptions = {},
): Promise<z.infer<S>> {
  const res = await send(method, path, opts);
  if (res.status < 200 || res.status >= 300) throw failureFrom(res);
  return parseWith(schema, res.data, `${method} ${path}`);
}
