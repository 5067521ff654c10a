import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUNDLE_BUDGET_BYTES, BUNDLE_BUDGET_EXCEPTIONS, buildLambdaBundles, bundleBudget, readBundle, type BuiltBundle } from '../../bench/lambda-bundles';
import { deployedFunctions } from '../../cdk/permissions';

/**
 * Every function's bundle, built with the deployed esbuild settings (cdk/bundling.ts), stays within
 * 90 KB minified with the AWS SDK external, except the few that carry exceljs (their budget and
 * the reason are in bench/lambda-bundles.ts). A route's bundle holds its own definition, not the
 * route table: another route's summary must not appear in it. Size is deterministic, so this is a test; the
 * cold-require timings are in the benchmark (bench/lambda-bundles.ts).
 */
let dir: string;
let bundles: BuiltBundle[];

// ~125 esbuild runs: half a minute on an idle machine, several when it is shared.
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lianxin-bundle-size-'));
  bundles = await buildLambdaBundles(dir);
}, 600_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

it('bundles every deployed function', () => {
  expect(bundles.map((b) => b.handler).sort()).toEqual(deployedFunctions().map((f) => f.handler).sort());
});

it.each(deployedFunctions().map((f) => [f.name, f.handler]))('%s (%s) is within its budget (90 KB unless excepted)', (name, handler) => {
  const bundle = bundles.find((b) => b.route === name)!;
  expect(bundle.bytes).toBeLessThanOrEqual(bundleBudget(handler));
});

it('every budget exception names a deployed function and still needs its room', () => {
  for (const handler of Object.keys(BUNDLE_BUDGET_EXCEPTIONS)) {
    const bundle = bundles.find((b) => b.handler === handler);
    expect(bundle).toBeDefined();
    expect(bundle!.bytes).toBeGreaterThan(BUNDLE_BUDGET_BYTES);
  }
});

it("a route's bundle holds its own route definition and no other route's", async () => {
  const [own, other] = [deployedFunctions()[0].route!, deployedFunctions()[1].route!];
  const code = await readBundle(bundles.find((b) => b.route === own.id)!);
  expect(code).toContain(own.summary);
  expect(code).not.toContain(other.summary);
});

it("no deployed function's module imports a route's handler module (it would build that route's handler too)", () => {
  const routeHandlers = new Set(deployedFunctions().flatMap((f) => (f.route ? [f.handler] : [])));
  const crossing = deployedFunctions().flatMap((f) =>
    [...readFileSync(path.join('functions', `${f.handler}.ts`), 'utf8').matchAll(/from '(\.[^']+)'/g)]
      .map((m) => path.posix.join(path.posix.dirname(f.handler), m[1]))
      .filter((target) => routeHandlers.has(target))
      .map((target) => `${f.handler} -> ${target}`),
  );
  expect(crossing).toEqual([]);
});
