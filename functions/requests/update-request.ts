import { beijingDate, canMoveRequest, RequestPath, requestStatusLabels, RequestUpdateBody } from '../../domain';
import { getPerson } from '../lib/db/persons';
import { getRequest, updateRequestStatus } from '../lib/db/requests';
import { TransactionRefused } from '../lib/db/transact';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { toRequestEntry } from './views';

/**
 * A contact person of the family (the scope check) or commission staff move a request on. The
 * change applies only to the version the caller saw: a stale or impossible change is 409 and
 * nothing is written.
 */
export const handler = routeHandler('requests.update', { path: RequestPath, body: RequestUpdateBody }, async ({ path, body, principal, now }) => {
  if (body.status === 'referred' && !body.department) throw badRequest('请填写转交的部门', { 'body.department': '请填写转交的部门' });
  if (body.status === 'declined' && !body.reason) throw badRequest('请写明不能办理的原因', { 'body.reason': '请写明原因' });
  const [item, person] = await Promise.all([getRequest(path.familyId, path.requestId), getPerson(principal.personId)]);
  if (!item) throw notFound('没有找到这条诉求');
  if (!person) throw notFound('没有找到您的信息，请重新登录');
  if (item.version !== body.version) throw conflict('这条诉求刚刚有了新进展，请刷新后再操作');
  if (!canMoveRequest(item.status, body.status)) throw conflict(`这条诉求${requestStatusLabels[item.status]}，不能再改为“${requestStatusLabels[body.status]}”`);
  try {
    const updated = await updateRequestStatus(
      item,
      { status: body.status, note: body.note, department: body.status === 'referred' ? body.department : undefined, reason: body.status === 'declined' ? body.reason : undefined, byName: person.name },
      now,
    );
    return { body: toRequestEntry(updated, beijingDate(now)) };
  } catch (err) {
    if (err instanceof TransactionRefused) throw conflict('这条诉求刚刚有了新进展，请刷新后再操作');
    throw err;
  }
});
