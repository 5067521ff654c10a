import { rmSync } from 'node:fs';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { jobs } from '../../functions/jobs';
import { routes } from '../../functions/routes';
import { synthProd } from '../../cdk/synth-for-checks';

/**
 * cdk-nag's AwsSolutions pack over the whole prod stack, nested stacks included, in the global
 * partition and in aws-cn. Every finding is fixed in the stack or acknowledged with its reason
 * next to the resource it concerns (cdk/nag.ts); any other error or warning fails here.
 */
const findings = (scope: IConstruct, options: { ignoreAcknowledgments: boolean }) => {
  const pack = new AwsSolutionsChecks();
  // The pack's private acknowledgment lookup, switched off to see what the acknowledgments hide.
  if (options.ignoreAcknowledgments) Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
  return pack.validateScope(scope).violations.map((v) => ({ rule: v.ruleName, severity: v.severity, resources: v.violatingResources.map((r) => r.constructPath ?? '') }));
};

/** Every acknowledged finding id in the tree, with the construct paths it was put on. */
const acknowledgments = (scope: IConstruct) =>
  scope.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.keys(m.data as Record<string, string>).map((id) => ({ id: id.replace(/^annotation::/i, ''), reason: (m.data as Record<string, string>)[id], path: c.node.path }))),
  );

const countyDomain = { name: 'api.lianxin.example.cn', certificateArn: 'arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100' };

describe.each([
  ['global partition', undefined, undefined],
  ['aws-cn (cn-northwest-1), with a custom API domain', 'cn-northwest-1', countyDomain],
])('cdk-nag AwsSolutions, prod, %s', (_, region, apiDomain) => {
  let synthesized: ReturnType<typeof synthProd>;
  beforeAll(() => {
    synthesized = synthProd(region, { apiDomain });
  }, 300_000);
  afterAll(() => rmSync(synthesized.outdir, { recursive: true, force: true }));

  it('reports no error and no warning that is not acknowledged', () => {
    expect(findings(synthesized.stack, { ignoreAcknowledgments: false })).toEqual([]);
  });

  it('acknowledges exactly the deliberate findings, each with a reason, and none that no longer occurs', () => {
    const raw = findings(synthesized.stack, { ignoreAcknowledgments: true });
    const count = (rule: string) => raw.filter((f) => f.rule === rule).flatMap((f) => f.resources).length;
    const functions = routes.length + 1 + jobs.length;
    // Runtime: all functions on nodejs22.x (cdk/constructs/functions.ts says why and until when).
    expect(count('AwsSolutions-L1')).toBe(functions);
    // No authorizer: only the two login steps.
    const publicRoutes = routes.filter((r) => r.access.kind === 'public');
    const apig4 = raw.filter((f) => f.rule === 'AwsSolutions-APIG4').flatMap((f) => f.resources);
    expect(apig4.map((p) => p.split('/').slice(-2)[0]).sort()).toEqual(publicRoutes.map((r) => `ApiRoute-${r.id}`).sort());
    expect(count('AwsSolutions-APIG4')).toBe(routes.filter((r) => r.access.kind === 'public').length);
    // The two secrets, never rotated automatically.
    expect(count('AwsSolutions-SMG4')).toBe(2);
    // Fixed, not acknowledged: no AWS managed policy, no `index/*`, access logs on the uploads bucket.
    expect(raw.filter((f) => /AwsSolutions-(IAM4|S1)\b/.test(f.rule) || f.rule.includes('/index/*'))).toEqual([]);
    // Wildcards left are inherent: log streams, X-Ray and ListStreams on '*', attachment objects.
    expect(raw.filter((f) => f.rule.startsWith('AwsSolutions-IAM5')).map((f) => f.rule.replace(/<Data\w+\.Arn>/, '<bucket>')).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<bucket>/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<AWS::StackName>-*:log-stream:*]',
    ]);
    // Nothing else is even found.
    expect([...new Set(raw.map((f) => f.rule.replace(/\[.*$/, '')))].sort()).toEqual(['AwsSolutions-APIG4', 'AwsSolutions-IAM5', 'AwsSolutions-L1', 'AwsSolutions-SMG4']);

    const acknowledged = acknowledgments(synthesized.app);
    for (const a of acknowledged) {
      // A reason a reviewer can judge, and an acknowledgment that still hides a finding under its construct.
      expect({ id: a.id, reasonLength: a.reason.length >= 40 }).toEqual({ id: a.id, reasonLength: true });
      const hidden = raw.filter((f) => f.rule === a.id && f.resources.some((p) => p === a.path || p.startsWith(`${a.path}/`)));
      expect({ id: a.id, path: a.path, hides: hidden.length > 0 }).toEqual({ id: a.id, path: a.path, hides: true });
    }
    // Never on the stack or the app as a whole: on the construct the finding is about.
    expect(acknowledged.filter((a) => !a.path.includes('/'))).toEqual([]);
  });
});
