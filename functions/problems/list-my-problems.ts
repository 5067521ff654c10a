import { beijingDate, type ProblemListResponse } from '../../domain';
import { listStaffProblems } from '../lib/db/problems';
import { routeHandler } from '../lib/http/route-handler';
import { problemList } from './views';

/** What the caller answers for: one Query of their own index partition. */
export const handler = routeHandler('problems.listMine', {}, async ({ principal, now }) => {
  const body: ProblemListResponse = problemList(await listStaffProblems(principal.personId), beijingDate(now));
  return { body };
});
