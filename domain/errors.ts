import * as z from './zod';

/** Every error the API returns has this shape; `fields` maps a field path to what is wrong with it. */
export const ApiError = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.optional(z.record(z.string(), z.string())),
});
export type ApiError = z.infer<typeof ApiError>;

export const errorCodes = {
  invalidRequest: 'invalid_request',
  unsupportedMediaType: 'unsupported_media_type',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  tooManyRequests: 'too_many_requests',
  bindingFailed: 'binding_failed',
  wechatUnavailable: 'wechat_unavailable',
  /** The database is overloaded or failing for a moment: the same request may be sent again (Retry-After). */
  serviceBusy: 'service_busy',
  internal: 'internal',
} as const;
