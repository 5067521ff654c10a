import {
  DoctorRefillsResponse,
  FollowUpResponse,
  FollowUpStatusResponse,
  HealthFile,
  MemberHealthResponse,
  Plan,
  PrescriptionListResponse,
  PrescriptionResponse,
  QueueResponse,
  RefillResponse,
  TierDueResponse,
  type FollowUpRequest,
  type HealthFileRequest,
  type PrescriptionRequest,
  type RefillRequestBody,
  type VisitRequest,
} from '@domain';
import * as z from 'zod/mini';
import { authedCall } from './client';

const seg = encodeURIComponent;
const member = (familyId: string, memberId: string) => `/families/${seg(familyId)}/members/${seg(memberId)}`;

/**
 * One key per user action, kept by the page until it succeeds: a retry after a dropped connection
 * sends the same key, so the server answers the first result instead of doing it twice.
 */
export { newIdempotencyKey } from './idempotency-key';
const idem = (key: string) => ({ 'Idempotency-Key': key });

/** What PUT health-file answers: the saved file and the follow-up plan that now follows from it. */
const HealthFileSaved = z.object({ file: HealthFile, plan: z.nullable(Plan) });
const ReplyResponse = z.object({ reply: z.object({ advice: z.string(), doctorName: z.string(), at: z.string() }) });

/** Follow-ups and long prescriptions (functions/followups/routes.ts). */
export const followupsApi = {
  health: (familyId: string, memberId: string) => authedCall('GET', `${member(familyId, memberId)}/health`, MemberHealthResponse),
  status: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/followup-status`, FollowUpStatusResponse),
  submit: (familyId: string, memberId: string, body: FollowUpRequest, key: string) =>
    authedCall('POST', `${member(familyId, memberId)}/followups`, FollowUpResponse, { body, headers: idem(key) }),
  prescriptions: (familyId: string, memberId: string) => authedCall('GET', `${member(familyId, memberId)}/prescriptions`, PrescriptionListResponse),
  requestRefill: (familyId: string, memberId: string, prescriptionId: string, body: RefillRequestBody, key: string) =>
    authedCall('POST', `${member(familyId, memberId)}/prescriptions/${seg(prescriptionId)}/refills`, RefillResponse, { body, headers: idem(key) }),
  // Doctor side
  putHealthFile: (familyId: string, memberId: string, body: HealthFileRequest) =>
    authedCall('PUT', `${member(familyId, memberId)}/health-file`, HealthFileSaved, { body }),
  queue: () => authedCall('GET', '/doctor/followups', QueueResponse),
  tierDue: () => authedCall('GET', '/doctor/double-signing', TierDueResponse),
  refills: () => authedCall('GET', '/doctor/refills', DoctorRefillsResponse),
  reply: (familyId: string, memberId: string, followUpId: string, advice: string) =>
    authedCall('POST', `${member(familyId, memberId)}/followups/${seg(followUpId)}/reply`, ReplyResponse, { body: { advice } }),
  recordVisit: (familyId: string, memberId: string, body: VisitRequest, key: string) =>
    authedCall('POST', `${member(familyId, memberId)}/followup-visits`, FollowUpResponse, { body, headers: idem(key) }),
  createPrescription: (familyId: string, memberId: string, body: PrescriptionRequest, key: string) =>
    authedCall('POST', `${member(familyId, memberId)}/prescriptions`, PrescriptionResponse, { body, headers: idem(key) }),
  approveRefill: (familyId: string, memberId: string, prescriptionId: string, refillId: string, key: string) =>
    authedCall('POST', `${member(familyId, memberId)}/prescriptions/${seg(prescriptionId)}/refills/${seg(refillId)}/approve`, RefillResponse, { body: {}, headers: idem(key) }),
  declineRefill: (familyId: string, memberId: string, prescriptionId: string, refillId: string, reason: string) =>
    authedCall('POST', `${member(familyId, memberId)}/prescriptions/${seg(prescriptionId)}/refills/${seg(refillId)}/decline`, RefillResponse, { body: { reason } }),
  refillReady: (familyId: string, memberId: string, prescriptionId: string, refillId: string) =>
    authedCall('POST', `${member(familyId, memberId)}/prescriptions/${seg(prescriptionId)}/refills/${seg(refillId)}/ready`, RefillResponse, { body: {} }),
};
