import { createHmac, timingSafeEqual } from 'node:crypto';
import { PRESENTED_TICKET_TTL_SECONDS } from '../../../domain';
import { getCardKey } from '../crypto/secrets';

/**
 * Proof that hospital staff found a family at their window (card code, card number, or name and
 * ID digits): what lets them record a walk-in or an emergency admission for it. Bound to the staff
 * member, so it cannot be passed to another, and short-lived.
 *
 *   WT1.<staffId>.<familyId>.<iat base36>.<exp base36>.<mac>
 *
 * mac: HMAC-SHA256 over everything before it, with the card key (the hospital's functions hold it
 * already, so none needs the secret that mints session tokens), base64url. A plain HMAC rather than
 * a JWT: jose would put ~20 KiB into each of the window's function bundles.
 */
const PREFIX = 'WT1';
/** Clocks of the Lambda fleet may differ by a little. */
const SKEW_SECONDS = 60;

export class InvalidTicketError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(`presented ticket ${reason}`);
  }
}

const mac = (key: Uint8Array, body: string) => createHmac('sha256', key).update(body).digest('base64url');

export async function issuePresentedTicket(staffId: string, familyId: string, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const body = [PREFIX, staffId, familyId, iat.toString(36), (iat + PRESENTED_TICKET_TTL_SECONDS).toString(36)].join('.');
  return `${body}.${mac(await getCardKey(), body)}`;
}

/** The family the ticket names, if it is this staff member's and current at `now` (the request's time). */
export async function verifyPresentedTicket(ticket: string, staffId: string, now: Date): Promise<string> {
  const parts = ticket.split('.');
  if (parts.length !== 6 || parts[0] !== PREFIX) throw new InvalidTicketError('invalid');
  const [, staff, familyId, iatText, expText, given] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(mac(await getCardKey(), parts.slice(0, 5).join('.')));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new InvalidTicketError('invalid');
  if (staff !== staffId) throw new InvalidTicketError('invalid');
  const iat = parseInt(iatText, 36);
  const exp = parseInt(expText, 36);
  const nowS = Math.floor(now.getTime() / 1000);
  if (!(iat <= nowS + SKEW_SECONDS) || exp - iat !== PRESENTED_TICKET_TTL_SECONDS) throw new InvalidTicketError('invalid');
  if (nowS >= exp) throw new InvalidTicketError('expired');
  return familyId;
}
