import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';
import { authorizerHandler, routes, type RouteDef } from '../functions/routes';
import { withRequestCounting } from '../functions/lib/db/request-counter';

/**
 * Plays API Gateway (HTTP API, payload v2) for the route table: matches method and path, runs the
 * same Lambda authorizer the CDK stack attaches, builds the v2 event and calls the route's handler
 * module in-process. Also reports how many DynamoDB requests the call made, in a header only this
 * local runtime sets, so tests and benchmarks can hold routes to their budgets.
 */
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
type Authorizer = (event: APIGatewayRequestAuthorizerEventV2) => Promise<{ isAuthorized: boolean; context?: Record<string, string> }>;

interface CompiledRoute {
  route: RouteDef;
  pattern: RegExp;
  params: string[];
}

/** Fewest path parameters first: like API Gateway, `/commission/imports/template` wins over `/commission/imports/{importId}`. */
const compiled: CompiledRoute[] = routes
  .map((route) => {
    const params: string[] = [];
    const source = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      params.push(name);
      return '([^/]+)';
    });
    return { route, pattern: new RegExp(`^${source}$`), params };
  })
  .sort((a, b) => a.params.length - b.params.length);

const moduleCache = new Map<string, Promise<{ handler: unknown }>>();
/** The `handler` export of a module under functions/, loaded once (routes and local/jobs.ts). */
export function loadHandler<T>(modulePath: string): Promise<T> {
  let mod = moduleCache.get(modulePath);
  if (!mod) {
    mod = import(resolve(process.cwd(), 'functions', `${modulePath}.ts`)) as Promise<{ handler: unknown }>;
    moduleCache.set(modulePath, mod);
  }
  return mod.then((m) => m.handler as T);
}

/** Like API Gateway, a malformed escape is passed on as written; the route's validation refuses it. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function matchRoute(method: string, path: string) {
  let pathMatched = false;
  for (const c of compiled) {
    const m = c.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (c.route.method !== method) continue;
    const pathParameters = Object.fromEntries(c.params.map((name, i) => [name, decodePathSegment(m[i + 1])]));
    return { route: c.route, pathParameters };
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

function lambdaContext(name: string): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `lianxin-local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, 10_000 - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const gatewayJson = (statusCode: number, message: string): GatewayResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message }),
});

export async function invokeRoute(input: {
  method: string;
  path: string;
  rawQueryString: string;
  headers: IncomingHttpHeaders;
  body: string | undefined;
  sourceIp: string;
}): Promise<GatewayResponse | undefined> {
  const match = matchRoute(input.method, input.path);
  if (!match) return undefined;
  if (match === 'method-not-allowed') return gatewayJson(404, 'Not Found');
  const { route, pathParameters } = match;

  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query = new URLSearchParams(input.rawQueryString);
  const queryStringParameters: Record<string, string> = {};
  for (const key of new Set(query.keys())) queryStringParameters[key] = query.getAll(key).join(',');
  const now = new Date();
  const requestContext = {
    accountId: '000000000000',
    apiId: 'local',
    domainName: headers.host ?? 'localhost',
    domainPrefix: 'localhost',
    http: { method: input.method, path: input.path, protocol: 'HTTP/1.1', sourceIp: input.sourceIp, userAgent: headers['user-agent'] ?? '' },
    requestId: randomUUID(),
    routeKey: `${route.method} ${route.path}`,
    stage: '$default',
    time: now.toISOString(),
    timeEpoch: now.getTime(),
  };

  let authorizer: { lambda: Record<string, string> } | undefined;
  if (route.access.kind === 'roles') {
    if (!headers.authorization) return gatewayJson(401, 'Unauthorized');
    const authorize = await loadHandler<Authorizer>(authorizerHandler);
    const verdict = await authorize({
      version: '2.0',
      type: 'REQUEST',
      routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${route.method}${route.path}`,
      identitySource: [headers.authorization],
      routeKey: requestContext.routeKey,
      rawPath: input.path,
      rawQueryString: input.rawQueryString,
      headers,
      queryStringParameters,
      pathParameters,
      requestContext,
    } as unknown as APIGatewayRequestAuthorizerEventV2);
    if (!verdict.isAuthorized) return gatewayJson(403, 'Forbidden');
    authorizer = { lambda: verdict.context ?? {} };
  }

  const event = {
    version: '2.0',
    routeKey: requestContext.routeKey,
    rawPath: input.path,
    rawQueryString: input.rawQueryString,
    headers,
    queryStringParameters: Object.keys(queryStringParameters).length ? queryStringParameters : undefined,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    requestContext: { ...requestContext, authorizer },
    body: input.body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;

  const handler = await loadHandler<Handler>(route.handler);
  // A test's fault scope (local/dynamo-faults.ts) follows the call to every DynamoDB request it makes.
  const faultScope = headers['x-lianxin-fault-scope'];
  const { result, count } = await withRequestCounting(() => handler(event, lambdaContext(route.id)), { faultScope });
  return {
    statusCode: result.statusCode ?? 200,
    headers: {
      ...(Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])) as Record<string, string>),
      'x-lianxin-ddb-requests': String(count.requests),
      'x-lianxin-ddb-operations': count.operations.join(','),
    },
    body: typeof result.body === 'string' ? result.body : '',
  };
}
