import * as z from './zod';
import { FamilyId, IsoDate } from './common';

/**
 * The one name of the service card wherever a user reads it. The seeds' county rules say 发放就医服务卡
 * (the card the contact hands out); 《优先医疗服务证》 in another county is a paper certificate, and
 * what the family shows here is a card with a QR code, so the card's name is 就医服务卡. The import
 * column keeps its own label (服务卡号) derived from it.
 */
export const SERVICE_CARD = '就医服务卡';
/** Names the card went by before; `test/unit/card-name.test.ts` keeps them out of what users see. */
export const FORMER_SERVICE_CARD_NAMES = ['特殊家庭优先服务卡', '优先医疗服务证', '服务证'] as const;

/**
 * The service card's QR carries a compact signed code, sized for an old phone camera in a hospital
 * queue (a JWS was 331 characters, a dense version-12 code):
 *
 *   LX1.<family>.<version>.<iat>.<exp>.<mac>
 *
 * - family: the family id without its `f_` prefix, RFC 4648 base32 (no padding) of its bytes, since
 *   ids are case-sensitive and the QR alphanumeric set has no lower case;
 * - version: the card's version in base36; a revoked or reissued card bumps it, so older codes fail;
 * - iat, exp: issued-at and expiry, Unix seconds in base36;
 * - mac: the first 96 bits of HMAC-SHA256 over everything before it (prefix included), base32, with
 *   a key of its own held only server-side (`getCardKey`). 96 bits cannot be guessed online, and a
 *   code lives for minutes.
 *
 * Every character is in the QR alphanumeric set (A-Z, 0-9, '.'), so the code is drawn in that mode:
 * ~50 characters give a 29-module (version 3) code instead of 65 modules.
 */
export const CARD_CODE_PREFIX = 'LX1';
export const CARD_CODE_MAC_CHARS = 20;
export const CARD_CODE_PATTERN = /^LX1\.([A-Z2-7]{2,72})\.([0-9A-Z]{1,4})\.([0-9A-Z]{1,8})\.([0-9A-Z]{1,8})\.([A-Z2-7]{20})$/;
/** Short enough that a photo of the screen is soon useless, long enough for a queue. */
export const CARD_TOKEN_TTL_SECONDS = 15 * 60;
/** Clock difference between the phone's server clock and the hospital's tolerated for `iat`. */
export const CARD_CODE_CLOCK_SKEW_SECONDS = 60;

export const CARD_CODE_EMPTY = '请扫描或粘贴服务卡二维码';
export const CARD_CODE_INVALID = '服务卡二维码无效';
export const CARD_CODE_EXPIRED = '服务卡二维码已过期';

/**
 * What a hospital may send as a card code: trimmed and upper-cased (a typed or pasted code may come
 * in lower case; the format has none), and refused plainly when it is not a card code at all.
 */
export const CardCode = z.string().check(
  z.trim(),
  z.toUpperCase(),
  z.minLength(1, CARD_CODE_EMPTY),
  z.maxLength(200, CARD_CODE_INVALID),
  z.regex(CARD_CODE_PATTERN, CARD_CODE_INVALID),
);

export const CardCodeClaims = z.object({
  familyId: FamilyId,
  /** Card version; the server rejects codes of an older version. */
  version: z.number(),
  iat: z.number(),
  exp: z.number(),
});
export type CardCodeClaims = z.infer<typeof CardCodeClaims>;

export const CardStatus = z.enum(['active', 'revoked']);
export type CardStatus = z.infer<typeof CardStatus>;

export const ServiceCardResponse = z.object({
  familyId: FamilyId,
  cardNo: z.string(),
  holders: z.array(z.object({ name: z.string(), relation: z.string() })),
  issuedOn: IsoDate,
  issuer: z.string(),
  status: CardStatus,
  /** Present only while the card is active. */
  qr: z.optional(z.object({ content: z.string(), expiresAt: z.string() })),
  priorities: z.array(z.string()),
  /** When and by whom the card was put into the family's hands (lifecycle.handOverCard); absent until then. */
  handedOver: z.optional(z.object({ on: IsoDate, byName: z.string() })),
});
export type ServiceCardResponse = z.infer<typeof ServiceCardResponse>;

/** The "五个优先" and the other green-channel promises printed on the card. */
export const greenChannelPriorities = [
  '优先挂号',
  '优先就诊',
  '优先转诊',
  '优先取药',
  '优先缴费',
  '导诊陪诊服务',
  '急诊不延误、优先安排床位',
] as const;
