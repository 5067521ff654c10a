import { beijingDate, ProblemPath, ProblemRectifyBody, type Problem, toBeijingIso } from '../../domain';
import { getPerson } from '../lib/db/persons';
import { changedProblemPart, getProblem, problemItem } from '../lib/db/problems';
import { transact } from '../lib/db/transact';
import { conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { overseesProblem } from './scope';
import { problemView } from './views';

/**
 * Record that a problem was put right, with what was done (整改情况) as its evidence. The
 * responsible person does this, or a commission officer over the township (who often writes up
 * the rectification after checking it). Version-checked like an edit; a rectified problem stays
 * in the ledger and the report counts it.
 */
export const handler = routeHandler('problems.rectify', { path: ProblemPath, body: ProblemRectifyBody }, async ({ path, body, principal, now }) => {
  const current = await getProblem(path.problemId);
  if (!current || (current.responsiblePersonId !== principal.personId && !overseesProblem(principal, current))) throw notFound('没有找到这个问题，或它不由您负责');
  if (current.status !== 'open') throw conflict('这个问题已经记录为整改完成');
  if (body.version !== current.version) throw conflict('刚才有其他人修改了这个问题，请刷新后再试');
  const me = await getPerson(principal.personId);
  if (!me) throw forbidden('没有找到您的信息，请重新登录');
  const at = toBeijingIso(now);
  const item = problemItem({ ...current, status: 'rectified', evidence: body.evidence, rectifiedAt: at, rectifiedById: principal.personId, rectifiedByName: me.name, updatedAt: at, version: current.version + 1 });
  await transact([changedProblemPart(item)], { refusals: { problem: () => conflict('刚才有其他人修改了这个问题，请刷新后再试') } });
  const response: Problem = problemView(item, beijingDate(now));
  return { body: response };
});
