import {
  HandoverCandidatesResponse,
  HandoverListResponse,
  RequestEntry,
  RequestListResponse,
  SurveyState,
  type RequestCreateBody,
  type RequestUpdateBody,
  type SurveyAnswerBody,
} from '@domain';
import { authedCall } from './client';

const seg = encodeURIComponent;

/** Requests (诉求) and the quarterly survey (functions/requests/routes.ts). */
export const requestsApi = {
  family: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/requests`, RequestListResponse),
  /** `requestId` makes a retried tap (slow network) raise the request once. */
  raise: (familyId: string, body: RequestCreateBody, requestId: string) =>
    authedCall('POST', `/families/${seg(familyId)}/requests`, RequestEntry, { body, headers: { 'Idempotency-Key': requestId } }),
  update: (familyId: string, requestId: string, body: RequestUpdateBody) => authedCall('PUT', `/families/${seg(familyId)}/requests/${seg(requestId)}`, RequestEntry, { body }),
  staff: (view: 'mine' | 'escalated') => authedCall('GET', '/contact/requests', RequestListResponse, { query: { view } }),
  commission: () => authedCall('GET', '/commission/requests', RequestListResponse),
  survey: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/survey`, SurveyState),
  answerSurvey: (familyId: string, body: SurveyAnswerBody) => authedCall('POST', `/families/${seg(familyId)}/survey`, SurveyState, { body }),
  handoverCandidates: (townshipId: string) => authedCall('GET', '/commission/handover-candidates', HandoverCandidatesResponse, { query: { townshipId } }),
  handovers: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/handovers`, HandoverListResponse),
};
