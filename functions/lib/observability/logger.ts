import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger of every function. Lambda sets POWERTOOLS_SERVICE_NAME (cdk/observability.ts);
 * the local runtime prints the same records pretty (POWERTOOLS_DEV, local/observability-env.ts).
 *
 * Logs are operational, not an audit trail: they may carry ids the system made (route, request,
 * outbox and job ids) and the caller's role, never what a person typed or is (names, ID numbers,
 * phones, message text). So nothing logs an event, a body or an error message (see errorFields).
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'lianxin' });

/**
 * What may be logged about an error: its name and the stack frames, not its message. Our own
 * ApiHttpErrors never reach the log, but a message from a library (zod, the SDK, a failed JSON
 * parse) can quote the input it choked on; the first stack line repeats that message.
 */
export function errorFields(err: unknown): { errorName: string; stack?: string } {
  if (!(err instanceof Error)) return { errorName: typeof err };
  const frames = err.stack?.split('\n').filter((line) => /^\s+at /.test(line));
  return { errorName: err.name, ...(frames?.length ? { stack: frames.map((f) => f.trim()).join('\n') } : {}) };
}
