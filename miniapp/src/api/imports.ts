import { ExportResponse, ImportJob, UploadTicket, type ImportKind, type ImportUploadRequest } from '@domain';
import { authedCall } from './client';

/** The register import's routes (functions/imports/routes.ts). */
export const importsApi = {
  template: (kind: ImportKind, format: 'xlsx' | 'csv' = 'xlsx') => authedCall('GET', '/commission/imports/template', ExportResponse, { query: { kind, format } }),
  presign: (body: ImportUploadRequest) => authedCall('POST', '/commission/imports/uploads', UploadTicket, { body }),
  /** Queues the import of the uploaded file; the job reads, checks and writes it (follow it with `get`). */
  start: (kind: ImportKind, key: string) => authedCall('POST', '/commission/imports', ImportJob, { body: { kind, key } }),
  get: (importId: string) => authedCall('GET', `/commission/imports/${importId}`, ImportJob),
};
