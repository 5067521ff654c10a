import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the double-signing routes, spread into bad-input.test.ts (which runs them: 400, a
 * Chinese message per field, nothing written). The doctor's tier list takes no parameters: the
 * tier and the period follow from the caller and the day, never from the request. (A visit that
 * claims a tier in its body is refused in double-signing.test.ts.) Caller: p_doc03.
 */
export const doubleSigningBadInput: Record<'followups.getTierDue', BadCase<'p_doc03'>[]> = {
  'followups.getTierDue': [
    { label: 'unknown query parameter', caller: 'p_doc03', path: '/doctor/double-signing?tier=county', fields: { 'query.tier': UNKNOWN } },
    { label: 'a period asked for', caller: 'p_doc03', path: '/doctor/double-signing?period=2026-Q1', fields: f(['query.period']) },
  ],
};
