import { mkdir, writeFile } from 'node:fs/promises';
import { spawnLocalStack } from '../local/spawn';
import { measureApiLatency } from './api-latency';
import { measureBooking } from './booking';
import { measureFollowUps } from './followups';
import { login, measureDdbRequests } from './ddb-requests';
import { lambdaBudgetFailures, measureLambdaBundles } from './lambda-bundles';
import { measureLedgerDashboard } from './ledger';
import { measureMessaging } from './messaging';
import { measureMixedLoad, mixedLoadFailures } from './mixed-load';
import { measureLedgerImport } from './ledger-import';
import { measureWeappPackages } from './weapp-size';
import { measureSigning } from './signing';
import { measureReport } from './report';

/**
 * `npm run bench`: sizes, cold starts, latency ratios and DynamoDB round trips, each written to
 * bench/results/<name>.json with its budget. Exits 1 when a budget is broken.
 */
const results: Record<string, unknown> = {};
const failures: string[] = [];
const at = new Date().toISOString();

async function save(name: string, data: object) {
  results[name] = data;
  await writeFile(`bench/results/${name}.json`, `${JSON.stringify({ measuredAt: at, node: process.version, ...data }, null, 2)}\n`);
}

await mkdir('bench/results', { recursive: true });

const weapp = measureWeappPackages();
await save('weapp-packages', weapp);
for (const p of weapp.packages) if (!p.withinBudget) failures.push(`weapp package ${p.name}: ${p.bytes} B > ${p.budgetBytes} B`);
console.log('weapp packages:', weapp.packages.map((p) => `${p.name} ${(p.bytes / 1024).toFixed(1)} KB`).join(', '));

const lambdas = await measureLambdaBundles();
await save('lambda-bundles', lambdas);
failures.push(...lambdaBudgetFailures(lambdas));
console.log(
  'lambda bundles:',
  lambdas.functions.map((f) => `${f.handler} ${(f.bytes / 1024).toFixed(1)} KB ×${f.coldRequireRatio.toFixed(2)} (×${f.coldRequireOverSdk.toFixed(2)} of the SDK alone)`).join(', '),
);

const stack = await spawnLocalStack({ tableName: 'lianxin-bench' });
try {
  const ddb = await measureDdbRequests(stack);
  await save('ddb-requests', { routes: ddb });
  for (const r of ddb) if (!r.withinBudget) failures.push(`${r.routeId}: ${r.requests} DynamoDB requests > budget ${r.budget}`);
  console.log('DynamoDB requests per call:', ddb.map((r) => `${r.routeId}=${r.requests}`).join(', '));

  const signing = await measureSigning(stack);
  await save('signing', { routes: signing });
  for (const r of signing) if (!r.withinBudget) failures.push(`${r.routeId}: ${r.requests} DynamoDB requests (${r.operations.join(',')}), status ${r.status} > budget ${r.budget}`);

  const { token } = await login(stack, 'p_m0001');
  const latency = await measureApiLatency(stack, token);
  await save('api-latency', latency);
  console.log('contacts route vs raw GetItem:', JSON.stringify(latency));

  const booking = await measureBooking(stack);
  await save('booking', booking);
  if (!booking.contention.withinBudget) failures.push(`booking contention: ${booking.contention.confirmed} confirmed, ${booking.contention.full} full of 500`);
  for (const r of booking.ddbRequestsPerCall) if (!r.withinBudget) failures.push(`${r.routeId}: ${r.requests} DynamoDB requests > budget ${r.budget}`);
  console.log('booking contention:', JSON.stringify(booking.contention), 'ratio to raw TransactWriteItems:', booking.throughputRatioToRaw);
  const ledger = await measureLedgerDashboard(stack);
  await save('ledger-dashboard', ledger);
  if (!ledger.withinBudget) failures.push(`ledger.getDashboard: ${ledger.dashboardDdbRequests} DynamoDB requests > budget ${ledger.requestBudget}`);
  console.log('ledger dashboard (2,000 families, 60,000 contacts) vs raw Query:', JSON.stringify(ledger));

  // In a stack of its own: it writes the same bench county as the dashboard's.
  const reportStack = await spawnLocalStack({ tableName: 'lianxin-bench-report' });
  try {
    const report = await measureReport(reportStack);
    await save('report', report);
    if (!report.withinRequestBudget) failures.push(`report.getReport: ${report.reportDdbRequests} DynamoDB requests > budget ${report.requestBudget} (or a Scan)`);
    if (!report.withinRatioBudget) failures.push(`report: ×${report.reportRatio.p50} / docx ×${report.docxExportRatio.p50} of the raw read > budget`);
    console.log('self-inspection report (2,000 families) vs raw profiles Query:', JSON.stringify(report));
  } finally {
    await reportStack.stop();
  }
  const messaging = await measureMessaging(stack);
  await save('messaging', messaging);
  for (const r of messaging.ddbRequestsPerCall) if (!r.withinBudget) failures.push(`${r.routeId}: ${r.requests} DynamoDB requests (${r.operations.join(',')}) > budget ${r.budget}`);
  if (!messaging.throughput.allArrived) failures.push(`messaging: ${messaging.throughput.oneConversationUnreadAfter} unread after ${messaging.throughput.sends + 2} sends`);
  const ledgerImport = await measureLedgerImport(stack);
  await save('ledger-import', ledgerImport);
  if (ledgerImport.import.outcome !== 'applied') failures.push(`ledger import: the job ended ${ledgerImport.import.outcome}`);
  if (!ledgerImport.reimportWroteNothing) failures.push('ledger import: re-importing the same file wrote something');
  console.log('ledger import (2,000 families):', JSON.stringify(ledgerImport));
  // Last on the shared stack: 60 s of mixed traffic from 200 users.
  const mixed = await measureMixedLoad(stack);
  await save('mixed-load', mixed);
  failures.push(...mixedLoadFailures(mixed));
  console.log('mixed load (200 users, 60 s):', mixed.routes.map((r) => `${r.route} ×${r.ratio.p50}/×${r.ratio.p99}`).join(', '), 'writes exact:', mixed.writesExact);
} finally {
  await stack.stop();
}

const followUps = await measureFollowUps();
await save('followups', followUps);
for (const r of followUps.requests) if (!r.withinBudget) failures.push(`${r.routeId}: ${r.operations} (budget ${r.budget})`);

if (failures.length) {
  console.error(`\nBudgets broken:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('\nAll budgets met. Results in bench/results/.');
