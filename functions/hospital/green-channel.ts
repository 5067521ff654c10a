import type { CardTokenClaims, Principal } from '../../domain';
import { InvalidTokenError, verifyCardQr } from '../lib/auth/tokens';
import type { BookingItem } from '../lib/db/booking/bookings';
import type { FamilyProfileItem } from '../lib/db/items';
import { badRequest, forbidden, notFound } from '../lib/http/errors';

/** Shared checks of the hospital routes. Not a handler. */

/** The institution the caller works at; hospital staff without one see nothing. */
export function callerInstitution(principal: Principal): string {
  if (!principal.orgId) throw forbidden('您的账号没有关联医疗机构，请联系卫健委');
  return principal.orgId;
}

/** A hospital sees only bookings at its own institution; another's reads as not found. */
export function assertOwnBooking(booking: BookingItem | undefined, institutionId: string): BookingItem {
  if (!booking || booking.institutionId !== institutionId) throw notFound('本院没有这个预约');
  return booking;
}

/** Signature, expiry (at the request's time) and audience of a card token. */
export async function verifyCardToken(token: string, now: Date): Promise<CardTokenClaims> {
  try {
    return await verifyCardQr(token.trim(), now);
  } catch (err) {
    if (!(err instanceof InvalidTokenError)) throw err;
    if (err.reason === 'expired') throw badRequest('服务卡二维码已过期，请对方在手机上刷新服务卡页面后再扫', { token: '二维码已过期' });
    throw badRequest('这不是有效的连心服务卡二维码，请核对实体卡', { token: '二维码无效' });
  }
}

/** The card must still be the family's current, active card (not revoked or reissued). */
export function assertCardCurrent(claims: CardTokenClaims, profile: FamilyProfileItem | undefined): FamilyProfileItem {
  if (!profile) throw badRequest('这不是有效的连心服务卡二维码，请核对实体卡', { token: '找不到这张卡' });
  if (profile.card.status !== 'active' || profile.card.version !== claims.ver || profile.card.cardNo !== claims.cno) {
    throw badRequest('这张服务卡已挂失或已补办，请使用新卡', { token: '服务卡已失效' });
  }
  return profile;
}
