import { FamilyPath, requestCategoryLabels, RequestCreateBody } from '../../domain';
import { actFor } from '../lib/http/acting';
import { routeHandler } from '../lib/http/route-handler';
import { requestDueDate, runRequestCreation } from '../requests/create-core';

/**
 * Staff raise a request (诉求) on the family's behalf: the acting checks (one BatchGet), then the
 * family's own request (functions/requests/create-core.ts: the contacts' Query, one transaction with
 * the Idempotency-Key's answer) with the acting parts.
 */
export const handler = routeHandler('acting.createRequest', { path: FamilyPath, body: RequestCreateBody }, async ({ path, body, principal, now, idempotency }) => {
  const dueDate = requestDueDate(body, now);
  const acting = await actFor(principal, { familyId: path.familyId });
  const { actedBy } = acting;
  return runRequestCreation({
    familyId: path.familyId,
    body,
    dueDate,
    raisedBy: { personId: actedBy.staffId, name: actedBy.name, role: 'staff' },
    actedBy,
    extra: acting.parts({ action: 'request', detail: requestCategoryLabels[body.category], page: 'packages/requests/family/index', now }),
    now,
    idempotency,
  });
});
