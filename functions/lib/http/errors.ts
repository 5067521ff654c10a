import { errorCodes } from '../../../domain/errors';

/** An error the caller should see, with a message in plain Chinese. */
export class ApiHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
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
