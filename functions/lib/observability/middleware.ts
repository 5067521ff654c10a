import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { principalFromEvent } from '../http/principal';
import { logger } from './logger';
import { flushMetrics } from './metrics';

const flush = () => {
  flushMetrics();
};

/**
 * What every route adds to the middy stack, first in line so its keys are on every record: the
 * Lambda request id and cold start (Powertools), the route id, the caller's role (never who the
 * caller is) and API Gateway's request id; the business metrics counted during the request are
 * flushed at the end, error or not. Keys are reset after each request (`resetKeys`).
 */
export function observeRoute(routeId: string): MiddlewareObj<APIGatewayProxyEventV2>[] {
  return [
    injectLambdaContext(logger, { resetKeys: true }) as MiddlewareObj<APIGatewayProxyEventV2>,
    {
      before: (request) => {
        logger.appendKeys({
          route: routeId,
          role: principalFromEvent(request.event)?.role ?? 'anonymous',
          apiRequestId: request.event.requestContext?.requestId,
        });
      },
      after: flush,
      onError: flush,
    },
  ];
}

/**
 * A stream or scheduled function with the same logging context and metric flush as the routes.
 * `job` names it in every record (the backgroundFunctions name in cdk/permissions.ts).
 */
export function observedJob<E, R>(job: string, fn: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  const handler = middy<E, R>(fn)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({ before: () => logger.appendKeys({ job }), after: flush, onError: flush });
  // middy's handler type adds its own call signatures; the Lambda contract is this one.
  return handler as unknown as (event: E, context: Context) => Promise<R>;
}
