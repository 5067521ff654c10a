import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildLambdaBundles, type BuiltBundle } from '../../bench/lambda-bundles';
import { fieldKeyActions, routePermissions, tableActions, uploadActions, type FunctionPermissions } from '../../cdk/permissions';
import { authorizerDescription, backgroundFunctionDescription, LianxinStack, routeFunctionDescription } from '../../cdk/stack';
import { repoRoot } from '../../cdk/paths';
import { buildPowertoolsLayer, powertoolsEntryPoints } from '../../cdk/powertools-layer';
import { tableDefinition } from '../../functions/lib/db/table-definition';
import { jobs, type LocalRun } from '../../functions/jobs';
import { routes } from '../../functions/routes';
import { flatResources, type Resource } from './flat-template';

const STAGE = 'dev';
let app: App;
let template: Template;
/** The main stack's and its nested stacks' resources as one, references followed (flat-template.ts). */
let resources: Record<string, Resource>;
let stacks: ReturnType<typeof flatResources>['stacks'];
let outdir: string;

beforeAll(async () => {
  // Synthesises with real bundling (local esbuild, no Docker), as `npm run synth` does.
  outdir = await mkdtemp(path.join(tmpdir(), 'lianxin-cdk-out-'));
  app = new App({ outdir });
  const stack = new LianxinStack(app, 'Test', { stage: STAGE, wechatAppId: 'wx0123456789abcdef' });
  template = Template.fromStack(stack);
  ({ resources, stacks } = flatResources(stack));
  // Twelve esbuild runs through npx: ~15 s on an idle machine, more when it is busy.
}, 900_000);
afterAll(() => rm(outdir, { recursive: true, force: true }));

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const routeResources = () => ofType('AWS::ApiGatewayV2::Route');
const logicalIdOf = (ref: unknown): string => {
  const r = ref as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return r.Ref ?? r['Fn::GetAtt']![0];
};

/** The Lambda function whose description is `description`, as [logicalId, resource]. */
function functionWith(description: string): [string, Resource] {
  const matches = ofType('AWS::Lambda::Function').filter(([, r]) => r.Properties.Description === description);
  expect(matches).toHaveLength(1);
  return matches[0];
}

const deployed = () => [
  ...routes.map((r) => ({ name: r.id as string, description: routeFunctionDescription(STAGE, r.id, r.method, r.path), permissions: routePermissions(r) })),
  { name: 'authorizer', description: authorizerDescription(STAGE), permissions: { table: 'none', fieldKey: false, secrets: 'app', uploads: 'none' } as FunctionPermissions },
  ...jobs.map((f) => ({ name: f.name as string, description: backgroundFunctionDescription(STAGE, f.name, f.summary), permissions: f.permissions as FunctionPermissions })),
];
/** Reading the table's stream comes with the stream event source, on top of the declared table actions. */
const streamActions = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];

describe('table', () => {
  it('is built from the shared table definition, on demand, protected and streamed', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });

  it('has every global secondary index of the definition, string keys, all attributes projected', () => {
    const [, table] = ofType('AWS::DynamoDB::Table')[0];
    const attributes = Object.fromEntries(
      (table.Properties.AttributeDefinitions as Array<{ AttributeName: string; AttributeType: string }>).map((a) => [a.AttributeName, a.AttributeType]),
    );
    expect(table.Properties.GlobalSecondaryIndexes).toHaveLength(tableDefinition.globalSecondaryIndexes.length);
    for (const gsi of tableDefinition.globalSecondaryIndexes) {
      expect(table.Properties.GlobalSecondaryIndexes).toContainEqual({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
      expect(attributes[gsi.partitionKey]).toBe('S');
      expect(attributes[gsi.sortKey]).toBe('S');
    }
  });
});

describe('key and secret', () => {
  it('rotates the field-encryption key and keeps it when the stack goes', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ EnableKeyRotation: true }) });
  });

  it('generates the signing master into the JSON secret next to a placeholder WeChat app secret', () => {
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        GenerateSecretString: Match.objectLike({
          SecretStringTemplate: JSON.stringify({ wechatAppSecret: 'SET-ME' }),
          GenerateStringKey: 'signingMaster',
          PasswordLength: 64,
          ExcludePunctuation: true,
        }),
      }),
    });
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });

  it('keeps the service-card signing key in a secret of its own', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ GenerateSecretString: Match.objectLike({ GenerateStringKey: 'cardSigningMaster', PasswordLength: 64 }) }),
    });
  });
});

/** Logical id of the secret whose generated key is `key`. */
const secretWith = (key: string) =>
  ofType('AWS::SecretsManager::Secret').find(([, s]) => s.Properties.GenerateSecretString?.GenerateStringKey === key)![0];

describe('functions', () => {
  it('deploys exactly one function per route plus the authorizer and the outbox sender, and no helper functions', () => {
    expect(ofType('AWS::Lambda::Function')).toHaveLength(routes.length + 1 + jobs.length);
    for (const f of deployed()) functionWith(f.description);
  });

  it('runs every function on Node.js 22, ARM, 256 MB, 10 s (import jobs: 1 GB, 5 min), with the stage configuration', () => {
    for (const f of deployed()) {
      const [, fn] = functionWith(f.description);
      const job = jobs.find((b) => b.name === f.name);
      expect({ name: f.name, ...fn.Properties }).toMatchObject({ name: f.name, Handler: 'index.handler', Runtime: 'nodejs22.x', Architectures: ['arm64'], MemorySize: job?.memoryMb ?? 256, Timeout: job?.timeoutSeconds ?? 10 });
      const env = fn.Properties.Environment.Variables;
      expect(env).toMatchObject({ STAGE, WECHAT_APP_ID: 'wx0123456789abcdef' });
      expect(logicalIdOf(env.TABLE_NAME)).toBe(ofType('AWS::DynamoDB::Table')[0][0]);
      expect(logicalIdOf(env.SECRETS_ARN)).toBe(secretWith('signingMaster'));
      expect(logicalIdOf(env.CARD_SECRET_ARN)).toBe(secretWith('cardSigningMaster'));
      expect(logicalIdOf(env.FIELD_KEY_ID)).toBe(ofType('AWS::KMS::Key')[0][0]);
      expect(env).toMatchObject({ POWERTOOLS_SERVICE_NAME: `lianxin-${STAGE}`, POWERTOOLS_METRICS_NAMESPACE: 'Lianxin' });
    }
  });

  it('traces every function with X-Ray, maps stack traces to the sources, and gives it the one Powertools layer', () => {
    const layers = ofType('AWS::Lambda::LayerVersion');
    expect(layers).toHaveLength(1);
    for (const f of deployed()) {
      const [, fn] = functionWith(f.description);
      expect({ name: f.name, layers: (fn.Properties.Layers as unknown[]).map(logicalIdOf) }).toEqual({ name: f.name, layers: [layers[0][0]] });
      expect({ name: f.name, tracing: fn.Properties.TracingConfig }).toEqual({ name: f.name, tracing: { Mode: 'Active' } });
      expect({ name: f.name, nodeOptions: fn.Properties.Environment.Variables.NODE_OPTIONS }).toEqual({ name: f.name, nodeOptions: '--enable-source-maps' });
    }
  });

  it('gives every function its own log group with a retention of at least six months', () => {
    const logGroupOf = (ref: unknown) => [logicalIdOf(ref), resources[logicalIdOf(ref)]] as const;
    const used = new Set<string>();
    for (const f of deployed()) {
      const [, fn] = functionWith(f.description);
      const [id, logGroup] = logGroupOf(fn.Properties.LoggingConfig.LogGroup);
      expect({ name: f.name, type: logGroup.Type, deletion: logGroup.DeletionPolicy }).toEqual({ name: f.name, type: 'AWS::Logs::LogGroup', deletion: 'Retain' });
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThanOrEqual(184);
      used.add(id);
    }
    expect(used.size).toBe(routes.length + 1 + jobs.length);
  });

  it('grants each function exactly its declared permissions, and nobody Scan', () => {
    const policies = ofType('AWS::IAM::Policy');
    for (const f of deployed()) {
      const [, fn] = functionWith(f.description);
      const role = logicalIdOf(fn.Properties.Role);
      const statements = policies
        .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => logicalIdOf(r) === role))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
      const actions = (prefix: string) => statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith(prefix)).sort();

      const streamed = f.name === 'notify.onStream' || f.name === 'imports.onQueued';
      const stream = streamed ? streamActions : [];
      expect({ name: f.name, dynamodb: actions('dynamodb:') }).toEqual({ name: f.name, dynamodb: [...tableActions[f.permissions.table], ...stream].sort() });
      expect({ name: f.name, s3: actions('s3:') }).toEqual({ name: f.name, s3: [...uploadActions[f.permissions.uploads]].sort() });
      expect({ name: f.name, kms: actions('kms:') }).toEqual({ name: f.name, kms: f.permissions.fieldKey ? [...fieldKeyActions].sort() : [] });
      // Which secret each function may read: the app secret, the card secret, or none.
      const readable = statements
        .filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'))
        .map((s) => logicalIdOf(s.Resource));
      const expected = { none: [], app: [secretWith('signingMaster')], card: [secretWith('cardSigningMaster')], 'app+card': [secretWith('signingMaster'), secretWith('cardSigningMaster')] }[f.permissions.secrets];
      expect({ name: f.name, secrets: [...readable].sort() }).toEqual({ name: f.name, secrets: [...expected].sort() });
      expect(actions('dynamodb:')).not.toContain('dynamodb:Scan');
      // ListStreams (added by the stream event source) and X-Ray's trace upload (active tracing)
      // name no resource; nothing else may be '*'.
      const xray = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
      expect(statements.filter((s) => s.Resource === '*').flatMap((s) => [s.Action].flat()).sort()).toEqual(streamed ? ['dynamodb:ListStreams', ...xray] : xray);
    }
  });
});

describe('execution roles', () => {
  it('hold no AWS managed policy: logs go only into the log groups of this stack', () => {
    const roles = ofType('AWS::IAM::Role').filter(([, r]) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('lambda.amazonaws.com'));
    expect(roles.length).toBeGreaterThan(jobs.length);
    for (const [id, role] of roles) {
      expect({ id, managed: role.Properties.ManagedPolicyArns }).toEqual({ id, managed: undefined });
      const statements = ofType('AWS::IAM::Policy')
        .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => logicalIdOf(r) === id))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
      const logs = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('logs:')));
      expect({ id, logs }).toEqual({
        id,
        logs: [expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: expect.objectContaining({ 'Fn::Join': expect.anything() }) })],
      });
      expect(JSON.stringify(logs[0].Resource)).toContain(':log-group:');
      expect(JSON.stringify(logs[0].Resource)).toContain('AWS::StackName');
    }
  });
});

describe('HTTP API', () => {

  it('has one route per route-table entry and nothing else', () => {
    expect(routeResources().map(([, r]) => r.Properties.RouteKey).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it("integrates each route with that route's own function", () => {
    for (const route of routes) {
      const [, r] = routeResources().find(([, x]) => x.Properties.RouteKey === `${route.method} ${route.path}`)!;
      const integrationId = (r.Properties.Target['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? '' : logicalIdOf(p))).join('');
      const integration = resources[integrationId];
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      const [fnId] = functionWith(routeFunctionDescription(STAGE, route.id, route.method, route.path));
      expect(logicalIdOf(integration.Properties.IntegrationUri)).toBe(fnId);
    }
  });

  it('puts the Lambda authorizer on every non-public route and none on public ones', () => {
    const [authorizerId] = ofType('AWS::ApiGatewayV2::Authorizer')[0];
    for (const route of routes) {
      const [, r] = routeResources().find(([, x]) => x.Properties.RouteKey === `${route.method} ${route.path}`)!;
      if (route.access.kind === 'public') {
        expect({ route: route.id, type: r.Properties.AuthorizationType, authorizer: r.Properties.AuthorizerId }).toEqual({ route: route.id, type: 'NONE', authorizer: undefined });
      } else {
        expect({ route: route.id, type: r.Properties.AuthorizationType }).toEqual({ route: route.id, type: 'CUSTOM' });
        expect(logicalIdOf(r.Properties.AuthorizerId)).toBe(authorizerId);
      }
    }
  });

  it('runs the session authorizer with simple responses, on the Authorization header, cached 60 s', () => {
    expect(ofType('AWS::ApiGatewayV2::Authorizer')).toHaveLength(1);
    const [, authorizer] = ofType('AWS::ApiGatewayV2::Authorizer')[0];
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: 60,
    });
    const [authorizerFnId] = functionWith(authorizerDescription(STAGE));
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(authorizerFnId);
  });

  it('has no CORS, and a throttled, access-logged default stage', () => {
    const [, api] = ofType('AWS::ApiGatewayV2::Api')[0];
    expect(api.Properties.CorsConfiguration).toBeUndefined();
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') }),
    });
  });
});

describe('alarms and outputs', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);

  it("alarms on the API's 5xx count", () => {
    expect(alarms().filter((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx' && a.Statistic === 'Sum')).toHaveLength(1);
  });

  it('alarms on the errors of every function, the authorizer included, into the alarm topic', () => {
    const [topicId] = ofType('AWS::SNS::Topic')[0];
    type Dim = { Value: unknown };
    type Stat = { Metric: { Namespace: string; MetricName: string; Dimensions: Dim[] } };
    // A plain alarm on the function's Errors, or a SUM over several functions' Errors (10 at most).
    const errorMetricsOf = (a: Resource['Properties']): Dim[][] =>
      a.Metrics
        ? (a.Metrics as Array<{ MetricStat?: Stat }>).flatMap((m) => (m.MetricStat?.Metric.Namespace === 'AWS/Lambda' && m.MetricStat.Metric.MetricName === 'Errors' ? [m.MetricStat.Metric.Dimensions] : []))
        : a.Namespace === 'AWS/Lambda' && a.MetricName === 'Errors'
          ? [a.Dimensions]
          : [];
    for (const a of alarms()) expect(errorMetricsOf(a).length).toBeLessThanOrEqual(10);
    for (const f of deployed()) {
      const [fnId] = functionWith(f.description);
      const own = alarms().filter((a) => errorMetricsOf(a).some((dims) => dims.some((d) => logicalIdOf(d.Value) === fnId)));
      expect({ name: f.name, alarms: own.length }).toEqual({ name: f.name, alarms: 1 });
      expect(own[0].AlarmActions.map(logicalIdOf)).toEqual([topicId]);
    }
  });

  it('alarms on notifications and import jobs given up for good (business metrics), into the alarm topic', () => {
    const [topicId] = ofType('AWS::SNS::Topic')[0];
    for (const name of ['OutboxFailed', 'ImportJobFailed']) {
      const own = alarms().filter((a) => a.Namespace === 'Lianxin' && a.MetricName === name);
      expect({ name, alarms: own.length }).toEqual({ name, alarms: 1 });
      expect(own[0]).toMatchObject({ Statistic: 'Sum', Threshold: 1, Dimensions: [{ Name: 'service', Value: `lianxin-${STAGE}` }] });
      expect(own[0].AlarmActions.map(logicalIdOf)).toEqual([topicId]);
    }
    expect(alarms().filter((a) => a.MetricName === 'BookingRefused')).toEqual([]);
  });

  it('alarms when DynamoDB turns many requests away (503 service_busy), not on a single retried blip', () => {
    const [topicId] = ofType('AWS::SNS::Topic')[0];
    const own = alarms().filter((a) => a.Namespace === 'Lianxin' && a.MetricName === 'DynamoUnavailable');
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ Statistic: 'Sum', Threshold: 10, Period: 300, Dimensions: [{ Name: 'service', Value: `lianxin-${STAGE}` }] });
    expect(own[0].AlarmActions.map(logicalIdOf)).toEqual([topicId]);
  });

  it("keeps every stack well within CloudFormation's limits (500 resources, 200 parameters and outputs)", () => {
    // Each route costs five resources in its feature's nested stack (cdk/constructs/feature-routes.ts).
    expect(stacks.length).toBeGreaterThan(1);
    for (const s of stacks) {
      expect({ stack: s.id, tooMany: s.resources >= 400 || s.parameters >= 150 || s.outputs >= 150 }).toEqual({ stack: s.id, tooMany: false });
    }
  });

  it('puts each route, its function and its integration in the nested stack of its feature', () => {
    for (const route of routes) {
      const [fnId] = functionWith(routeFunctionDescription(STAGE, route.id, route.method, route.path));
      const [routeId] = routeResources().find(([, x]) => x.Properties.RouteKey === `${route.method} ${route.path}`)!;
      const stackOf = (id: string) => id.split('/')[0];
      // Logical ids keep letters and digits only: the folder county-support is stack countysupport.
      expect({ route: route.id, fn: stackOf(fnId) }).toEqual({ route: route.id, fn: expect.stringMatching(new RegExp(`^Routes${route.handler.split('/')[0].replace(/[^A-Za-z0-9]/g, '')}NestedStack`)) });
      expect(stackOf(routeId)).toBe(stackOf(fnId));
    }
  });

  it('outputs the API URL and the table name', () => {
    template.hasOutput('ApiUrl', {});
    template.hasOutput('TableName', { Value: { Ref: ofType('AWS::DynamoDB::Table')[0][0] } });
  });
});

describe('Powertools layer', () => {
  it('provides every Powertools module the functions import, as one copy of each class', async () => {
    const { execFileSync } = await import('node:child_process');
    const imported = execFileSync('grep', ['-rhoE', "from '@aws-lambda-powertools/[^']+'", 'functions'], { cwd: repoRoot, encoding: 'utf8' });
    const names = [...new Set(imported.split('\n').filter(Boolean).map((l) => l.slice(6, -1)))].sort();
    expect(names).toEqual([...powertoolsEntryPoints].sort());
    const dir = await mkdtemp(path.join(tmpdir(), 'lianxin-layer-'));
    try {
      const requireFromLayer = createRequire(path.join(buildPowertoolsLayer(dir), 'index.js'));
      const logger = requireFromLayer('@aws-lambda-powertools/logger');
      expect(requireFromLayer('@aws-lambda-powertools/logger/middleware').injectLambdaContext).toBeInstanceOf(Function);
      expect(requireFromLayer('@aws-lambda-powertools/logger/middleware').Logger).toBe(logger.Logger);
      expect(requireFromLayer('@aws-lambda-powertools/metrics')).toMatchObject({ Metrics: expect.any(Function), MetricUnit: expect.objectContaining({ Count: 'Count' }) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('bundles', () => {
  let dir: string;
  let measured: BuiltBundle[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lianxin-cdk-test-'));
    measured = await buildLambdaBundles(dir);
    // ~90 esbuild runs: a minute on an idle machine, several when CI shares it with other work.
  }, 900_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('deploys byte for byte the bundles the benchmark measures (one set of esbuild settings)', async () => {
    for (const f of deployed()) {
      const [, fn] = functionWith(f.description);
      const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const deployedCode = await readFile(path.join(app.outdir, `asset.${assetHash}`, 'index.js'));
      const bundle = measured.find((b) => b.route === f.name)!;
      const benchCode = await readFile(bundle.file);
      // The source map ships next to the bundle, without the sources' text.
      const map = JSON.parse(await readFile(path.join(app.outdir, `asset.${assetHash}`, 'index.js.map'), 'utf8')) as { sourcesContent?: unknown };
      expect(map.sourcesContent).toBeUndefined();
      expect({ name: f.name, bytes: deployedCode.length, same: deployedCode.equals(benchCode) }).toEqual({ name: f.name, bytes: benchCode.length, same: true });
    }
  });
});

describe('notifications and uploads', () => {
  it('feeds new outbox items from the table stream to the sender, filtered to outbox INSERTs', () => {
    const [onStreamId] = functionWith(backgroundFunctionDescription(STAGE, 'notify.onStream', jobs[0].summary));
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => logicalIdOf(m.Properties.FunctionName) === onStreamId);
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0]!;
    expect(JSON.stringify(mapping.Properties.EventSourceArn)).toContain('StreamArn');
    const pattern = JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern);
    expect(pattern).toEqual({ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['outbox'] } } } });
  });

  it('sweeps the due outbox every minute', () => {
    const [sweepId] = functionWith(backgroundFunctionDescription(STAGE, 'notify.sweep', jobs[1].summary));
    const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties);
    const sweep = rules.filter((r) => logicalIdOf(r.Targets[0].Arn) === sweepId);
    expect(sweep).toHaveLength(1);
    expect(sweep[0].ScheduleExpression).toBe('rate(1 minute)');
  });

  it('runs the booking jobs on a clock: expired waiting-list offers every minute, sessions daily at 00:10 Beijing', () => {
    const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties);
    for (const [name, expression] of [
      ['booking.sweepOffers', 'rate(1 minute)'],
      ['booking.generateSessions', 'cron(10 16 * * ? *)'],
      ['imports.sweep', 'rate(1 minute)'],
    ] as const) {
      const f = jobs.find((b) => b.name === name)!;
      const [id] = functionWith(backgroundFunctionDescription(STAGE, name, f.summary));
      const rule = rules.filter((r) => logicalIdOf(r.Targets[0].Arn) === id);
      expect({ name, expressions: rule.map((r) => r.ScheduleExpression) }).toEqual({ name, expressions: [expression] });
    }
    expect(rules).toHaveLength(4);
  });

  it('runs a new import job from the table stream (import-job INSERTs only, one at a time, never re-run)', () => {
    const f = jobs.find((b) => b.name === 'imports.onQueued')!;
    const [id] = functionWith(backgroundFunctionDescription(STAGE, f.name, f.summary));
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => logicalIdOf(m.Properties.FunctionName) === id);
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0]!;
    expect(mapping.Properties).toMatchObject({ BatchSize: 1, MaximumRetryAttempts: 0, StartingPosition: 'LATEST' });
    expect(JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern)).toEqual({ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['importJob'] } } } });
  });

  it('deploys every job of functions/jobs.ts with exactly its trigger, and no other trigger', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
    const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties);
    for (const job of jobs) {
      const [id, fn] = functionWith(backgroundFunctionDescription(STAGE, job.name, job.summary));
      expect({ name: job.name, memory: fn.Properties.MemorySize, timeout: fn.Properties.Timeout }).toEqual({ name: job.name, memory: job.memoryMb, timeout: job.timeoutSeconds });
      const own = {
        streams: mappings.filter((m) => logicalIdOf(m.FunctionName) === id).map((m) => ({
          entity: JSON.parse(m.FilterCriteria.Filters[0].Pattern).dynamodb.NewImage.entity.S[0],
          events: JSON.parse(m.FilterCriteria.Filters[0].Pattern).eventName,
          batchSize: m.BatchSize,
          retryAttempts: m.MaximumRetryAttempts,
          bisect: m.BisectBatchOnFunctionError ?? false,
        })),
        schedules: rules.filter((r) => r.Targets.some((t: { Arn: unknown }) => logicalIdOf(t.Arn) === id)).map((r) => r.ScheduleExpression),
      };
      const t = job.trigger;
      const expected =
        t.kind === 'stream'
          ? { streams: [{ entity: t.entity, events: ['INSERT'], batchSize: t.batchSize, retryAttempts: t.retryAttempts, bisect: 'bisectBatchOnError' in t ? t.bisectBatchOnError : false }], schedules: [] }
          : { streams: [], schedules: [t.expression] };
      expect({ name: job.name, ...own }).toEqual({ name: job.name, ...expected });
    }
    // Nothing else is triggered: every mapping and rule belongs to one of the jobs above.
    expect(mappings).toHaveLength(jobs.filter((j) => j.trigger.kind === 'stream').length);
    expect(rules).toHaveLength(jobs.filter((j) => j.trigger.kind === 'schedule').length);
  });

  it('runs every job locally: on its own loop, or covered by a sweep that has one', () => {
    for (const job of jobs) {
      const local: LocalRun = job.local;
      if ('everyMs' in local) continue;
      const sweep = jobs.find((j) => j.name === local.coveredBy);
      expect({ name: job.name, coveredByLoop: sweep !== undefined && 'everyMs' in sweep.local }).toEqual({ name: job.name, coveredByLoop: true });
    }
  });

  it('keeps attachments in a private, encrypted, TLS-only bucket that expires abandoned uploads', () => {
    expect(ofType('AWS::S3::Bucket')).toHaveLength(2);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([Match.objectLike({ TagFilters: [{ Key: 'attached', Value: 'no' }], ExpirationInDays: 2, Status: 'Enabled' })]),
        },
      }),
    });
    for (const [, policy] of ofType('AWS::S3::BucketPolicy')) expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('aws:SecureTransport');
  });

  it("logs access to the attachments into a private bucket of its own, kept one year", () => {
    const [, uploads] = ofType('AWS::S3::Bucket').find(([, b]) => b.Properties.LifecycleConfiguration?.Rules.some((r: { Id: string }) => r.Id === 'abandoned-uploads'))!;
    const logsId = logicalIdOf(uploads.Properties.LoggingConfiguration.DestinationBucketName);
    const logBucket = resources[logsId];
    expect(logBucket).toMatchObject({
      Type: 'AWS::S3::Bucket',
      DeletionPolicy: 'Retain',
      Properties: {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 365, Status: 'Enabled' })] },
      },
    });
  });
});
