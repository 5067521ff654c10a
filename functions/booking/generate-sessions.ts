import { beijingDate, BOOKING_RULES } from '../../domain';
import { getInstitutionSchedule } from '../lib/db/booking/schedules';
import { buildSessions, listInstitutionCounties, listInstitutions, putSessionsIfAbsent } from '../lib/db/booking/sessions';
import { observedJob } from '../lib/observability/middleware';

/**
 * Scheduled daily (and run by the seed): opens the sessions of the next 14 days from each
 * institution's weekly schedule and overrides, in every county that has institutions. Sessions
 * already there keep their quota.
 */
export async function generateSessions(now: Date): Promise<{ created: number }> {
  const today = beijingDate(now);
  let created = 0;
  const counties = await listInstitutionCounties();
  const institutions = (await Promise.all(counties.map(listInstitutions))).flat();
  for (const inst of institutions) {
    const { institution, schedules, overrides } = await getInstitutionSchedule(inst.institutionId);
    if (!institution) continue;
    created += await putSessionsIfAbsent(buildSessions(institution, schedules, overrides, today, BOOKING_RULES.windowDays));
  }
  return { created };
}

/** The EventBridge entry point: the event carries nothing the job needs, the clock is real. */
export const handler = observedJob('booking.generateSessions', (): Promise<{ created: number }> => generateSessions(new Date()));
