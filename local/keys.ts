import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Development secrets: written once to a git-ignored file and kept, so data encrypted in an
 * earlier run stays readable. Stands in for Secrets Manager and the KMS key (see
 * functions/lib/crypto/secrets.ts); never used outside the local stage.
 */
export const LOCAL_WECHAT_APP_ID = 'wx-local-dev';

export async function ensureLocalKeyFile(path: string): Promise<void> {
  if (existsSync(path)) return;
  await mkdir(dirname(path), { recursive: true });
  const keys = {
    signingMaster: randomBytes(48).toString('base64url'),
    wechatAppSecret: randomBytes(16).toString('hex'),
    fieldMasterKey: randomBytes(32).toString('base64'),
  };
  await writeFile(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
}
