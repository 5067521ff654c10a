import { ReportQuery } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { reportFor } from './city-report';

/**
 * The self-inspection report as figures for the report page. Never a Scan: the dashboard's
 * counters plus per-region Queries (report-data.ts), bounded by townships, months and contact
 * persons.
 */
export const handler = routeHandler('report.getReport', { query: ReportQuery }, async ({ query, principal, now }) => ({ body: await reportFor(principal, query, now) }));
