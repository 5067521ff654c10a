import * as z from './zod';
import { FamilyId, IsoDate } from './common';

/**
 * The service card's QR code carries `LXCARD1.<JWS>`: a compact JWS (HS256, header typ
 * `lianxin-card+jwt`) with the claims below. Hospital staff scan it and the server verifies the
 * signature, expiry, audience and that `ver` still equals the card's current version (a revoked or
 * reissued card bumps it). The format is fixed here; the verification route comes with booking.
 */
export const CARD_QR_PREFIX = 'LXCARD1.';
export const CARD_TOKEN_TYPE = 'lianxin-card+jwt';
export const CARD_TOKEN_AUDIENCE = 'lianxin:green-channel';
export const CARD_TOKEN_ISSUER = 'lianxin';
/** Short enough that a photo of the screen is soon useless, long enough for a queue. */
export const CARD_TOKEN_TTL_SECONDS = 15 * 60;

export const CardTokenClaims = z.object({
  iss: z.literal(CARD_TOKEN_ISSUER),
  aud: z.literal(CARD_TOKEN_AUDIENCE),
  /** Family id. */
  sub: FamilyId,
  /** Card number printed on the physical card. */
  cno: z.string(),
  /** Card version; the server rejects tokens of an older version. */
  ver: z.number(),
  iat: z.number(),
  exp: z.number(),
  jti: z.string(),
});
export type CardTokenClaims = z.infer<typeof CardTokenClaims>;

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
