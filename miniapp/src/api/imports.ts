import { ExportResponse, ImportReport, UploadTicket, type ImportKind, type ImportUploadRequest } from '@domain';
import { authedCall } from './client';

/** The register import's routes (functions/imports/routes.ts). */
export const importsApi = {
  template: (kind: ImportKind, format: 'xlsx' | 'csv' = 'xlsx') => authedCall('GET', '/commission/imports/template', ExportResponse, { query: { kind, format } }),
  presign: (body: ImportUploadRequest) => authedCall('POST', '/commission/imports/uploads', UploadTicket, { body }),
  /** Answers `partial` while a large file is still being written: call again with the same body. */
  run: (kind: ImportKind, key: string) => authedCall('POST', '/commission/imports', ImportReport, { body: { kind, key } }),
};
