import { addDays, beijingDate, FamilyPath, REQUEST_DEFAULT_DUE_DAYS, REQUEST_MAX_DUE_DAYS, RequestCreateBody } from '../../domain';
import { getFamilyRecord } from '../lib/db/families';
import { getPerson } from '../lib/db/persons';
import { requestCreation } from '../lib/db/requests';
import { transact, TransactionRefused } from '../lib/db/transact';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { toRequestEntry } from './views';

const MAX_ATTEMPTS = 3;

/**
 * A family member, or one of the family's contact persons, raises a request. It goes to the
 * family's contact person at once (functions/lib/db/requests.ts), in one transaction with the
 * Idempotency-Key's answer, so a retry gets the first answer and writes nothing new.
 */
export const handler = routeHandler('requests.create', { path: FamilyPath, body: RequestCreateBody }, async ({ path, body, principal, now, idempotency }) => {
  const today = beijingDate(now);
  const dueDate = body.dueDate ?? addDays(today, REQUEST_DEFAULT_DUE_DAYS);
  if (dueDate < today) throw badRequest('希望办结的日期不能早于今天', { 'body.dueDate': '不能早于今天' });
  if (dueDate > addDays(today, REQUEST_MAX_DUE_DAYS)) throw badRequest(`希望办结的日期最多在 ${REQUEST_MAX_DUE_DAYS} 天以内`, { 'body.dueDate': '日期太远' });

  for (let attempt = 1; ; attempt++) {
    const [record, person] = await Promise.all([getFamilyRecord(path.familyId), getPerson(principal.personId)]);
    if (!record) throw notFound('没有找到这户家庭');
    if (!person) throw notFound('没有找到您的信息，请重新登录');
    const { item, parts } = requestCreation(
      { profile: record.profile, contacts: record.contacts, category: body.category, text: body.text, dueDate, raisedBy: { personId: person.personId, name: person.name, role: principal.role === 'member' ? 'family' : 'staff' } },
      now,
    );
    const response = toRequestEntry(item, today);
    try {
      await transact([...parts, ...idempotency.marker(response, 201)]);
      return { status: 201, body: response };
    } catch (err) {
      // The contact changed hands in between: read the contacts again.
      if (!(err instanceof TransactionRefused) || !err.has('assignee')) throw err;
      if (attempt < MAX_ATTEMPTS) continue;
      throw conflict('这户家庭的联系人刚刚有变动，请稍后再提交');
    }
  }
});
