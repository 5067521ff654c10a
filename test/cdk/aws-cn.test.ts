import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { synthProd } from '../../cdk/synth-for-checks';

/**
 * The stack deploys where the data must live: the AWS China regions (partition `aws-cn`, endpoints
 * under amazonaws.com.cn). Synthesised for cn-northwest-1 with a custom API domain, every template
 * (main and nested) is read as written: no partition, endpoint or URL may be spelled out for the
 * global partition. Which services and properties exist in the China regions is checked by
 * cfn-lint with its per-region schemas (`npm run lint:cfn`, scripts/cfn-lint.ts).
 */
type Json = unknown;
let templates: Array<{ file: string; json: { Resources: Record<string, { Type: string }>; Outputs?: Record<string, { Value: Json }> } }>;
let outdir: string;

beforeAll(() => {
  ({ outdir } = synthProd('cn-northwest-1', { apiDomain: { name: 'api.lianxin.example.cn', certificateArn: 'arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100' } }));
  templates = readdirSync(outdir)
    .filter((f) => f.endsWith('.template.json'))
    .map((file) => ({ file, json: JSON.parse(readFileSync(path.join(outdir, file), 'utf8')) }));
}, 300_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Every string in the JSON with the path of keys that leads to it. */
function strings(value: Json, at: string[] = []): Array<{ at: string[]; value: string }> {
  if (typeof value === 'string') return [{ at, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...at, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, [...at, k]));
  return [];
}
const all = () => templates.flatMap((t) => strings(t.json, [t.file]));

it('synthesises the main stack and one nested stack per feature', () => {
  expect(templates.length).toBeGreaterThan(10);
});

it('spells no ARN with the global partition: every ARN takes AWS::Partition', () => {
  expect(all().filter((s) => s.value.includes('arn:aws:'))).toEqual([]);
  // Joined ARNs: the piece after a literal "arn:" is the partition reference.
  const joins = (value: Json): Json[][] => {
    if (Array.isArray(value)) return value.flatMap(joins);
    if (!value || typeof value !== 'object') return [];
    const o = value as Record<string, Json>;
    const own = Array.isArray(o['Fn::Join']) ? [(o['Fn::Join'] as [string, Json[]])[1]] : [];
    return [...own, ...Object.values(o).flatMap(joins)];
  };
  const arnJoins = templates.flatMap((t) => joins(t.json)).filter((parts) => parts.some((p) => typeof p === 'string' && p.endsWith('arn:')));
  expect(arnJoins.length).toBeGreaterThan(0);
  for (const parts of arnJoins) {
    const i = parts.findIndex((p) => typeof p === 'string' && p.endsWith('arn:'));
    expect({ parts, partition: parts[i + 1] }).toEqual({ parts, partition: { Ref: 'AWS::Partition' } });
  }
});

it('names amazonaws.com only in service principals (the same in every partition), never as an endpoint', () => {
  const named = all().filter((s) => s.value.includes('amazonaws.com'));
  expect(named.filter((s) => !s.at.includes('Principal'))).toEqual([]);
  // Endpoints come from AWS::URLSuffix (amazonaws.com.cn here) or from the resources themselves.
  expect(new Set(named.map((s) => s.value))).toEqual(new Set(['lambda.amazonaws.com', 'apigateway.amazonaws.com', 'events.amazonaws.com', 'logging.s3.amazonaws.com']));
});

it("publishes the API under the county's own domain, and its execute-api URL would take the partition's suffix", () => {
  const main = templates.find((t) => !t.file.includes('.nested.'))!.json;
  expect(main.Outputs!.ApiUrl.Value).toBe('https://api.lianxin.example.cn/');
  const [, domain] = Object.entries(main.Resources).find(([, r]) => r.Type === 'AWS::ApiGatewayV2::DomainName')!;
  expect(JSON.stringify(domain)).toContain('arn:aws-cn:acm:cn-northwest-1:');
  expect(Object.values(main.Resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::ApiMapping')).toHaveLength(1);
  expect(JSON.stringify(main.Outputs!.ApiDomainTarget.Value)).toContain('RegionalDomainName');

  const { outdir: plain } = synthProd('cn-northwest-1');
  try {
    const json = JSON.parse(readFileSync(path.join(plain, 'Lianxin-prod.template.json'), 'utf8'));
    expect(JSON.stringify(json.Outputs.ApiUrl.Value)).toContain('{"Ref":"AWS::URLSuffix"}');
  } finally {
    rmSync(plain, { recursive: true, force: true });
  }
}, 300_000);

it('uses only these resource types, each offered in cn-north-1 and cn-northwest-1', () => {
  // A new type here must first be checked against the China regions (cfn-lint's region schemas
  // and the regional service list), then added.
  const types = new Set(templates.flatMap((t) => Object.values(t.json.Resources).map((r) => r.Type)));
  expect([...types].sort()).toEqual(
    [
      'AWS::ApiGatewayV2::Api',
      'AWS::ApiGatewayV2::ApiMapping',
      'AWS::ApiGatewayV2::Authorizer',
      'AWS::ApiGatewayV2::DomainName',
      'AWS::ApiGatewayV2::Integration',
      'AWS::ApiGatewayV2::Route',
      'AWS::ApiGatewayV2::Stage',
      'AWS::CloudFormation::Stack',
      'AWS::CloudWatch::Alarm',
      'AWS::DynamoDB::Table',
      'AWS::Events::Rule',
      'AWS::IAM::Policy',
      'AWS::IAM::Role',
      'AWS::KMS::Alias',
      'AWS::KMS::Key',
      'AWS::Lambda::EventSourceMapping',
      'AWS::Lambda::Function',
      'AWS::Lambda::LayerVersion',
      'AWS::Lambda::Permission',
      'AWS::Logs::LogGroup',
      'AWS::S3::Bucket',
      'AWS::S3::BucketPolicy',
      'AWS::SNS::Topic',
      'AWS::SNS::TopicPolicy',
      'AWS::SecretsManager::Secret',
    ].sort(),
  );
});
