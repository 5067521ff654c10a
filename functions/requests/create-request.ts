import { FamilyPath, RequestCreateBody } from '../../domain';
import { getPerson } from '../lib/db/persons';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { requestDueDate, runRequestCreation } from './create-core';

/**
 * A family member, or one of the family's contact persons, raises a request; it goes to the
 * family's contact person at once, with the Idempotency-Key's answer in the same transaction
 * (functions/requests/create-core.ts).
 */
export const handler = routeHandler('requests.create', { path: FamilyPath, body: RequestCreateBody }, async ({ path, body, principal, now, idempotency }) => {
  const dueDate = requestDueDate(body, now);
  const person = await getPerson(principal.personId);
  if (!person) throw notFound('没有找到您的信息，请重新登录');
  return runRequestCreation({
    familyId: path.familyId,
    body,
    dueDate,
    raisedBy: { personId: person.personId, name: person.name, role: principal.role === 'member' ? 'family' : 'staff' },
    now,
    idempotency,
  });
});
