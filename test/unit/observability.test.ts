import type { APIGatewayProxyEventV2, Context, DynamoDBStreamEvent } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';

/**
 * Logs must never carry what a person is or typed. Real handlers are driven with a name, an ID
 * number, a phone and a message text against a database that refuses connections (so they fail
 * unexpectedly and log), and everything written to stdout/stderr is searched for them.
 */
const secrets = { name: '王秀英', idNumber: '110101194001011234', phone: '13800138000', text: '我今天心里很难受，想找人说说话' };

const context = (name: string): Context =>
  ({
    functionName: `lianxin-test-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:cn-north-1:000000000000:function:${name}`,
    memoryLimitInMB: '256',
    awsRequestId: `req-${name}`,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 10_000,
  }) as Context;

function apiEvent(path: Record<string, string>, body: unknown, principal: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /x',
    rawPath: '/x',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: path,
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { requestId: 'api-req-1', authorizer: { lambda: principal } },
  } as unknown as APIGatewayProxyEventV2;
}

let output: string[] = [];
let spies: jest.SpyInstance[] = [];

// The logger reads its level when created (and goes back to it on every invocation), so the
// environment is set before the handlers are loaded.
let sendConversationMessage: typeof import('../../functions/messaging/send-conversation-message').handler;
let onStream: typeof import('../../functions/notify/on-stream').handler;
let publicRouteHandler: typeof import('../../functions/lib/http/route-handler').publicRouteHandler;

beforeAll(() => {
  Object.assign(process.env, {
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
    STAGE: 'local',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
    TABLE_NAME: 'lianxin-observability',
    AWS_REGION: 'cn-north-1',
    AWS_MAX_ATTEMPTS: '1',
  });
  /* eslint-disable @typescript-eslint/no-require-imports */
  sendConversationMessage = require('../../functions/messaging/send-conversation-message').handler;
  onStream = require('../../functions/notify/on-stream').handler;
  publicRouteHandler = require('../../functions/lib/http/route-handler').publicRouteHandler;
  /* eslint-enable @typescript-eslint/no-require-imports */
});
beforeEach(() => {
  output = [];
  const capture = (chunk: unknown) => {
    output.push(String(chunk));
    return true;
  };
  spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
});
afterEach(() => spies.forEach((s) => s.mockRestore()));

function expectNoSecrets(): void {
  const all = output.join('');
  for (const value of Object.values(secrets)) expect(all).not.toContain(value);
}

it('prints the node version the tests run on', () => {
  spies.forEach((s) => s.mockRestore());
  console.info(`tests run on Node ${process.version}`);
  expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
});

it('a route failing unexpectedly logs route, role and request ids, not the message it was sending', async () => {
  const res = await sendConversationMessage(
    apiEvent({ familyId: 'f_test0001', staffId: 'p_staff0001' }, { text: `${secrets.text} ${secrets.name} ${secrets.phone} ${secrets.idNumber}` }, { personId: 'p_member0001', role: 'member', familyId: 'f_test0001' }),
    context('send'),
  );
  expect(res.statusCode).toBe(500);
  const record = output.map((l) => l.trim()).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.message === 'unexpected error');
  expect(record).toMatchObject({ level: 'ERROR', route: 'messaging.sendConversationMessage', role: 'member', apiRequestId: 'api-req-1', function_request_id: 'req-send', cold_start: expect.any(Boolean) });
  expectNoSecrets();
});

it('an error whose message quotes personal data is logged without its message', async () => {
  const leaky = publicRouteHandler('auth.wechatLogin', {}, async () => {
    throw new Error(`row 3: ${secrets.name} ${secrets.idNumber} ${secrets.phone} ${secrets.text}`);
  });
  const res = await leaky(apiEvent({}, {}, { personId: 'p_member0001', role: 'member', familyId: 'f_test0001' }), context('leaky'));
  expect(res.statusCode).toBe(500);
  expect(output.join('')).toContain('"errorName":"Error"');
  expectNoSecrets();
});

it('the outbox stream function logs a failed delivery by outbox id only', async () => {
  const item = {
    entity: 'outbox',
    outboxId: 'ob_test0001',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2026-01-01T00:00:00+08:00',
    recipientId: 'p_member0001',
    template: 'message.new',
    page: 'pages/index/index',
    data: { thing1: { value: secrets.name }, thing2: { value: secrets.text }, phone_number3: { value: secrets.phone } },
  };
  const event = { Records: [{ eventName: 'INSERT', dynamodb: { NewImage: marshall(item) } }] } as unknown as DynamoDBStreamEvent;
  await onStream(event, context('on-stream'));
  expect(output.join('')).toContain('ob_test0001');
  expectNoSecrets();
});
