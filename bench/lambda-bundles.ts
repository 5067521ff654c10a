import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { esbuildOptions, lambdaBundling } from '../cdk/bundling';
import { handlerEntry, repoRoot } from '../cdk/paths';
import { buildPowertoolsLayer } from '../cdk/powertools-layer';
import { authorizerHandler } from '../functions/routes';
import { deployedFunctions } from '../cdk/permissions';

const run = promisify(execFile);

/**
 * Budget per function bundle: minified, AWS SDK external (a source map, if any, is not counted). A
 * route's bundle holds its own route definition, the domain files it uses and the shared stack
 * (middy, zod, functions/lib); ~50-85 KB measured. More means it pulls in something it should not.
 */
export const BUNDLE_BUDGET_BYTES = 90 * 1024;

/**
 * Budget of a function's cold `require`: what a cold Lambda start pays before the handler runs. Not
 * applied to the exceljs functions below.
 *
 * Measured against two baselines in the same rounds. An empty module is the plain ratio
 * (`coldRequireRatio`), reported for every function. But on Node 22 an empty module is up in
 * ~25 ms, while loading the DynamoDB client that every function needs (the runtime's own AWS SDK,
 * external to our bundles) takes ~75 ms more on its own: the SDK alone is ~4x an empty module, so
 * no function that reads the table can be within 2x of one. The budget is therefore held against
 * the second baseline, a module that only loads that SDK (`@aws-sdk/client-dynamodb` and
 * `lib-dynamodb`): everything our bundle adds (its code, middy, zod, the Powertools layer) may cost
 * at most 60% of that. Measured: routes 1.2-1.5x of it (median 1.36x), i.e. 5-6x an empty module;
 * before the bundles were made lean, ~2.4x an empty module on Node 20, whose empty start is twice
 * Node 22's.
 */
export const COLD_REQUIRE_RATIO_BUDGET = 1.6;

/**
 * Functions allowed more, by handler, and why. exceljs is ~1.05 MB minified (measured 1.18 MB for a
 * bare load): reading an uploaded register (.xlsx with its zip, XML and CSV parsers) and writing the
 * template is exactly what it is for, and a hand-written reader of real-world .xlsx files would be
 * the riskier code. Cold require of such a bundle is ~190 ms here; these are rare commission-staff
 * calls, not the family's paths.
 */
export const BUNDLE_BUDGET_EXCEPTIONS: Readonly<Record<string, number>> = {
  'imports/on-queued': 1400 * 1024,
  'imports/sweep-jobs': 1400 * 1024,
  'imports/get-import-template': 1400 * 1024,
  // The monthly ledger export writes its .xlsx with exceljs too (it replaced a hand-written zip writer).
  'ledger/export-ledger': 1400 * 1024,
  // The self-inspection report's files: the .docx cadres hand upward (docx, ~420 KB minified: a
  // hand-written OOXML writer with East Asian fonts and tables would be the riskier code) and the
  // seed's three tables as .xlsx (exceljs, as above). Measured 1,476 KB. A rare commission-staff call;
  // the report page's own route (report/get-report) stays within the common budget.
  'report/export-report': 1600 * 1024,
  // The change list for the provincial 特扶 system writes its .xlsx with exceljs like the monthly
  // ledger. Measured 1,222 KB. A rare commission-staff call.
  'changes/export-changes': 1400 * 1024,
  // Binding checks the bind ticket's claims strictly (jose's claim validation) and keeps the
  // per-person and per-phone lockout: ~95 KB. Once per person, ever; still held to the cold-require budget.
  'auth/bind': 100 * 1024,
  // A staff reply records the day's online contact in the ledger, whose counting rule knows that a
  // home visit on a festival day is a greeting too: the festival calendar (~6 KB) comes with it,
  // although an online contact never is one. ~96 KB; still held to the cold-require budget.
  'messaging/send-conversation-message': 100 * 1024,
  'messaging/send-consultation-message': 100 * 1024,
  // Deactivating a staff member hands all their families over in batches (the hand-over's own
  // parts, packed under the transaction limit), and a doctor's signed members with their contracts,
  // plans, open refills and discharge notes (lib/db/lifecycle/signing-moves.ts): ~100.4 KB. A rare commission call.
  'people/deactivate-staff': 102 * 1024,
  // A family's doctor handed over takes the members signed with the old doctor along (the same
  // signing moves as a deactivation): ~92 KB. A commission call.
  'ledger/hand-over': 100 * 1024,
  // A death ends everything that runs for the member (contract, plan, bookings, waiting places) and
  // raises the contacts' 慰问 task, in one transaction: ~95 KB. A rare commission call.
  'lifecycle/record-death': 100 * 1024,
  // The report's page route composes every section of a county's report (contacts, signing, the
  // three 双签约 tiers, follow-ups, green channel, problems) and, for a city officer, adds up its
  // counties: ~97 KB. A commission call a few times a month; still held to the cold-require budget.
  'report/get-report': 100 * 1024,
  // Creating staff and assigning a township's families check posts against the city, county and
  // township reach and write change-list events with the hand-overs: ~91 KB each. Commission calls.
  'people/create-staff': 100 * 1024,
  'people/bulk-assign': 100 * 1024,
  // A move to another township takes the family's open requests (their township index, assignee
  // and counters) and this quarter's survey answer along in its one transaction: ~95 KB. A rare
  // county commission call.
  'lifecycle/move-family': 100 * 1024,
  // A move out of the county ends what runs for the family in its one transaction: bookings and
  // waiting places (the death's release), reminders, open requests referred on (the request's
  // status parts), the survey answer's counters: ~93 KB. A rare county commission call.
  'lifecycle/transfer-out': 100 * 1024,
};

/** The exceljs bundles (over 1 MB): not held to the cold-require budget. */
const carriesExceljs = (handler: string) => (BUNDLE_BUDGET_EXCEPTIONS[handler] ?? 0) > 1024 * 1024;

export const bundleBudget = (handler: string) => BUNDLE_BUDGET_EXCEPTIONS[handler] ?? BUNDLE_BUDGET_BYTES;

/**
 * Whether the cold-require budget applies: to the functions callers wait on (routes and the
 * authorizer), not to the exceljs ones (rare staff calls; loading exceljs alone is ~3.5x) nor to the
 * stream and scheduled jobs, which no caller waits on.
 */
export const coldRequireBudgeted = (f: { handler: string; routeKey: string }) =>
  !carriesExceljs(f.handler) && !f.routeKey.startsWith('job');

export interface BuiltBundle {
  /** Route id from functions/routes.ts, or `authorizer`. */
  route: string;
  /** `GET /me`, `authorizer`, or `job <name>` for a stream or scheduled function. */
  routeKey: string;
  /** Handler module under functions/. */
  handler: string;
  file: string;
  bytes: number;
}

/**
 * Bundles every deployed function (one per route, plus the authorizer) with the exact esbuild
 * settings the CDK stack deploys with (cdk/bundling.ts) into `outDir`.
 */
export async function buildLambdaBundles(outDir: string): Promise<BuiltBundle[]> {
  return Promise.all(
    deployedFunctions().map(async (f) => {
      const file = path.join(outDir, f.handler, 'index.js');
      await mkdir(path.dirname(file), { recursive: true });
      await build(esbuildOptions(handlerEntry(f.handler), file, f.route));
      return {
        route: f.name,
        routeKey: f.route ? `${f.route.method} ${f.route.path}` : f.handler === authorizerHandler ? 'authorizer' : `job ${f.name}`,
        handler: f.handler,
        file,
        bytes: (await stat(file)).size,
      };
    }),
  );
}

/**
 * Runs in a fresh node process: requires the module and reports, in ms, when the module was ready
 * counted from the process's own time origin (its start), and how long the require call took.
 */
const LOADER = `'use strict';
const file = process.argv[2];
const t0 = performance.now();
require(file);
const t1 = performance.now();
process.stdout.write(JSON.stringify({ readyMs: t1, requireMs: t1 - t0 }));
`;

interface Sample {
  readyMs: number;
  requireMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function sample(loader: string, file: string, layerModules: string): Promise<Sample> {
  const { stdout } = await run(process.execPath, [loader, file], {
    cwd: repoRoot,
    // The bundles leave @aws-sdk/* external, as Lambda's runtime provides it; here it resolves
    // from the repository's node_modules. Powertools comes from the layer, built as deployed.
    env: { ...process.env, NODE_PATH: [layerModules, path.join(repoRoot, 'node_modules')].join(path.delimiter), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NODE_OPTIONS: '' },
  });
  return JSON.parse(stdout) as Sample;
}

export interface LambdaBundleMeasurement {
  route: string;
  routeKey: string;
  handler: string;
  bytes: number;
  withinBudget: boolean;
  /** Median ms from a fresh node process's start until `require(bundle)` returned. */
  coldRequireMs: number;
  /** coldRequireMs divided by the same figure for an empty module, measured in the same rounds. */
  coldRequireRatio: number;
  /** coldRequireMs divided by the same figure for a module that only loads the DynamoDB SDK. */
  coldRequireOverSdk: number;
  /** Median ms of the `require(bundle)` call alone, in the same processes. */
  requireOnlyMs: number;
  /** coldRequireOverSdk <= COLD_REQUIRE_RATIO_BUDGET, or the budget does not apply (coldRequireBudgeted). */
  withinColdRequireBudget: boolean;
}

export interface LambdaBundlesResult {
  budgetBytes: number;
  coldRequireRatioBudget: number;
  functions: LambdaBundleMeasurement[];
  /** Median ms from a fresh node process's start until `require(emptyModule)` returned. */
  emptyModuleColdRequireMs: number;
  /** The same for a module that only requires the DynamoDB client and document client. */
  sdkBaselineColdRequireMs: number;
  runs: number;
  nodeVersion: string;
  settings: typeof lambdaBundling;
}

/**
 * Bundle size and cold-start cost of every Lambda function, bundled as deployed.
 *
 * Cold require: each bundle (and an empty module, the baseline) is required in a fresh `node`
 * process, `runs` times, in interleaved rounds so that machine noise falls on all of them alike,
 * after one discarded warm-up round. The figure is the time from the process's start until the
 * module is loaded, which is what a cold Lambda start pays before the handler can run; the ratio
 * to the empty module makes it comparable across machines. Measured on this machine's node
 * (Lambda runs Node.js 22).
 */
export async function measureLambdaBundles(options: { runs?: number } = {}): Promise<LambdaBundlesResult> {
  const runs = options.runs ?? 15;
  const dir = await mkdtemp(path.join(tmpdir(), 'lianxin-bundles-'));
  try {
    const bundles = await buildLambdaBundles(dir);
    const layerModules = buildPowertoolsLayer(path.join(dir, 'powertools-layer'));
    const loader = path.join(dir, 'loader.cjs');
    const empty = path.join(dir, 'empty.js');
    const sdk = path.join(dir, 'sdk.js');
    await writeFile(loader, LOADER);
    await writeFile(empty, '');
    await writeFile(sdk, "require('@aws-sdk/client-dynamodb');\nrequire('@aws-sdk/lib-dynamodb');\n");

    const files = [empty, sdk, ...bundles.map((b) => b.file)];
    const samples = new Map<string, Sample[]>(files.map((f) => [f, []]));
    for (let round = -1; round < runs; round++) {
      for (const file of files) {
        const s = await sample(loader, file, layerModules);
        if (round >= 0) samples.get(file)!.push(s);
      }
    }
    const ready = (file: string) => median(samples.get(file)!.map((s) => s.readyMs));
    const emptyMs = ready(empty);
    const sdkMs = ready(sdk);

    return {
      budgetBytes: BUNDLE_BUDGET_BYTES,
      coldRequireRatioBudget: COLD_REQUIRE_RATIO_BUDGET,
      functions: bundles.map((b) => {
        const coldRequireRatio = round(ready(b.file) / emptyMs, 2);
        const coldRequireOverSdk = round(ready(b.file) / sdkMs, 2);
        return {
          route: b.route,
          routeKey: b.routeKey,
          handler: b.handler,
          bytes: b.bytes,
          withinBudget: b.bytes <= bundleBudget(b.handler),
          coldRequireMs: round(ready(b.file)),
          coldRequireRatio,
          coldRequireOverSdk,
          requireOnlyMs: round(median(samples.get(b.file)!.map((s) => s.requireMs))),
          withinColdRequireBudget: !coldRequireBudgeted(b) || coldRequireOverSdk <= COLD_REQUIRE_RATIO_BUDGET,
        };
      }),
      emptyModuleColdRequireMs: round(emptyMs),
      sdkBaselineColdRequireMs: round(sdkMs),
      runs,
      nodeVersion: process.version,
      settings: lambdaBundling,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each broken budget of a measurement, in words; empty when all are met. */
export function lambdaBudgetFailures(result: LambdaBundlesResult): string[] {
  return result.functions.flatMap((f) => [
    ...(f.withinBudget ? [] : [`lambda ${f.handler}: ${f.bytes} B > ${bundleBudget(f.handler)} B`]),
    ...(f.withinColdRequireBudget ? [] : [`lambda ${f.handler}: cold require ${f.coldRequireOverSdk}x the DynamoDB SDK alone > ${result.coldRequireRatioBudget}x`]),
  ]);
}

/** The bundle's text, for tests that inspect what a function can call. */
export const readBundle = (bundle: BuiltBundle) => readFile(bundle.file, 'utf8');
