import { type ActedBy, addDays, beijingDate, REQUEST_DEFAULT_DUE_DAYS, REQUEST_MAX_DUE_DAYS, type RequestCreateBody, type RequestEntry } from '../../domain';
import { getFamilyRecord } from '../lib/db/families';
import { requestCreation } from '../lib/db/requests';
import { transact, TransactionRefused, type Part } from '../lib/db/transact';
import { actingRefusals } from '../lib/http/acting';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import type { Idempotency } from '../lib/http/idempotency';
import { toRequestEntry } from './views';

const MAX_ATTEMPTS = 3;

/** The due date asked for, or the default; a date in the past or too far off is refused before anything is read. */
export function requestDueDate(body: RequestCreateBody, now: Date): string {
  const today = beijingDate(now);
  const dueDate = body.dueDate ?? addDays(today, REQUEST_DEFAULT_DUE_DAYS);
  if (dueDate < today) throw badRequest('希望办结的日期不能早于今天', { 'body.dueDate': '不能早于今天' });
  if (dueDate > addDays(today, REQUEST_MAX_DUE_DAYS)) throw badRequest(`希望办结的日期最多在 ${REQUEST_MAX_DUE_DAYS} 天以内`, { 'body.dueDate': '日期太远' });
  return dueDate;
}

/**
 * Raises a request (诉求) for a family, from a member, a contact person, or staff acting for the
 * family: it goes to the family's contact person at once (functions/lib/db/requests.ts), in one
 * transaction with the Idempotency-Key's answer (and the acting parts), so a retry gets the first
 * answer and writes nothing new. Not a handler.
 */
export async function runRequestCreation(req: {
  familyId: string;
  body: RequestCreateBody;
  dueDate: string;
  raisedBy: { personId: string; name: string; role: 'family' | 'staff' };
  actedBy?: ActedBy;
  extra?: Part[];
  now: Date;
  idempotency: Idempotency;
}): Promise<{ status: number; body: RequestEntry }> {
  const { body, now } = req;
  const today = beijingDate(now);
  for (let attempt = 1; ; attempt++) {
    const record = await getFamilyRecord(req.familyId);
    if (!record) throw notFound('没有找到这户家庭');
    const { item, parts } = requestCreation(
      { profile: record.profile, contacts: record.contacts, category: body.category, text: body.text, dueDate: req.dueDate, raisedBy: req.raisedBy, actedBy: req.actedBy },
      now,
    );
    const response = toRequestEntry(item, today);
    try {
      await transact([...parts, ...(req.extra ?? []), ...req.idempotency.marker(response, 201)], { refusals: actingRefusals });
      return { status: 201, body: response };
    } catch (err) {
      // The contact changed hands in between: read the contacts again.
      if (!(err instanceof TransactionRefused) || !err.has('assignee')) throw err;
      if (attempt < MAX_ATTEMPTS) continue;
      throw conflict('这户家庭的联系人刚刚有变动，请稍后再提交');
    }
  }
}
