import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  CARD_CODE_CLOCK_SKEW_SECONDS,
  CARD_CODE_MAC_CHARS,
  CARD_CODE_PATTERN,
  CARD_CODE_PREFIX,
  CARD_TOKEN_TTL_SECONDS,
  CardCodeClaims,
  idPrefixes,
  toBeijingIso,
} from '../../../domain';
import { getCardKey } from '../crypto/secrets';

/** The service card's compact signed code; the format is documented in domain/card.ts. */

export type CardCodeRefusal = 'malformed' | 'signature' | 'expired' | 'notYetValid';

export class InvalidCardCodeError extends Error {
  constructor(readonly reason: CardCodeRefusal) {
    super(`card code refused: ${reason}`);
  }
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const FAMILY_PREFIX = `${idPrefixes.family}_`;

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Undefined when the text is not canonical base32 (leftover bits must be zero, as `base32` writes them). */
function unbase32(text: string): Buffer | undefined {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (bits >= 5 || (value & ((1 << bits) - 1)) !== 0) return undefined;
  return Buffer.from(bytes);
}

const mac = (key: Uint8Array, body: string) => base32(createHmac('sha256', key).update(body).digest().subarray(0, 12)).slice(0, CARD_CODE_MAC_CHARS);

/** Signs a code for the card; `now` is the request's time. Pure: the key is passed in. */
export function signCardCode(key: Uint8Array, card: { familyId: string; version: number }, now: Date): { content: string; exp: number } {
  if (!card.familyId.startsWith(FAMILY_PREFIX)) throw new Error(`not a family id: ${card.familyId}`);
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + CARD_TOKEN_TTL_SECONDS;
  const family = base32(Buffer.from(card.familyId.slice(FAMILY_PREFIX.length), 'utf8'));
  const body = [CARD_CODE_PREFIX, family, card.version.toString(36), iat.toString(36), exp.toString(36)].join('.').toUpperCase();
  return { content: `${body}.${mac(key, body)}`, exp };
}

/**
 * Reads a code strictly: the exact format, the signature (compared in constant time), then the
 * times: not issued in the future, not past its expiry, and no longer-lived than codes are issued.
 * The caller checks the version and status against the stored card.
 */
export function readCardCode(key: Uint8Array, content: string, now: Date): CardCodeClaims {
  const code = content.trim().toUpperCase();
  const match = CARD_CODE_PATTERN.exec(code);
  if (!match) throw new InvalidCardCodeError('malformed');
  const [, family, version, iat, exp, given] = match as unknown as [string, string, string, string, string, string];
  const body = code.slice(0, code.length - given.length - 1);
  const expected = Buffer.from(mac(key, body));
  if (!timingSafeEqual(expected, Buffer.from(given))) throw new InvalidCardCodeError('signature');
  const suffix = unbase32(family);
  const claims = CardCodeClaims.safeParse({
    familyId: suffix ? FAMILY_PREFIX + suffix.toString('utf8') : '',
    version: parseInt(version, 36),
    iat: parseInt(iat, 36),
    exp: parseInt(exp, 36),
  });
  // Signed by us yet unreadable or not a shape we issue: refuse rather than guess.
  if (!claims.success || claims.data.exp <= claims.data.iat || claims.data.exp - claims.data.iat > CARD_TOKEN_TTL_SECONDS) {
    throw new InvalidCardCodeError('malformed');
  }
  const seconds = Math.floor(now.getTime() / 1000);
  if (claims.data.iat > seconds + CARD_CODE_CLOCK_SKEW_SECONDS) throw new InvalidCardCodeError('notYetValid');
  if (seconds >= claims.data.exp) throw new InvalidCardCodeError('expired');
  return claims.data;
}

/** The service card's QR content, signed with the card key. */
export async function issueCardQr(card: { familyId: string; version: number }, now: Date) {
  const { content, exp } = signCardCode(await getCardKey(), card, now);
  return { content, expiresAt: toBeijingIso(new Date(exp * 1000)) };
}

/** Verifies a scanned code with the card key at `now`, the request's time. */
export async function verifyCardQr(content: string, now: Date): Promise<CardCodeClaims> {
  return readCardCode(await getCardKey(), content, now);
}
