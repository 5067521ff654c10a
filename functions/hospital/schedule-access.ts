import type { Principal } from '../../domain';
import { getInstitutionSchedule, type InstitutionSchedule } from '../lib/db/booking/schedules';
import { notFound } from '../lib/http/errors';
import { callerInstitution } from './green-channel';

/** Shared check of the schedule routes. Not a handler. */

/**
 * The institution's schedule, if the caller works there: staff edit only their own institution's
 * schedules; another's reads as not found (as its bookings do).
 */
export async function ownInstitutionSchedule(principal: Principal, institutionId: string): Promise<InstitutionSchedule & { institution: NonNullable<InstitutionSchedule['institution']> }> {
  if (callerInstitution(principal) !== institutionId) throw notFound('没有找到本院的排班');
  const schedule = await getInstitutionSchedule(institutionId);
  if (!schedule.institution) throw notFound('没有找到本院的排班');
  return { ...schedule, institution: schedule.institution };
}
