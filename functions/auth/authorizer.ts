import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { verifySessionToken } from '../lib/auth/tokens';
import { principalToContext } from '../lib/http/principal';

/**
 * HTTP API Lambda authorizer (simple responses). It only establishes who is calling; what they
 * may do is decided per route from the route table, inside each function. API Gateway answers 401
 * when the Authorization header is missing and 403 when this returns isAuthorized: false; the
 * mini-program treats either as "log in again" (miniapp/src/api/client.ts).
 */
export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<Record<string, string>>> {
  const header = event.headers?.authorization ?? event.headers?.Authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
  if (!match) return { isAuthorized: false, context: {} };
  try {
    const principal = await verifySessionToken(match[1]);
    return { isAuthorized: true, context: principalToContext(principal) };
  } catch {
    return { isAuthorized: false, context: {} };
  }
}
