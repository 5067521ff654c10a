import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Development secrets: written once to a git-ignored file and kept, so data encrypted in an
 * earlier run stays readable. Stands in for Secrets Manager and the KMS key (see
 * functions/lib/crypto/secrets.ts); never used outside the local stage.
 */
export const LOCAL_WECHAT_APP_ID = 'wx-local-dev';

export async function ensureLocalKeyFile(path: string): Promise<void> {
  const fresh = {
    signingMaster: randomBytes(48).toString('base64url'),
    wechatAppSecret: randomBytes(16).toString('hex'),
    fieldMasterKey: randomBytes(32).toString('base64'),
    cardSigningMaster: randomBytes(48).toString('base64url'),
  };
  // Keys already there are kept (stored data depends on them); only missing ones are added, so a
  // key file from an older version gains the newer keys.
  const existing = existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as Partial<typeof fresh>) : undefined;
  if (existing && Object.keys(fresh).every((k) => k in existing)) return;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify({ ...fresh, ...existing }, null, 2)}\n`, { mode: 0o600 });
}
