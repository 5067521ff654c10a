import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Principal } from '../../../domain';

/** The authorizer's verdict, as API Gateway (or the local runtime) hands it to the function. */
export function principalFromEvent(event: APIGatewayProxyEventV2): Principal | undefined {
  const ctx = (event.requestContext as { authorizer?: { lambda?: Record<string, unknown> } }).authorizer?.lambda;
  if (!ctx) return undefined;
  // The authorizer context only carries strings; absent optional values arrive as empty strings.
  const cleaned = Object.fromEntries(Object.entries(ctx).filter(([, v]) => v !== '' && v !== null && v !== undefined));
  const parsed = Principal.safeParse(cleaned);
  return parsed.success ? parsed.data : undefined;
}

/** Flattens a principal into the string-only context an HTTP API authorizer may return. */
export function principalToContext(principal: Principal): Record<string, string> {
  return Object.fromEntries(Object.entries(principal).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}
