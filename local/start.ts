import '../scripts/require-node-22.cjs';
import './observability-env';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { families, idNumberOf, UNBOUND_PERSON_ID } from './seed/demo-county';
import { startLocalStack } from './stack';

/**
 * `npm start`: the whole product on this machine. Data is kept in .local/ (git-ignored) across
 * restarts; delete that folder to start over with a fresh demo county.
 *
 * The test setup starts this same program with an in-memory database on a free port
 * (LIANXIN_DATA_DIR=memory, PORT=0, LIANXIN_EMIT_READY=1) and reads the LIANXIN_READY line it prints.
 * LIANXIN_SEED=none leaves an empty table empty (the go-live test builds its county through the API).
 */
const port = Number(process.env.PORT ?? 8787);
const dataDir = process.env.LIANXIN_DATA_DIR ?? '.local/dynamodb';
const keyFile = resolve(process.env.LIANXIN_KEY_FILE ?? '.local/keys.json');
const withDemo = process.env.LIANXIN_SEED !== 'none';
let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  const inMemory = dataDir === 'memory';
  // Objects go next to the table's data, or into a fresh temporary folder when the table is in memory.
  const s3Dir = process.env.LIANXIN_S3_DIR ?? (inMemory ? mkdtempSync(join(tmpdir(), 'lianxin-s3-')) : resolve('.local/s3'));
  stack = await startLocalStack({ port, dataDir: inMemory ? null : resolve(dataDir), s3Dir, keyFile, tableName: process.env.LIANXIN_TABLE, dynamoFaults: process.env.LIANXIN_DYNAMO_FAULTS === '1', seed: withDemo });
} catch (err) {
  if ((err as { code?: string }).code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use (another npm start?). Stop it, or choose another port: PORT=${port + 1} npm start`);
    process.exit(1);
  }
  throw err;
}
if (process.env.LIANXIN_EMIT_READY) {
  console.log(`LIANXIN_READY ${JSON.stringify({ url: stack.url, dynamoEndpoint: stack.dynamoEndpoint, s3Endpoint: stack.s3Endpoint, tableName: stack.tableName, keyFile })}`);
}

const unbound = families.flatMap((f) => f.members).find((m) => m.personId === UNBOUND_PERSON_ID)!;
const lines = [
  '',
  '连心 Lianxin is running (local stage)',
  `  Open:      ${stack.url}/   (phone-sized window works best: DevTools → device toolbar)`,
  `  API:       ${stack.url}/me, ${stack.url}/families/{familyId}/contacts, …`,
  `  Outbox:    ${stack.url}/__dev/outbox   (subscription messages the local WeChat stand-in received)`,
  `  S3:        ${stack.s3Endpoint}  (local S3 for photos and voice clips)`,
  `  DynamoDB:  ${stack.dynamoEndpoint}  table ${stack.tableName}${!withDemo ? '  (no demo county: LIANXIN_SEED=none)' : stack.seeded ? '  (demo county seeded just now)' : '  (existing data kept in .local/dynamodb)'}`,
  '',
  // Without the demo county there is nobody to log in as until the first account is created (README).
  ...(withDemo
    ? [
        'Demo logins (choose one on the login page):',
        ...stack.personas.map((p) => `  - ${p.label.padEnd(22)} ${p.description}`),
        '',
        `To try first-time binding, choose ${unbound.name} and enter:`,
        `  姓名 ${unbound.name}   身份证号后 6 位 ${idNumberOf(unbound.personId, unbound.birthDate, unbound.gender).slice(-6)}   手机号 ${unbound.phone}`,
        '',
      ]
    : ['Empty table: create the first commission account with scripts/create-commission-account.ts (README, "Deploying a county").', '']),
  'Press Ctrl-C to stop everything.',
  '',
];
console.log(lines.join('\n'));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
