import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLocalKeyFile } from '../../local/keys';

test('a key file from an older version keeps its keys and gains the newer ones', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'lianxin-keys-')), 'keys.json');
  const old = { signingMaster: 'a'.repeat(64), wechatAppSecret: 'w', fieldMasterKey: Buffer.alloc(32, 1).toString('base64') };
  writeFileSync(path, JSON.stringify(old));
  await ensureLocalKeyFile(path);
  const upgraded = JSON.parse(readFileSync(path, 'utf8'));
  // Stored data was encrypted and indexed with the old keys: they must not change.
  expect(upgraded).toMatchObject(old);
  expect(upgraded.cardSigningMaster).toMatch(/^[A-Za-z0-9_-]{64}$/);
  // A complete file is left as it is.
  await ensureLocalKeyFile(path);
  expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(upgraded);
});
