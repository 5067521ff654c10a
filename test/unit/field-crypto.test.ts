import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The local key provider, as in the local stage: a key file with a master key wrapping data keys.
const dir = mkdtempSync(join(tmpdir(), 'lianxin-crypto-'));
const keyFile = join(dir, 'keys.json');
writeFileSync(
  keyFile,
  JSON.stringify({ signingMaster: randomBytes(48).toString('base64url'), wechatAppSecret: 'x', fieldMasterKey: randomBytes(32).toString('base64') }),
);
Object.assign(process.env, { STAGE: 'local', LOCAL_KEY_FILE: keyFile });

import { blindIndex, decryptField, encryptField } from '../../functions/lib/crypto/field-crypto';

describe('field encryption', () => {
  test('round-trips and never stores the plaintext', async () => {
    const stored = await encryptField('13831100001', 'p_m0001:phone');
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain('13831100001');
    await expect(decryptField(stored, 'p_m0001:phone')).resolves.toBe('13831100001');
  });

  test('the same value encrypts differently each time (random IV)', async () => {
    const a = await encryptField('13831100001', 'p_m0001:phone');
    const b = await encryptField('13831100001', 'p_m0001:phone');
    expect(a).not.toBe(b);
  });

  test('a ciphertext copied onto another person or field does not decrypt', async () => {
    const stored = await encryptField('13831100001', 'p_m0001:phone');
    await expect(decryptField(stored, 'p_m0002:phone')).rejects.toThrow();
    await expect(decryptField(stored, 'p_m0001:id_number')).rejects.toThrow();
  });

  test('a tampered ciphertext is rejected', async () => {
    const stored = await encryptField('13831100001', 'p_m0001:phone');
    const parts = stored.split('.');
    const ct = Buffer.from(parts[3], 'base64url');
    ct[0] ^= 1;
    parts[3] = ct.toString('base64url');
    await expect(decryptField(parts.join('.'), 'p_m0001:phone')).rejects.toThrow();
  });

  test('blind indexes are stable, keyed and purpose-separated', async () => {
    const a = await blindIndex('phone', '13831100001');
    expect(await blindIndex('phone', '13831100001')).toBe(a);
    expect(await blindIndex('phone', '13831100002')).not.toBe(a);
    expect(await blindIndex('other', '13831100001')).not.toBe(a);
  });
});
