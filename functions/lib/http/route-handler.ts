import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { errorCodes, type Principal } from '../../../domain';
import type * as z from '../../../domain/zod';
import type { RouteId } from '../../routes';
import { routeById } from './route-definition';
import { requestTime } from '../clock';
import { KeyAlreadyUsed, TransactionRefused } from '../db/transact';
import { DynamoUnavailable } from '../db/unavailable';
import { errorFields, logger } from '../observability/logger';
import { countMetric } from '../observability/metrics';
import { callerRole, observeRoute } from '../observability/middleware';
import { ApiHttpError, badRequest, conflict, forbidden, serviceBusy, unauthenticated } from './errors';
import { idempotencyFor, type Idempotency } from './idempotency';
import { principalFromEvent } from './principal';
import { familyInScope } from './scope';
import { validateParts } from './validation';

type Schema = z.ZodMiniType;
interface Schemas {
  body?: Schema;
  query?: Schema;
  path?: Schema;
}
type Parsed<S extends Schemas, K extends keyof Schemas> = S[K] extends Schema ? z.infer<S[K]> : undefined;

export interface RouteRequest<S extends Schemas, P extends Principal | undefined> {
  body: Parsed<S, 'body'>;
  query: Parsed<S, 'query'>;
  path: Parsed<S, 'path'>;
  principal: P;
  now: Date;
  headers: Record<string, string | undefined>;
  /** The Idempotency-Key's marker for the route's transaction (functions/lib/http/idempotency.ts). */
  idempotency: Idempotency;
}

export interface RouteResult<R> {
  status?: number;
  body: R;
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

function respond(status: number, body: unknown, extraHeaders?: Record<string, string>): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: extraHeaders ? { ...jsonHeaders, ...extraHeaders } : jsonHeaders, body: JSON.stringify(body) };
}

/** Marks an answer given from an Idempotency-Key marker instead of by running the handler. */
const replayedHeaders = { 'idempotency-replayed': 'true' };

/** middy's body parser speaks 415/422; our clients get one 400 shape for every bad body. */
function toApiError(err: unknown): ApiHttpError | undefined {
  if (err instanceof ApiHttpError) return err;
  // A refusal the handler did not name (or conflicts that outlasted the retries): the data moved
  // under the request, so the user is asked to look again rather than shown a fault.
  if (err instanceof TransactionRefused) return conflict('刚才有其他人同时修改了这条信息，请刷新后再试');
  // DynamoDB throttled, failed or timed out even after the SDK's retries: nothing was half-written
  // (every multi-item change is one transaction), so the caller may simply send the request again.
  if (err instanceof DynamoUnavailable) {
    logger.warn('dynamodb unavailable', { reason: err.reason, ...errorFields(err.cause) });
    countMetric('DynamoUnavailable');
    return serviceBusy();
  }
  const status = (err as { statusCode?: number }).statusCode;
  if (status === 415) return new ApiHttpError(415, errorCodes.unsupportedMediaType, '请以 JSON 格式提交（Content-Type: application/json）');
  if (status === 422 || (status === 400 && (err as { expose?: boolean }).expose)) {
    return badRequest('提交的内容不是有效的 JSON', { body: '不是有效的 JSON' });
  }
  return undefined;
}

/**
 * The one middy stack every route uses. In order: header normalising, JSON body parsing (routes
 * with a body schema), the role check from the route table, zod validation of path, query and
 * body, the family-scope check (which needs a valid family id), the Idempotency-Key (routes marked
 * `idempotent`: an answered key is answered again without running the handler), then the handler.
 * Nothing about the family is read before both checks pass. Errors become `{ error, message, fields }` JSON;
 * DynamoDB being unavailable after the SDK's retries is a 503 with Retry-After (functions/lib/db/unavailable.ts);
 * anything unexpected is logged and answered with a plain 500.
 */
export type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** A route that needs a signed-in caller: `principal` is always set. */
export function routeHandler<S extends Schemas, R>(
  routeId: RouteId,
  schemas: S,
  fn: (req: RouteRequest<S, Principal>) => Promise<RouteResult<R>>,
): LambdaHttpHandler {
  if (routeById(routeId).access.kind !== 'roles') throw new Error(`${routeId} is public: use publicRouteHandler`);
  return buildHandler(routeId, schemas, fn as (req: RouteRequest<S, Principal | undefined>) => Promise<RouteResult<R>>);
}

/** One of the login steps, open to anyone. */
export function publicRouteHandler<S extends Schemas, R>(
  routeId: RouteId,
  schemas: S,
  fn: (req: RouteRequest<S, undefined>) => Promise<RouteResult<R>>,
): LambdaHttpHandler {
  if (routeById(routeId).access.kind !== 'public') throw new Error(`${routeId} is not public: use routeHandler`);
  return buildHandler(routeId, schemas, fn as (req: RouteRequest<S, Principal | undefined>) => Promise<RouteResult<R>>);
}

function buildHandler<S extends Schemas, R>(
  routeId: RouteId,
  schemas: S,
  fn: (req: RouteRequest<S, Principal | undefined>) => Promise<RouteResult<R>>,
): LambdaHttpHandler {
  const route = routeById(routeId);

  const core = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const headers = (event.headers ?? {}) as Record<string, string | undefined>;
    let principal: Principal | undefined;
    if (route.access.kind === 'roles') {
      principal = principalFromEvent(event);
      if (!principal) throw unauthenticated();
      callerRole(principal.role);
      if (!route.access.roles.includes(principal.role)) throw forbidden();
      if (principal.level === 'city' && !('city' in route.access && route.access.city)) throw forbidden('市卫健委可以查看各县的自查报告，这项工作由县、乡镇办理');
    }
    const parts = validateParts(schemas, {
      body: event.body,
      query: event.queryStringParameters ?? {},
      path: event.pathParameters ?? {},
    });
    if (route.access.kind === 'roles' && route.access.scope === 'family') {
      const familyId = (parts as { path?: { familyId?: string } }).path?.familyId;
      if (!familyId || !(await familyInScope(principal!, familyId))) {
        throw forbidden('您没有权限查看这户家庭的信息');
      }
    }
    const now = requestTime(headers);
    const idempotency = idempotencyFor(route, headers, principal?.personId, parts as Record<string, unknown>, now);
    const earlier = await idempotency.replay();
    if (earlier) return respond(earlier.status, earlier.body, replayedHeaders);
    let result: RouteResult<R>;
    try {
      result = await fn({
        body: (parts as Record<string, unknown>).body,
        query: (parts as Record<string, unknown>).query,
        path: (parts as Record<string, unknown>).path,
        principal,
        now,
        headers,
        idempotency,
      } as RouteRequest<S, Principal | undefined>);
    } catch (err) {
      if (!(err instanceof KeyAlreadyUsed)) throw err;
      // A request with the same key committed while this one ran: its answer is this one's.
      const winner = await idempotency.replay();
      if (winner) return respond(winner.status, winner.body, replayedHeaders);
      throw conflict('同一个请求正在处理，请稍后刷新查看结果');
    }
    return respond(result.status ?? 200, result.body);
  };

  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(core).use(httpHeaderNormalizer());
  handler.use(observeRoute(route.id));
  if (schemas.body) handler.use(httpJsonBodyParser());
  handler.use({
    onError: async (request) => {
      const apiError = toApiError(request.error);
      if (apiError) {
        request.response = respond(
          apiError.statusCode,
          { error: apiError.code, message: apiError.message, ...(apiError.fields ? { fields: apiError.fields } : {}) },
          apiError.headers,
        );
        return;
      }
      logger.error('unexpected error', errorFields(request.error));
      request.response = respond(500, { error: 'internal', message: '服务暂时出了点问题，请稍后再试' });
    },
  });
  // middy's handler type adds its own call signatures; the Lambda contract is this one.
  return handler as unknown as LambdaHttpHandler;
}
