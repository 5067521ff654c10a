import {
  ContactEntry,
  ContactLogResponse,
  DashboardResponse,
  DueResponse,
  ExportResponse,
  HandoverRecord,
  type ContactRecordRequest,
  type HandoverRequest,
} from '@domain';
import { authedCall } from './client';

const seg = encodeURIComponent;

/** The ledger's routes (functions/ledger/routes.ts). */
export const ledgerApi = {
  due: () => authedCall('GET', '/contact/due', DueResponse),
  /** `requestId` makes a retried tap (slow network) record the contact once. */
  recordContact: (familyId: string, body: ContactRecordRequest, requestId: string) =>
    authedCall('POST', `/families/${seg(familyId)}/contact-log`, ContactEntry, { body, headers: { 'Idempotency-Key': requestId } }),
  contactLog: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/contact-log`, ContactLogResponse),
  dashboard: (townshipId?: string) => authedCall('GET', '/commission/dashboard', DashboardResponse, { query: { townshipId } }),
  exportLedger: (month: string, format: 'xlsx' | 'csv') => authedCall('GET', '/commission/ledger-export', ExportResponse, { query: { month, format } }),
  handOver: (familyId: string, body: HandoverRequest, requestId: string) =>
    authedCall('POST', `/families/${seg(familyId)}/handovers`, HandoverRecord, { body, headers: { 'Idempotency-Key': requestId } }),
};
