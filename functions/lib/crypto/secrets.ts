import { hkdfSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { getConfig } from '../config';

/**
 * Two things are secret: one random master secret, from which every signing and indexing key is
 * derived (HKDF with a purpose label, so one purpose's key never serves another), and the WeChat
 * app secret. In AWS they live in one Secrets Manager secret and are fetched once per cold start;
 * locally they come from the development key file that the local runtime writes.
 *
 * Rotating the master secret logs everyone out (session keys) and voids printed QR tokens, which
 * is intended; it also changes the blind-index key, so phone look-ups for binding need the
 * persons' indexes rewritten first. Until a rotation job exists, do not rotate it.
 */
export interface AppSecrets {
  sessionKey: Uint8Array;
  cardKey: Uint8Array;
  blindIndexKey: Uint8Array;
  wechatAppSecret: string;
  /** Local stage only: wraps field-encryption data keys in place of KMS. */
  localFieldMasterKey?: Uint8Array;
}

interface RawSecrets {
  signingMaster: string;
  wechatAppSecret: string;
  fieldMasterKey?: string;
}

let cached: Promise<AppSecrets> | undefined;

function derive(master: string, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', Buffer.from(master, 'utf8'), Buffer.alloc(0), `lianxin:${purpose}`, 32));
}

async function loadRaw(): Promise<RawSecrets> {
  const config = getConfig();
  if (config.secretsArn) {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient({ region: config.region });
    const out = await client.send(new GetSecretValueCommand({ SecretId: config.secretsArn }));
    return JSON.parse(out.SecretString ?? '{}') as RawSecrets;
  }
  if (config.stage === 'local' && config.localKeyFile) {
    return JSON.parse(await readFile(config.localKeyFile, 'utf8')) as RawSecrets;
  }
  throw new Error('No secrets configured: set SECRETS_ARN (AWS) or LOCAL_KEY_FILE (local stage)');
}

export function getSecrets(): Promise<AppSecrets> {
  cached ??= loadRaw()
    .then((raw) => {
      if (!raw.signingMaster || raw.signingMaster.length < 32) throw new Error('signingMaster secret is missing or too short');
      return {
        sessionKey: derive(raw.signingMaster, 'session-token'),
        cardKey: derive(raw.signingMaster, 'service-card-token'),
        blindIndexKey: derive(raw.signingMaster, 'blind-index'),
        wechatAppSecret: raw.wechatAppSecret,
        localFieldMasterKey: raw.fieldMasterKey ? new Uint8Array(Buffer.from(raw.fieldMasterKey, 'base64')) : undefined,
      };
    })
    .catch((err) => {
      cached = undefined;
      throw err;
    });
  return cached;
}
