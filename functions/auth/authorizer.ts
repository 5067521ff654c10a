import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { InvalidTokenError, verifySessionToken } from '../lib/auth/tokens';
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
  } catch (err) {
    // Only a bad or expired token is the caller's problem. Anything else (say, the secret could
    // not be fetched) must fail loudly: API Gateway answers 500 and the authorizer alarm fires,
    // instead of telling every user to log in again.
    if (err instanceof InvalidTokenError) return { isAuthorized: false, context: {} };
    throw err;
  }
}
