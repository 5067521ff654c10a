import { Problem, ProblemListResponse, type ProblemCreateBody, type ProblemListQuery, type ProblemRectifyBody, type ProblemUpdateBody } from '@domain';
import { authedCall } from './client';

const seg = encodeURIComponent;

/** The problem ledger (functions/problems). */
export const problemsApi = {
  list: (query: ProblemListQuery = {}) => authedCall('GET', '/commission/problems', ProblemListResponse, { query }),
  mine: () => authedCall('GET', '/problems/mine', ProblemListResponse),
  /** `draftId` makes a retried tap (slow network) raise the problem once. */
  create: (body: ProblemCreateBody, draftId: string) => authedCall('POST', '/commission/problems', Problem, { body, headers: { 'Idempotency-Key': draftId } }),
  update: (problemId: string, body: ProblemUpdateBody) => authedCall('PUT', `/commission/problems/${seg(problemId)}`, Problem, { body }),
  rectify: (problemId: string, body: ProblemRectifyBody) => authedCall('POST', `/problems/${seg(problemId)}/rectify`, Problem, { body }),
};
