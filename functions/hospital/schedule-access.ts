import type { Principal } from '../../domain';
import type { InstitutionItem } from '../lib/db/booking/sessions';
import { getInstitutionSchedule, type InstitutionSchedule } from '../lib/db/booking/schedules';
import { notFound } from '../lib/http/errors';
import { callerInstitution } from './green-channel';

/** Shared check of the schedule routes. Not a handler. */

/** The schedule of an institution that exists: what the schedule writes' cores start from. */
export type KnownSchedule = InstitutionSchedule & { institution: InstitutionItem };

/** The institution's schedule, or undefined if there is no such institution. */
export async function knownSchedule(institutionId: string): Promise<KnownSchedule | undefined> {
  const schedule = await getInstitutionSchedule(institutionId);
  return schedule.institution ? { ...schedule, institution: schedule.institution } : undefined;
}

/**
 * The institution's schedule, if the caller works there: staff edit only their own institution's
 * schedules; another's reads as not found (as its bookings do).
 */
export async function ownInstitutionSchedule(principal: Principal, institutionId: string): Promise<KnownSchedule> {
  if (callerInstitution(principal) !== institutionId) throw notFound('没有找到本院的排班');
  const schedule = await knownSchedule(institutionId);
  if (!schedule) throw notFound('没有找到本院的排班');
  return schedule;
}
