import { errorCodes } from '../../../domain/errors';

/** An error the caller should see, with a message in plain Chinese. */
export class ApiHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** Response headers the error needs, e.g. Retry-After on a 503. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new ApiHttpError(400, errorCodes.invalidRequest, message, fields);
export const unauthenticated = (message = '登录已过期，请重新登录') => new ApiHttpError(401, errorCodes.unauthenticated, message);
export const forbidden = (message = '您没有权限查看这项内容') => new ApiHttpError(403, errorCodes.forbidden, message);
export const notFound = (message = '没有找到相关内容') => new ApiHttpError(404, errorCodes.notFound, message);
export const conflict = (message: string) => new ApiHttpError(409, errorCodes.conflict, message);
export const tooManyRequests = (message: string) => new ApiHttpError(429, errorCodes.tooManyRequests, message);

/** Seconds a client waits before repeating a request the database could not serve (a 503). */
export const RETRY_AFTER_SECONDS = 1;
export const serviceBusy = () =>
  new ApiHttpError(503, errorCodes.serviceBusy, '服务繁忙，请稍后再试', undefined, { 'retry-after': String(RETRY_AFTER_SECONDS) });
