import { getConfig } from './config';

/**
 * The time a request is handled at. In the local stage a test may set it with the `x-test-now`
 * header (ISO-8601) to exercise cut-offs and expiries; everywhere else the header is ignored.
 */
export function requestTime(headers: Record<string, string | undefined>): Date {
  const override = headers['x-test-now'];
  if (override && getConfig().stage === 'local') {
    const parsed = new Date(override);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  return new Date();
}
