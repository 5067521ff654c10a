import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the double-signing routes, spread into bad-input.test.ts (which runs them: 400, a
 * Chinese message per field, nothing written). The doctor's tier list takes no parameters: the
 * tier and the period follow from the caller and the day, never from the request. (A visit that
 * claims a tier in its body is refused in double-signing.test.ts.) The officer's section takes a
 * township at most (report-bad-input.ts has the report's own cases). Callers: p_doc03, p_comm01.
 */
export const doubleSigningBadInput: Record<'followups.getTierDue' | 'report.getDoubleSigning', BadCase<'p_doc03' | 'p_comm01'>[]> = {
  'followups.getTierDue': [
    { label: 'unknown query parameter', caller: 'p_doc03', path: '/doctor/double-signing?tier=county', fields: { 'query.tier': UNKNOWN } },
    { label: 'a period asked for', caller: 'p_doc03', path: '/doctor/double-signing?period=2026-Q1', fields: f(['query.period']) },
  ],
  'report.getDoubleSigning': [
    { label: 'townshipId with the county prefix', caller: 'p_comm01', path: '/commission/double-signing?townshipId=c_qinghe', fields: f(['query.townshipId']) },
    { label: 'a month asked for', caller: 'p_comm01', path: '/commission/double-signing?month=2026-01', fields: { 'query.month': UNKNOWN } },
  ],
};
