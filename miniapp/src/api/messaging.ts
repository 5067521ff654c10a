import {
  ConsultationResponse,
  FamilyThreadsResponse,
  InboxResponse,
  MessagingStatsResponse,
  MessagePage,
  SendMessageResponse,
  UploadTicket,
  type CreateConsultationRequest,
  type SendMessageRequest,
  type UploadRequest,
} from '@domain';
import * as z from 'zod/mini';
import { authedCall } from './client';

const seg = encodeURIComponent;
const Empty = z.object({});

/** A conversation (family × contact person) or a consultation, addressed the same way by the pages. */
export type ThreadRef = { kind: 'conversation'; familyId: string; staffId: string } | { kind: 'consultation'; familyId: string; consultationId: string };

export const threadPath = (t: ThreadRef) =>
  t.kind === 'conversation' ? `/families/${seg(t.familyId)}/conversations/${seg(t.staffId)}` : `/families/${seg(t.familyId)}/consultations/${seg(t.consultationId)}`;

/** Random ids for Idempotency-Key and new consultations (not secrets). */
export function randomId(length = 20): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

export const messagingApi = {
  page: (t: ThreadRef, q: { cursor?: string; since?: string } = {}) => authedCall('GET', `${threadPath(t)}/messages`, MessagePage, { query: q }),
  /** The same key on a retry stores the message once. */
  send: (t: ThreadRef, body: SendMessageRequest, idempotencyKey: string) =>
    authedCall('POST', `${threadPath(t)}/messages`, SendMessageResponse, { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  read: (t: ThreadRef) => authedCall('POST', `${threadPath(t)}/read`, Empty, { body: {} }),
  presign: (t: ThreadRef, body: UploadRequest) => authedCall('POST', `${threadPath(t)}/uploads`, UploadTicket, { body }),
  familyThreads: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/threads`, FamilyThreadsResponse),
  inbox: (cursor?: string) => authedCall('GET', '/staff/inbox', InboxResponse, { query: { cursor } }),
  createConsultation: (familyId: string, body: CreateConsultationRequest) => authedCall('POST', `/families/${seg(familyId)}/consultations`, ConsultationResponse, { body }),
  consultation: (familyId: string, consultationId: string) => authedCall('GET', `/families/${seg(familyId)}/consultations/${seg(consultationId)}`, ConsultationResponse),
  closeConsultation: (familyId: string, consultationId: string) =>
    authedCall('POST', `/families/${seg(familyId)}/consultations/${seg(consultationId)}/close`, ConsultationResponse, { body: {} }),
  /** Commission: counts and response times per township (never content). */
  stats: (month?: string) => authedCall('GET', '/commission/messaging', MessagingStatsResponse, { query: { month } }),
};
