import { PageQuery, type InboxResponse } from '../../domain';
import { keys } from '../lib/db/keys';
import { getStaffTeamIds } from '../lib/db/signing';
import { staffInbox, type InboxCursor } from '../lib/db/messaging/inbox';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { withheldConsultations } from '../lib/messaging/consultation-access';
import { inboxItems } from '../lib/messaging/views';

/**
 * One inbox for contact persons and doctors: waiting threads first (urgent, then longest waiting;
 * an overdue consultation first of all), then the rest, newest first, 30 a page, each with the
 * family's name, village and the main member's age. A contact person's inbox is ONE Query of GSI1
 * INBOX#<caller>. A doctor's is the consultation inbox of their team (INBOX#TEAM#<teamId>, which
 * every member of the team reads and answers): one key-only Query for the caller's teams, then one
 * Query per team (a doctor on two teams, like a village doctor serving two townships, gets both).
 * A page showing closed consultations adds one BatchGet of their members' consent: without it the
 * team no longer sees a closed consultation's subject or text (domain/policy/health-access.ts).
 */
export const handler = routeHandler('messaging.staffInbox', { query: PageQuery }, async ({ query, principal, now }) => {
  let partitions = [keys.inboxPk(principal.personId)];
  if (principal.role === 'doctor') {
    const teams = await getStaffTeamIds(principal.personId);
    if (teams.length) partitions = teams.map((t) => keys.teamInboxPk(t));
  }
  const page = await staffInbox(partitions, decodeInboxCursor(query.cursor, partitions));
  const items = inboxItems(page.items, now, await withheldConsultations(page.items, now));
  const nextCursor = page.nextCursor;
  const body: InboxResponse = {
    items,
    unreadTotal: items.reduce((n, i) => n + i.unread, 0),
    ...(nextCursor ? { nextCursor: Buffer.from(JSON.stringify(nextCursor)).toString('base64url') } : {}),
  };
  return { body };
});

/** Only the caller's own partitions, and keys of thread items: anything else is a 400 before DynamoDB sees it. */
function decodeInboxCursor(cursor: string | undefined, partitions: string[]): InboxCursor | undefined {
  if (!cursor) return undefined;
  const invalid = () => badRequest('翻页标记无效，请从第一页重新查看', { 'query.cursor': '翻页标记无效' });
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) throw invalid();
  for (const [pk, v] of entries) {
    if (!partitions.includes(pk)) throw invalid();
    if (v === null || v === 'done') continue;
    const ok =
      Array.isArray(v) &&
      v.length === 3 &&
      v.every((x) => typeof x === 'string') &&
      (v[0] as string).startsWith('THREAD#') &&
      (v[1] === '~META' || v[1] === '~INBOX') &&
      /^(A0|A1|B)#/.test(v[2] as string);
    if (!ok) throw invalid();
  }
  return value as InboxCursor;
}
