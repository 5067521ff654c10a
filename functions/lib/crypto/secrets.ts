import { hkdfSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { getConfig } from '../config';

/**
 * Two things are secret here: one random master secret, from which the session and indexing keys
 * are derived (HKDF with a purpose label, so one purpose's key never serves another), and the
 * WeChat app secret. The service card is signed with a key from a separate secret (getCardKey). In AWS they live in one Secrets Manager secret and are fetched once per cold start;
 * locally they come from the development key file that the local runtime writes.
 *
 * Rotating the master secret logs everyone out (session keys) and voids printed QR tokens, which
 * is intended; it also changes the blind-index key, so phone look-ups for binding need the
 * persons' indexes rewritten first. Until a rotation job exists, do not rotate it.
 */
export interface AppSecrets {
  sessionKey: Uint8Array;
  blindIndexKey: Uint8Array;
  wechatAppSecret: string;
  /** Local stage only: wraps field-encryption data keys in place of KMS. */
  localFieldMasterKey?: Uint8Array;
}

interface RawSecrets {
  signingMaster: string;
  wechatAppSecret: string;
  fieldMasterKey?: string;
  /** Local key file only; in AWS the card secret is a secret of its own. */
  cardSigningMaster?: string;
}

let cached: Promise<AppSecrets> | undefined;

function derive(master: string, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', Buffer.from(master, 'utf8'), Buffer.alloc(0), `lianxin:${purpose}`, 32));
}

async function fetchSecretJson<T>(secretArn: string): Promise<T> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region: getConfig().region });
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  return JSON.parse(out.SecretString ?? '{}') as T;
}

async function readLocalKeyFile(): Promise<RawSecrets | undefined> {
  const config = getConfig();
  if (config.stage === 'local' && config.localKeyFile) return JSON.parse(await readFile(config.localKeyFile, 'utf8')) as RawSecrets;
  return undefined;
}

async function loadRaw(): Promise<RawSecrets> {
  const config = getConfig();
  if (config.secretsArn) return fetchSecretJson<RawSecrets>(config.secretsArn);
  const local = await readLocalKeyFile();
  if (local) return local;
  throw new Error('No secrets configured: set SECRETS_ARN (AWS) or LOCAL_KEY_FILE (local stage)');
}

let cardKey: Promise<Uint8Array> | undefined;

/**
 * The key the service card's QR tokens are signed with. It lives in a secret of its own, so the
 * function that shows the card (and, later, the one that verifies it at the hospital) holds no key
 * that could mint a session.
 */
export function getCardKey(): Promise<Uint8Array> {
  cardKey ??= (async () => {
    const config = getConfig();
    const master = config.cardSecretArn
      ? (await fetchSecretJson<{ cardSigningMaster?: string }>(config.cardSecretArn)).cardSigningMaster
      : (await readLocalKeyFile())?.cardSigningMaster;
    if (!master || master.length < 32) throw new Error('cardSigningMaster is missing or too short: set CARD_SECRET_ARN (AWS) or use the local key file');
    return derive(master, 'service-card-token');
  })().catch((err) => {
    cardKey = undefined;
    throw err;
  });
  return cardKey;
}

export function getSecrets(): Promise<AppSecrets> {
  cached ??= loadRaw()
    .then((raw) => {
      if (!raw.signingMaster || raw.signingMaster.length < 32) throw new Error('signingMaster secret is missing or too short');
      return {
        sessionKey: derive(raw.signingMaster, 'session-token'),
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
