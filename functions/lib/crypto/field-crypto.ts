import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { getConfig } from '../config';
import { getSecrets } from './secrets';

/**
 * Field-level envelope encryption for ID numbers and phones (AES-256-GCM).
 *
 * A data key encrypts the field; the data key itself is stored wrapped next to the ciphertext. In
 * AWS, KMS generates and unwraps data keys; locally a master key from the development key file
 * wraps them the same way. One data key is generated per process and reused (data-key caching),
 * and unwrapped keys are cached, so a warm function does no KMS call per field.
 *
 * Stored form: `v1.<wrapped data key>.<iv>.<ciphertext+tag>` (base64url). The additional
 * authenticated data binds a ciphertext to its owner and field, so it cannot be copied onto
 * another person's record.
 */
interface DataKey {
  plaintext: Buffer;
  wrapped: string;
}

interface KeyProvider {
  generateDataKey(): Promise<DataKey>;
  unwrap(wrapped: string): Promise<Buffer>;
}

const b64 = (buf: Uint8Array) => Buffer.from(buf).toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

function gcmEncrypt(key: Uint8Array, plaintext: Buffer, aad: Buffer) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, ct };
}

function gcmDecrypt(key: Uint8Array, iv: Buffer, ctWithTag: Buffer, aad: Buffer) {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(ctWithTag.subarray(ctWithTag.length - 16));
  return Buffer.concat([decipher.update(ctWithTag.subarray(0, ctWithTag.length - 16)), decipher.final()]);
}

function localProvider(masterKey: Uint8Array): KeyProvider {
  const aad = Buffer.from('lianxin:data-key');
  return {
    async generateDataKey() {
      const plaintext = randomBytes(32);
      const { iv, ct } = gcmEncrypt(masterKey, plaintext, aad);
      return { plaintext, wrapped: `local:${b64(iv)}:${b64(ct)}` };
    },
    async unwrap(wrapped) {
      const [tag, iv, ct] = wrapped.split(':');
      if (tag !== 'local') throw new Error('Data key was not wrapped by the local key provider');
      return gcmDecrypt(masterKey, unb64(iv), unb64(ct), aad);
    },
  };
}

function kmsProvider(keyId: string, region: string): KeyProvider {
  const client = import('@aws-sdk/client-kms').then((kms) => ({ kms, client: new kms.KMSClient({ region }) }));
  return {
    async generateDataKey() {
      const { kms, client: c } = await client;
      const out = await c.send(new kms.GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' }));
      return { plaintext: Buffer.from(out.Plaintext!), wrapped: `kms:${b64(out.CiphertextBlob!)}` };
    },
    async unwrap(wrapped) {
      const { kms, client: c } = await client;
      const [tag, blob] = wrapped.split(':');
      if (tag !== 'kms') throw new Error('Data key was not wrapped by KMS');
      const out = await c.send(new kms.DecryptCommand({ CiphertextBlob: unb64(blob), KeyId: keyId }));
      return Buffer.from(out.Plaintext!);
    },
  };
}

let provider: Promise<KeyProvider> | undefined;
let currentDataKey: Promise<DataKey> | undefined;
const unwrapped = new Map<string, Promise<Buffer>>();

function keyProvider(): Promise<KeyProvider> {
  provider ??= (async () => {
    const config = getConfig();
    if (config.fieldKeyId) return kmsProvider(config.fieldKeyId, config.region);
    const secrets = await getSecrets();
    if (config.stage === 'local' && secrets.localFieldMasterKey) return localProvider(secrets.localFieldMasterKey);
    throw new Error('No field-encryption key: set FIELD_KEY_ID (AWS) or provide a local key file (local stage)');
  })();
  return provider;
}

function unwrapCached(wrapped: string): Promise<Buffer> {
  const hit = unwrapped.get(wrapped);
  if (hit) return hit;
  const pending = keyProvider().then((p) => p.unwrap(wrapped));
  pending.catch(() => unwrapped.delete(wrapped));
  unwrapped.set(wrapped, pending);
  return pending;
}

/** `context` names the owner and field, e.g. `p_123:phone`. */
export async function encryptField(plaintext: string, context: string): Promise<string> {
  currentDataKey ??= keyProvider().then((p) => p.generateDataKey());
  const key = await currentDataKey;
  unwrapped.set(key.wrapped, Promise.resolve(key.plaintext));
  const { iv, ct } = gcmEncrypt(key.plaintext, Buffer.from(plaintext, 'utf8'), Buffer.from(context));
  return `v1.${Buffer.from(key.wrapped).toString('base64url')}.${b64(iv)}.${b64(ct)}`;
}

export async function decryptField(stored: string, context: string): Promise<string> {
  const [version, wrapped, iv, ct] = stored.split('.');
  if (version !== 'v1' || !wrapped || !iv || !ct) throw new Error('Unrecognised encrypted field format');
  const key = await unwrapCached(Buffer.from(wrapped, 'base64url').toString('utf8'));
  return gcmDecrypt(key, unb64(iv), unb64(ct), Buffer.from(context)).toString('utf8');
}

/**
 * Blind index: a keyed hash that lets us find a person by phone without storing the phone in the
 * clear. HMAC, not a bare hash: an 11-digit phone space is small enough to enumerate.
 */
export async function blindIndex(purpose: string, value: string): Promise<string> {
  const { blindIndexKey } = await getSecrets();
  return createHmac('sha256', blindIndexKey).update(`${purpose}:${value}`).digest('base64url');
}

/** Stable short fingerprint for logs and rate-limit keys, never for secrets. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}
