import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { ApiDomain } from './constructs/api';
import { LianxinStack } from './stack';

/**
 * The prod stack synthesised without bundling the functions (`aws:cdk:bundling-stacks` empty:
 * their code is a placeholder asset), into a fresh temporary folder. For checks of the template
 * itself (cdk-nag and the aws-cn partition in test/cdk/, cfn-lint in scripts/cfn-lint.ts), which
 * never look inside a function's code; test/cdk/stack.test.ts checks the real bundles. `region`
 * pins the environment (`cn-north-1` or `cn-northwest-1` puts it in the aws-cn partition).
 */
export function synthProd(region?: string, options: { apiDomain?: ApiDomain } = {}): { app: App; stack: LianxinStack; outdir: string } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'lianxin-cdk-prod-'));
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new LianxinStack(app, 'Lianxin-prod', {
    stage: 'prod',
    wechatAppId: 'wx0123456789abcdef',
    env: region ? { account: '123456789012', region } : undefined,
    apiDomain: options.apiDomain,
  });
  app.synth();
  return { app, stack, outdir };
}
