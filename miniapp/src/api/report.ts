import { DoubleSigningSection, ExportResponse, ReportResponse } from '@domain';
import { authedCall } from './client';

/** The self-inspection report's routes (functions/report/routes.ts). */
export const reportApi = {
  get: (period: { from: string; to: string; countyId?: string }) => authedCall('GET', '/commission/report', ReportResponse, { query: period }),
  doubleSigning: () => authedCall('GET', '/commission/double-signing', DoubleSigningSection),
  export: (period: { from: string; to: string; countyId?: string }, format: 'docx' | 'xlsx') => authedCall('GET', '/commission/report-export', ExportResponse, { query: { ...period, format } }),
};
