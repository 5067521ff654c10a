import type { touchable } from './support-table';

/**
 * One bad request for bad-input.test.ts, which runs every case (400/415, a Chinese message per
 * field, nothing written); feature files (booking-bad-input.ts, requests-bad-input.ts) build theirs
 * with the same shape. `C` narrows the callers a file may use.
 */
export interface BadCase<C extends string = string> {
  label: string;
  caller: C;
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** 400 unless said otherwise. */
  status?: 400 | 415;
  /** Field paths that must carry a message; a string value must be the exact message. */
  fields?: Record<string, string | true>;
  /** Partitions the request names, for the before/after slice. */
  touch?: Parameters<typeof touchable>[0];
}

/** zod's message for a field the schema does not know (domain/zod.ts). */
export const UNKNOWN = '不支持这个字段';
/** Fields that must carry some message, whatever its words. */
export const f = (fields: string[]) => Object.fromEntries(fields.map((k) => [k, true as const]));
