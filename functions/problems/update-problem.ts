import { beijingDate, ProblemPath, ProblemUpdateBody, type Problem, toBeijingIso } from '../../domain';
import { changedProblemPart, getProblem, problemItem } from '../lib/db/problems';
import { transact } from '../lib/db/transact';
import { badRequest, conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { overseesProblem, responsiblePerson } from './scope';
import { problemView } from './views';

/**
 * Change an open problem's measures, deadline or people. The editor sends the version they saw;
 * the write is conditional on it, so of two officers editing at once the second is told to reload
 * and nothing the first wrote is lost. A rectified problem is closed: its record stands.
 */
export const handler = routeHandler('problems.update', { path: ProblemPath, body: ProblemUpdateBody }, async ({ path, body, principal, now }) => {
  const current = await getProblem(path.problemId);
  if (!current) throw notFound('没有找到这个问题，可能已被删除');
  if (!overseesProblem(principal, current)) throw forbidden('这个问题不在您的辖区');
  if (current.status !== 'open') throw conflict('这个问题已经整改完成，不能再修改');
  if (body.version !== current.version) throw conflict('刚才有其他人修改了这个问题，请刷新后再试');
  const today = beijingDate(now);
  if (body.deadline < today && body.deadline !== current.deadline) throw badRequest('整改时限填写不正确', { 'body.deadline': '新的整改时限不能早于今天' });
  const responsible =
    body.responsiblePersonId === current.responsiblePersonId ? { name: current.responsibleName } : await responsiblePerson(body.responsiblePersonId, current);
  const item = problemItem({
    ...current,
    area: body.area,
    description: body.description,
    responsibleUnit: body.responsibleUnit,
    leaderName: body.leaderName,
    responsiblePersonId: body.responsiblePersonId,
    responsibleName: responsible.name,
    measures: body.measures,
    deadline: body.deadline,
    updatedAt: toBeijingIso(now),
    version: current.version + 1,
  });
  await transact([changedProblemPart(item)], { refusals: { problem: () => conflict('刚才有其他人修改了这个问题，请刷新后再试') } });
  const response: Problem = problemView(item, today);
  return { body: response };
});
