import * as z from '../../../domain/zod';
import { badRequest } from './errors';

type Schema = z.ZodMiniType;

const noQuery = z.strictObject({});

/**
 * Validates each part of a request with its zod schema and reports every problem at once, keyed by
 * field path (`body.name`, `query.limit`, `path.familyId`), so a form can mark each field.
 */
export function validateParts<S extends Partial<Record<'body' | 'query' | 'path', Schema>>>(
  schemas: S,
  parts: Record<'body' | 'query' | 'path', unknown>,
): { [K in keyof S]: S[K] extends Schema ? z.infer<S[K]> : never } {
  const fields: Record<string, string> = {};
  const out: Record<string, unknown> = {};
  for (const part of ['path', 'query', 'body'] as const) {
    // A route without a query schema takes no query parameters: an unknown one is refused like an
    // unknown body field, not silently ignored.
    const schema = schemas[part] ?? (part === 'query' ? noQuery : undefined);
    if (!schema) continue;
    const result = schema.safeParse(parts[part]);
    if (result.success) {
      out[part] = result.data;
      continue;
    }
    for (const issue of result.error.issues) {
      const key = [part, ...issue.path.map(String)].join('.');
      // Unknown fields come as one issue on the object listing the keys; name each key.
      if (issue.code === 'unrecognized_keys') {
        for (const k of issue.keys) fields[[key, k].join('.')] ??= '不支持这个字段';
        continue;
      }
      fields[key] ??= issue.message;
    }
  }
  if (Object.keys(fields).length > 0) throw badRequest('提交的内容有误，请检查后再试', fields);
  return out as never;
}
