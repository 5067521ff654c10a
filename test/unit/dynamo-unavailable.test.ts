import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { DynamoUnavailable, unavailabilityOf } from '../../functions/lib/db/unavailable';

/**
 * Which DynamoDB errors mean "not now" (503 + Retry-After, functions/lib/db/unavailable.ts) and
 * which are the request's own (a failed condition stays a refusal); and the middy stack's answer.
 * The whole path against injected faults on the wire: test/api/faults.test.ts.
 */
const sdkError = (name: string, status: number, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, ...extra });

test('throttling, 5xx and no answer are unavailability; conditions and bad input are not', () => {
  expect(unavailabilityOf(sdkError('ProvisionedThroughputExceededException', 400))).toBe('throttled');
  expect(unavailabilityOf(sdkError('ThrottlingException', 400))).toBe('throttled');
  expect(unavailabilityOf(sdkError('TransactionInProgressException', 400))).toBe('throttled');
  expect(unavailabilityOf(sdkError('InternalServerError', 500))).toBe('failed');
  expect(unavailabilityOf(sdkError('ServiceUnavailable', 503))).toBe('failed');
  expect(unavailabilityOf(Object.assign(new Error('t'), { name: 'TimeoutError', code: 'ETIMEDOUT' }))).toBe('timeout');
  expect(unavailabilityOf(Object.assign(new Error('c'), { code: 'ECONNRESET' }))).toBe('timeout');
  expect(unavailabilityOf(sdkError('ConditionalCheckFailedException', 400))).toBeUndefined();
  expect(unavailabilityOf(sdkError('TransactionCanceledException', 400))).toBeUndefined();
  expect(unavailabilityOf(sdkError('ValidationException', 400))).toBeUndefined();
  expect(unavailabilityOf(new Error('plain'))).toBeUndefined();
});

test('the middy stack answers DynamoUnavailable with 503, Retry-After and a Chinese message, and counts it', async () => {
  Object.assign(process.env, { STAGE: 'local', TABLE_NAME: 'lianxin-unit', AWS_REGION: 'cn-north-1' });
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { publicRouteHandler } = require('../../functions/lib/http/route-handler') as typeof import('../../functions/lib/http/route-handler');
  const { metrics } = require('../../functions/lib/observability/metrics') as typeof import('../../functions/lib/observability/metrics');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const counted: string[] = [];
  const spy = jest.spyOn(metrics, 'addMetric').mockImplementation((name: string) => {
    counted.push(name);
    return metrics;
  });
  const busy = publicRouteHandler('auth.wechatLogin', {}, async () => {
    throw new DynamoUnavailable('throttled');
  });
  const event = { version: '2.0', rawPath: '/x', headers: {}, requestContext: { requestId: 'r1' } } as unknown as APIGatewayProxyEventV2;
  const res = await busy(event, { awsRequestId: 'a1', functionName: 'f', getRemainingTimeInMillis: () => 10_000 } as unknown as Context);
  spy.mockRestore();
  expect(res.statusCode).toBe(503);
  expect(res.headers).toMatchObject({ 'retry-after': '1' });
  expect(JSON.parse(res.body as string)).toEqual({ error: 'service_busy', message: '服务繁忙，请稍后再试' });
  expect(counted).toContain('DynamoUnavailable');
});
