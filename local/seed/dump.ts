import '../observability-env';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startDynamoLocal } from '../dynamodb';
import { ensureLocalKeyFile } from '../keys';
import { ensureTable } from '../table';

/**
 * Dev-only: seeds a fresh in-memory table with a fixed `now` and writes every item, sorted by pk/sk,
 * as JSON, with what changes from run to run normalised (random ids, real-clock stamps, ciphertext),
 * so two versions of the seed can be compared with `diff`. The key file is kept across runs (blind
 * indexes depend on it).
 *
 *   npx tsx local/seed/dump.ts /tmp/seed-before.json [--now 2026-11-18T02:00:00Z] [--raw]
 */
const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--') && !/^\d{4}-/.test(a)) ?? '/tmp/seed-dump.json';
const nowArg = args[args.indexOf('--now') + 1];
const now = new Date(args.includes('--now') && nowArg ? nowArg : '2026-11-18T02:00:00Z');
const raw = args.includes('--raw');

const keyFile = resolve(process.env.LIANXIN_KEY_FILE ?? '/tmp/lianxin-seed-dump-keys.json');
await ensureLocalKeyFile(keyFile);
const dynamo = await startDynamoLocal({ port: 18000 + Math.floor(Math.random() * 2000), dataDir: null });
const tableName = 'lianxin-seed-dump';
Object.assign(process.env, {
  STAGE: 'local',
  TABLE_NAME: tableName,
  DYNAMODB_ENDPOINT: dynamo.endpoint,
  LOCAL_KEY_FILE: keyFile,
  AWS_REGION: 'cn-north-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});
try {
  const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(admin, tableName);
  admin.destroy();
  // Imported after the environment is set: the functions read it when first used.
  const { seedDemoCountyIfEmpty } = await import('./seed');
  const { db } = await import('../../functions/lib/db/client');
  const started = Date.now();
  await seedDemoCountyIfEmpty(now);
  const seedMs = Date.now() - started;

  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    start = page.LastEvaluatedKey;
  } while (start);

  const realDay = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const ids = new Map<string, string>();
  // A random id keeps its identity across the dump (same id → same placeholder), numbered by first sight.
  const idOf = (kind: string, id: string) => {
    if (!ids.has(id)) ids.set(id, `<${kind}${[...ids.keys()].filter((k) => k.startsWith(kind)).length + 1}>`);
    return ids.get(id)!;
  };
  const norm = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (/^v\d+\.|^enc:|^[A-Za-z0-9+/_-]{40,}={0,2}$/.test(v) && !v.includes('#')) return '<blob>';
      return v
        .replace(/\b(ho|ct|ch|ob|q|ms|ev|aud|chg)_[0-9a-f]{16,}\b/g, (m, k: string) => idOf(k, m))
        .replace(/\b\d{15}-[0-9a-f]{16}\b/g, (m) => idOf('msg', m))
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (m) => idOf('uuid', m))
        .replaceAll(realDay, '<real-day>');
    }
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, norm(x)]));
    return v;
  };
  const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => `${String(a.pk)}\u0000${String(a.sk)}`.localeCompare(`${String(b.pk)}\u0000${String(b.sk)}`);
  // Sorted before and after normalising: placeholders are numbered in key order, then keys with placeholders re-sorted.
  items.sort(byKey);
  const sorted = raw ? items : (items.map(norm) as Record<string, unknown>[]).sort(byKey);
  await writeFile(out, sorted.map((i) => JSON.stringify(i)).join('\n') + '\n');
  console.log(`${items.length} items → ${out}; seeding took ${seedMs} ms`);
} finally {
  await dynamo.stop();
}
process.exit(0);
