import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { synthProd } from '../cdk/synth-for-checks';

/**
 * `npm run lint:cfn`: cfn-lint over the prod templates (the main stack and every nested stack),
 * synthesised for each region a county deploys to. cfn-lint knows per region which resource
 * types, properties and values (e.g. Lambda runtimes) exist there, so this is the check that the
 * stack only uses what AWS offers in the China regions.
 *
 * cfn-lint is a Python tool (`pip install cfn-lint` or `pipx install cfn-lint`); Debian 12 has no
 * package of it, so scripts/ensure-system-deps.sh cannot install it and this is not part of
 * `npm test`. Missing, it fails here with that hint: it never skips silently.
 *
 * Ignored: W3005 (a DependsOn already implied by a GetAtt). CDK makes each nested stack resource
 * depend on the execution roles its functions use, and also passes their ARNs in as parameters;
 * the duplicate edge changes nothing in the deployment order.
 */
const regions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['cn-north-1', 'cn-northwest-1'];
const IGNORED = ['W3005'];

const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error('cfn-lint is not installed: pip install cfn-lint (or pipx install cfn-lint), then run npm run lint:cfn again.');
  process.exit(1);
}
console.log(version.stdout.trim());

let failed = false;
for (const region of regions) {
  // With a custom API domain, as a county deploys it (README "Deploying a county").
  const { outdir } = synthProd(region, { apiDomain: { name: 'api.lianxin.example.cn', certificateArn: `arn:aws-cn:acm:${region}:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100` } });
  try {
    const templates = readdirSync(outdir).filter((f) => f.endsWith('.template.json')).map((f) => path.join(outdir, f));
    try {
      execFileSync('cfn-lint', ['--regions', region, '--ignore-checks', ...IGNORED, '--', ...templates], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      console.log(`${region}: ${templates.length} templates, no errors, warnings or notices`);
    } catch (e) {
      failed = true;
      const { stdout, stderr } = e as { stdout?: string; stderr?: string };
      console.error(`${region}: cfn-lint found problems\n${stdout ?? ''}${stderr ?? ''}`);
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
