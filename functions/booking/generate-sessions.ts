import { beijingDate, BOOKING_RULES } from '../../domain';
import { buildSessions, getInstitutionPartition, listInstitutions, putSessionsIfAbsent } from '../lib/db/booking';
import { COUNTY_ID } from './county';

/**
 * Scheduled daily (and run by the seed): opens the sessions of the next 14 days from each
 * institution's weekly schedule and overrides. Sessions already there keep their quota.
 */
export async function generateSessions(now: Date): Promise<{ created: number }> {
  const today = beijingDate(now);
  let created = 0;
  for (const inst of await listInstitutions(COUNTY_ID)) {
    const { institution, schedules, overrides } = await getInstitutionPartition(inst.institutionId);
    if (!institution) continue;
    created += await putSessionsIfAbsent(buildSessions(institution, schedules, overrides, today, BOOKING_RULES.windowDays));
  }
  return { created };
}

/** The EventBridge entry point: the event carries nothing the job needs, the clock is real. */
export async function handler(): Promise<{ created: number }> {
  return generateSessions(new Date());
}
