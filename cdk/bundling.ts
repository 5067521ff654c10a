import type { BuildOptions } from 'esbuild';
import { LogLevel, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RouteDef } from '../functions/routes';
import { repoRoot } from './paths';

/**
 * How every Lambda function is bundled, written once. The CDK stack turns it into NodejsFunction
 * bundling options (which run the esbuild CLI) and the bundle benchmark and bundle-size test turn
 * it into esbuild JS API options, so what is measured is what is deployed. test/cdk/stack.test.ts
 * checks that the two produce byte-identical bundles.
 *
 * - CommonJS, minified: the smallest file and the fastest cold `require`. A source map is written
 *   next to the bundle (not inlined, without the sources' text) and read by Node only because
 *   AppFunction sets NODE_OPTIONS=--enable-source-maps, so the stack frames that
 *   functions/lib/observability logs for unexpected errors name our source files and lines.
 * - Powertools (Logger and Metrics) is external too: it comes from a layer of our own
 *   (cdk/powertools-layer.ts says why and what it saves). Powertools Tracer is not used: it brings
 *   aws-xray-sdk-core, ~128 KB minified for Tracer alone (measured with esbuild), for SDK-call
 *   subsegments; the runtime's active tracing (AppFunction) records each invocation without it.
 * - The AWS SDK v3 is external: the Node.js 22 runtime ships it, and bundling it would add ~550 KB
 *   per function (TOOLCHAIN.md). Everything else (middy, jose, zod, domain/) is bundled. middy and
 *   jose are ESM-only; esbuild resolves them through their `import` condition because the sources
 *   use `import` statements, so no `mainFields` override is needed.
 * - `charset=utf8`: the handlers carry Chinese messages; esbuild's default ASCII escaping turns
 *   each character into a 6-byte `\uXXXX`. (NodejsFunction's `charset` option is not passed on by
 *   aws-cdk-lib 2.276, hence the raw esbuild argument.)
 * - A route's function gets its own definition substituted for `LIANXIN_ROUTE` (routeDefine), so
 *   its bundle holds one route, not the table; domain/package.json declares which domain files have
 *   side effects, so a bundle holds only the domain files its handler uses.
 */
export const lambdaBundling = {
  target: 'node22',
  platform: 'node',
  format: 'cjs',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  externalModules: ['@aws-sdk/*', '@aws-lambda-powertools/*'],
  charset: 'utf8',
  logLevel: 'warning',
} as const;

/**
 * esbuild `define` for a route's function: its definition as a JSON string literal, read by
 * functions/lib/http/route-definition.ts. Other functions (authorizer, jobs) get nothing.
 */
export function routeDefine(route: RouteDef | undefined): Record<string, string> {
  return route ? { LIANXIN_ROUTE: JSON.stringify(JSON.stringify(route)) } : {};
}

/** NodejsFunction bundling options: local esbuild from node_modules, never Docker. */
export function nodejsBundlingOptions(route?: RouteDef): BundlingOptions {
  return {
    target: lambdaBundling.target,
    format: lambdaBundling.format === 'cjs' ? OutputFormat.CJS : OutputFormat.ESM,
    minify: lambdaBundling.minify,
    sourceMap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    externalModules: [...lambdaBundling.externalModules],
    esbuildArgs: { '--charset': lambdaBundling.charset },
    define: routeDefine(route),
    logLevel: LogLevel.WARNING,
    forceDockerBundling: false,
  };
}

/**
 * The same build for esbuild's JS API. NodejsFunction runs esbuild with the repository root as its
 * working directory (the project root) and an absolute entry path; matching both keeps the module
 * paths esbuild writes into the bundle, and so the bytes, identical.
 */
export function esbuildOptions(entry: string, outfile: string, route?: RouteDef): BuildOptions {
  return {
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile,
    bundle: true,
    target: lambdaBundling.target,
    platform: lambdaBundling.platform,
    format: lambdaBundling.format,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    external: [...lambdaBundling.externalModules],
    charset: lambdaBundling.charset,
    define: routeDefine(route),
    logLevel: lambdaBundling.logLevel,
  };
}
