import type { RouteDef } from '../routes';

/** The self-inspection report (自查报告) of a township, county or city (its counties side by side): figures, names behind the gaps, Word and Excel files. */
export const reportRoutes = [
  { id: 'report.getReport', method: 'GET', path: '/commission/report', handler: 'report/get-report', access: { kind: 'roles', roles: ['commission'], city: true }, summary: 'The self-inspection report of the caller’s county or township for a period: figures per township, 12-month trend, names behind every gap' },
  { id: 'report.exportReport', method: 'GET', path: '/commission/report-export', handler: 'report/export-report', access: { kind: 'roles', roles: ['commission'], city: true }, summary: 'The self-inspection report as a Word document (.docx) or as the seed’s three tables (.xlsx)' },
  { id: 'report.getDoubleSigning', method: 'GET', path: '/commission/double-signing', handler: 'report/get-double-signing', access: { kind: 'roles', roles: ['commission'] }, summary: 'The double-signing tiers of the caller’s county or township this month: figures per tier and the members and responsible doctors behind each gap' },
] as const satisfies readonly RouteDef[];
