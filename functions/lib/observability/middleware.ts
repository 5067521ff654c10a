import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { logger } from './logger';
import { flushMetrics } from './metrics';

/**
 * What every route adds to the middy stack, first in line so its keys are on every record: the
 * Lambda request id and cold start (Powertools), the route id and API Gateway's request id; the
 * caller's role (never who the caller is) is added by the stack once it has read the caller
 * (`callerRole`), 'anonymous' until then. The business metrics counted during the request are
 * flushed at the end, error or not. Keys are reset after each request (`resetKeys`).
 */
export function observeRoute(routeId: string): MiddlewareObj<APIGatewayProxyEventV2>[] {
  return [
    injectLambdaContext(logger, { resetKeys: true }) as MiddlewareObj<APIGatewayProxyEventV2>,
    {
      before: (request) => {
        logger.appendKeys({
          route: routeId,
          role: 'anonymous',
          apiRequestId: request.event.requestContext?.requestId,
        });
      },
      after: flushMetrics,
      onError: flushMetrics,
    },
  ];
}

/** The caller's role on the request's log records, once the stack has read the caller. */
export const callerRole = (role: string) => logger.appendKeys({ role });

/**
 * A stream or scheduled function with the same logging context and metric flush as the routes.
 * `job` names it in every record (its name in functions/jobs.ts).
 */
export function observedJob<E, R>(job: string, fn: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  const handler = middy<E, R>(fn)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({ before: () => logger.appendKeys({ job }), after: flushMetrics, onError: flushMetrics });
  // middy's handler type adds its own call signatures; the Lambda contract is this one.
  return handler as unknown as (event: E, context: Context) => Promise<R>;
}
