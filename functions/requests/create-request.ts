import { addDays, beijingDate, FamilyPath, REQUEST_DEFAULT_DUE_DAYS, REQUEST_MAX_DUE_DAYS, RequestCreateBody, type RequestEntry } from '../../domain';
import { getFamilyRecord } from '../lib/db/families';
import { idempotencyKey } from '../lib/db/idempotency';
import { getPerson } from '../lib/db/persons';
import { createRequest, getRequest, requestIdFor, RequestWriteFailedError, toRequestEntry } from '../lib/db/requests';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

const MAX_ATTEMPTS = 3;

/**
 * A family member, or one of the family's contact persons, raises a request. It goes to the
 * family's contact person at once (functions/lib/db/requests.ts). With an Idempotency-Key the id
 * is derived from the key, so a retry finds the request it made and writes nothing new.
 */
export const handler = routeHandler('requests.create', { path: FamilyPath, body: RequestCreateBody }, async ({ path, body, principal, now, headers }) => {
  const today = beijingDate(now);
  const dueDate = body.dueDate ?? addDays(today, REQUEST_DEFAULT_DUE_DAYS);
  if (dueDate < today) throw badRequest('希望办结的日期不能早于今天', { 'body.dueDate': '不能早于今天' });
  if (dueDate > addDays(today, REQUEST_MAX_DUE_DAYS)) throw badRequest(`希望办结的日期最多在 ${REQUEST_MAX_DUE_DAYS} 天以内`, { 'body.dueDate': '日期太远' });
  const requestId = requestIdFor(principal.personId, idempotencyKey(headers));

  const retried = async (): Promise<{ status: number; body: RequestEntry }> => {
    const existing = await getRequest(path.familyId, requestId);
    if (!existing) throw conflict('诉求没有提交成功，请稍后再试');
    if (existing.text !== body.text || existing.category !== body.category) throw conflict('这次提交与之前使用的是同一个请求编号，但内容不同，请刷新后重试');
    return { status: 200, body: toRequestEntry(existing, today) };
  };
  if (await getRequest(path.familyId, requestId)) return retried();

  for (let attempt = 1; ; attempt++) {
    const [record, person] = await Promise.all([getFamilyRecord(path.familyId), getPerson(principal.personId)]);
    if (!record) throw notFound('没有找到这户家庭');
    if (!person) throw notFound('没有找到您的信息，请重新登录');
    try {
      const item = await createRequest(
        { requestId, profile: record.profile, contacts: record.contacts, category: body.category, text: body.text, dueDate, raisedBy: { personId: person.personId, name: person.name, role: principal.role === 'member' ? 'family' : 'staff' } },
        now,
      );
      return { status: 201, body: toRequestEntry(item, today) };
    } catch (err) {
      if (!(err instanceof RequestWriteFailedError)) throw err;
      // The request itself already exists: a concurrent retry won.
      if (err.reasons[0] === 'ConditionalCheckFailed') return retried();
      // The contact changed hands in between: read the contacts again.
      if (attempt < MAX_ATTEMPTS) continue;
      throw conflict('这户家庭的联系人刚刚有变动，请稍后再提交');
    }
  }
});
