import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import type { Construct } from 'constructs';
import { lambdaBundling } from './bundling';
import { repoRoot } from './paths';

/**
 * Powertools Logger and Metrics (functions/lib/observability) ship in one layer of our own that
 * every function uses, not in each bundle: bundled they add ~34 KB minified to every function
 * (get-me 118 → 152 KB), against a route budget of 90 KB. Our own layer rather than the official
 * Powertools one because that one is published per partition and region under different ARNs and
 * numbered layer versions that must match the npm version, and is missing or not public in parts
 * of aws-cn, where this stack deploys; ours is built from the locked node_modules, so the version
 * the tests ran is the version deployed, in every partition.
 *
 * The layer holds one minified CommonJS bundle of the three entry points, and each package path a
 * function imports re-exports it: one copy of each class, so Logger's private fields work across
 * `@aws-lambda-powertools/logger` and `/logger/middleware`. Loaded as one file it costs what the
 * same code bundled would; spread over the packages' ~100 files it took twice as long to require.
 */
export const powertoolsEntryPoints = ['@aws-lambda-powertools/logger', '@aws-lambda-powertools/logger/middleware', '@aws-lambda-powertools/metrics'] as const;

/** Writes the layer's `nodejs/node_modules` tree into `outDir` (also used by the bundle benchmark). */
export function buildPowertoolsLayer(outDir: string): string {
  const modules = path.join(outDir, 'nodejs', 'node_modules', '@aws-lambda-powertools');
  buildSync({
    absWorkingDir: repoRoot,
    stdin: { contents: powertoolsEntryPoints.map((m) => `export * from '${m}';`).join('\n'), resolveDir: repoRoot, loader: 'js' },
    outfile: path.join(modules, 'bundle', 'index.js'),
    bundle: true,
    target: lambdaBundling.target,
    platform: lambdaBundling.platform,
    format: lambdaBundling.format,
    minify: lambdaBundling.minify,
    external: ['@aws-sdk/*'],
    charset: lambdaBundling.charset,
    logLevel: lambdaBundling.logLevel,
  });
  for (const entry of powertoolsEntryPoints) {
    const file = path.join(modules, `${entry.slice('@aws-lambda-powertools/'.length)}${entry.endsWith('/middleware') ? '.js' : '/index.js'}`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `module.exports = require(${JSON.stringify(path.relative(path.dirname(file), path.join(modules, 'bundle')).split(path.sep).join('/'))});\n`);
  }
  return path.join(outDir, 'nodejs', 'node_modules');
}

/** The stack's one Powertools layer, made on first use in the top-level stack (nested stacks share it). */
export function powertoolsLayer(scope: Construct): lambda.ILayerVersion {
  let root = Stack.of(scope);
  while (root.nestedStackParent) root = root.nestedStackParent;
  const existing = root.node.tryFindChild('PowertoolsLayer');
  if (existing) return existing as lambda.LayerVersion;
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-powertools-layer-'));
  buildPowertoolsLayer(dir);
  return new lambda.LayerVersion(root, 'PowertoolsLayer', {
    code: lambda.Code.fromAsset(dir),
    compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
    compatibleArchitectures: [lambda.Architecture.ARM_64],
    description: 'Powertools for AWS Lambda (TypeScript): Logger and Metrics, bundled from the locked node_modules',
  });
}
