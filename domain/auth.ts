import * as z from './zod';
import { FamilyId, IdLast6, MobilePhone, PersonId, PersonName, RegionId } from './common';
import { CommissionLevel, ContactLevel, Role } from './roles';
import { Consent } from './privacy';

export const WechatLoginRequest = z.strictObject({
  code: z.string().check(z.minLength(1, '缺少微信登录凭证'), z.maxLength(128, '微信登录凭证过长'), z.regex(/^[A-Za-z0-9_-]+$/, '微信登录凭证格式不正确')),
});
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>;

export const Me = z.object({
  personId: PersonId,
  name: z.string(),
  role: Role,
  contactLevel: z.optional(ContactLevel),
  commissionLevel: z.optional(CommissionLevel),
  familyId: z.optional(FamilyId),
  regionId: z.optional(RegionId),
  organisation: z.optional(z.string()),
  /** Hospital staff: the institution they work at (its id names the institution's routes). */
  orgId: z.optional(z.string()),
  title: z.optional(z.string()),
  consent: z.nullable(Consent),
});
export type Me = z.infer<typeof Me>;

export const Session = z.object({
  token: z.string(),
  /** When the token stops working; the client refreshes before this. */
  expiresAt: z.string(),
  me: Me,
});
export type Session = z.infer<typeof Session>;

export const WechatLoginResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('bound'), session: Session }),
  z.object({
    status: z.literal('unbound'),
    /** Carries the WeChat identity to the binding step; the code itself is single-use. */
    bindTicket: z.string(),
    bindTicketExpiresAt: z.string(),
  }),
]);
export type WechatLoginResponse = z.infer<typeof WechatLoginResponse>;

export const BindRequest = z.strictObject({
  bindTicket: z.string().check(z.minLength(1, '请重新登录'), z.maxLength(2048, '登录凭证无效')),
  name: PersonName,
  idLast6: IdLast6,
  phone: MobilePhone,
});
export type BindRequest = z.infer<typeof BindRequest>;

export const BindResponse = z.object({ session: Session });
export type BindResponse = z.infer<typeof BindResponse>;

/** What the authorizer puts in the request context; all values are strings (API Gateway's rule). */
export const Principal = z.object({
  personId: PersonId,
  role: Role,
  familyId: z.optional(FamilyId),
  level: z.optional(z.union([ContactLevel, CommissionLevel])),
  regionId: z.optional(RegionId),
  orgId: z.optional(z.string()),
});
export type Principal = z.infer<typeof Principal>;

export const TOKEN_TTL_SECONDS = 30 * 60;
export const BIND_TICKET_TTL_SECONDS = 10 * 60;
export const BIND_ATTEMPTS_PER_HOUR = 5;

/**
 * Wrong proofs against one identity (a registered person, or a phone number) are limited however
 * many WeChat accounts they come from: this many an hour, then the identity is locked, and a lock
 * that follows an earlier one within BIND_LOCK_MEMORY_SECONDS lasts a day instead of an hour.
 */
export const BIND_WRONG_PER_TARGET_PER_HOUR = 5;
export const BIND_LOCK_SECONDS = 3600;
export const BIND_REPEAT_LOCK_SECONDS = 24 * 3600;
export const BIND_LOCK_MEMORY_SECONDS = 7 * 24 * 3600;
