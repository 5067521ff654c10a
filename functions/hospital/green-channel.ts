import { CARD_CODE_EXPIRED, CARD_CODE_INVALID, SERVICE_CARD, type CardCodeClaims, type Principal } from '../../domain';
import { InvalidCardCodeError, verifyCardQr } from '../lib/auth/card-code';
import { InvalidTicketError, verifyPresentedTicket } from '../lib/auth/presented-ticket';
import type { CountPlace } from '../lib/db/green-channel';
import type { BookingItem } from '../lib/db/booking/bookings';
import { batchGetAll } from '../lib/db/batch';
import type { InstitutionItem } from '../lib/db/booking/sessions';
import type { FamilyProfileItem, PersonItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
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

/**
 * Format, signature and times (at the request's time) of a card code. Staff are told only
 * "invalid" or "expired": which check failed helps a forger, not the nurse.
 */
export async function verifyCardToken(token: string, now: Date): Promise<CardCodeClaims> {
  try {
    return await verifyCardQr(token, now);
  } catch (err) {
    if (!(err instanceof InvalidCardCodeError)) throw err;
    if (err.reason === 'expired') throw badRequest(`${CARD_CODE_EXPIRED}，请对方在手机上重新打开${SERVICE_CARD}页面后再扫`, { token: CARD_CODE_EXPIRED });
    throw badRequest(`${CARD_CODE_INVALID}，请核对实体卡`, { token: CARD_CODE_INVALID });
  }
}

/** The card must still be the family's current, active card (not revoked or reissued). */
export function assertCardCurrent(claims: CardCodeClaims, profile: FamilyProfileItem | undefined): FamilyProfileItem {
  if (!profile) throw badRequest(`${CARD_CODE_INVALID}，请核对实体卡`, { token: CARD_CODE_INVALID });
  if (profile.card.status !== 'active' || profile.card.version !== claims.version) {
    throw badRequest(`这张${SERVICE_CARD}已挂失或已补办，请使用新卡`, { token: `${SERVICE_CARD}已失效` });
  }
  return profile;
}

/** The family a window lookup found (its ticket); the records of a walk-in need one. */
export async function presentedFamily(ticket: string, staffId: string, now: Date): Promise<string> {
  try {
    return await verifyPresentedTicket(ticket, staffId, now);
  } catch (err) {
    if (!(err instanceof InvalidTicketError)) throw err;
    const message = err.reason === 'expired' ? '查找已过时，请重新查找患者家庭' : '查找凭证无效，请重新查找患者家庭';
    throw badRequest(message, { 'body.presentedTicket': message });
  }
}

/**
 * What a record at the window needs, in one BatchGet: the family its lookup found (the ticket), the
 * caller's institution and the caller, and the member being served.
 */
export async function windowRecordContext(input: { ticket: string; staffId: string; institutionId: string; memberId: string }, now: Date) {
  const familyId = await presentedFamily(input.ticket, input.staffId, now);
  const items = await batchGetAll<FamilyProfileItem | InstitutionItem | PersonItem>([keys.familyProfile(familyId), keys.institution(input.institutionId), keys.person(input.staffId)]);
  const profile = items.find((i): i is FamilyProfileItem => i.entity === 'family');
  const institution = items.find((i): i is InstitutionItem => i.entity === 'institution');
  const staff = items.find((i): i is PersonItem => i.entity === 'person');
  if (!profile || !institution || !staff) throw notFound('没有找到这户家庭或本院的信息，请重新查找');
  const member = profile.members.find((m) => m.personId === input.memberId);
  if (!member) throw badRequest('请选择这户家庭的成员', { 'body.memberId': '不是这户家庭的成员' });
  return { familyId, profile, institution, staff, member };
}

/** Where a green-channel event counts: the family's township, the institution that served it. */
export function countPlace(profile: Pick<FamilyProfileItem, 'countyId' | 'townshipId' | 'townshipName'>, institution: { institutionId: string; institutionName: string }): CountPlace {
  return { countyId: profile.countyId, townshipId: profile.townshipId, townshipName: profile.townshipName, ...institution };
}
