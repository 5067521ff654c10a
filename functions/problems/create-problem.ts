import { beijingDate, ProblemCreateBody, type Problem, toBeijingIso } from '../../domain';
import { getPerson } from '../lib/db/persons';
import { newProblemId, newProblemPart, problemItem } from '../lib/db/problems';
import { transact } from '../lib/db/transact';
import { badRequest, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { familiesOf, responsiblePerson, townshipInScope } from './scope';
import { problemView } from './views';

/**
 * Raise a problem. Everything is checked before anything is written: the township is the
 * officer's, the deadline is not already past, the responsible person works there, the families
 * named are of that township. Then ONE transaction: the problem and the Idempotency-Key marker, so a
 * retried tap raises it once. Reads: the township (Query, Limit 1), the responsible person and the
 * officer (GetItems), the families (one BatchGet).
 */
export const handler = routeHandler('problems.create', { body: ProblemCreateBody }, async ({ body, principal, now, idempotency }) => {
  const today = beijingDate(now);
  if (body.deadline < today) throw badRequest('整改时限填写不正确', { 'body.deadline': '整改时限不能早于今天' });
  const where = await townshipInScope(principal, body.townshipId);
  const [responsible, families, officer] = await Promise.all([
    responsiblePerson(body.responsiblePersonId, { countyId: where.countyId, townshipId: body.townshipId }),
    familiesOf(body.familyIds, body.townshipId),
    getPerson(principal.personId),
  ]);
  if (!officer) throw notFound('没有找到您的信息，请重新登录');
  const at = toBeijingIso(now);
  const item = problemItem({
    problemId: newProblemId(now),
    countyId: where.countyId,
    townshipId: body.townshipId,
    townshipName: where.townshipName,
    area: body.area,
    description: body.description,
    responsibleUnit: body.responsibleUnit,
    leaderName: body.leaderName,
    responsiblePersonId: body.responsiblePersonId,
    responsibleName: responsible.name,
    measures: body.measures,
    deadline: body.deadline,
    status: 'open',
    ...(body.gap ? { gap: body.gap } : {}),
    families,
    raisedById: principal.personId,
    raisedByName: officer.name,
    raisedAt: at,
    updatedAt: at,
    version: 1,
  });
  const response: Problem = problemView(item, today);
  await transact([newProblemPart(item), ...idempotency.marker(response, 201)]);
  return { status: 201, body: response };
});
