import { parseSessionId, type BookingView, type Institution } from './booking';

/**
 * What the booking form has chosen before the member taps anything, so the common case is three
 * taps from home (open the form, pick a session, confirm).
 *
 * Hospital: the family's designated hospital. Families carry no township → hospital link, so it is
 * the county's hospital when the county has exactly one (the township centres are where the family
 * doctor works, not the green channel's hospital), else the one the member booked last.
 * Department: the one the member (else anyone in the family) booked last at that hospital, or its
 * only department.
 */
export function bookingDefaults(
  institutions: readonly Institution[],
  bookings: readonly Pick<BookingView, 'memberId' | 'institutionId' | 'sessionId' | 'bookedAt'>[],
  memberId: string | null,
): { institutionId: string | null; departmentId: string | null } {
  const newestFirst = [...bookings].sort((a, b) => Date.parse(b.bookedAt) - Date.parse(a.bookedAt));
  const hospitals = institutions.filter((i) => i.kind === 'hospital');
  const last = newestFirst.find((b) => b.memberId === memberId) ?? newestFirst[0];
  const institution = hospitals.length === 1 ? hospitals[0] : institutions.find((i) => i.institutionId === last?.institutionId);
  if (!institution) return { institutionId: null, departmentId: null };
  const here = newestFirst.filter((b) => b.institutionId === institution.institutionId);
  const used = (here.find((b) => b.memberId === memberId) ?? here[0])?.sessionId;
  const departmentId = used ? parseSessionId(used).departmentId : institution.departments.length === 1 ? institution.departments[0]!.departmentId : null;
  return { institutionId: institution.institutionId, departmentId: institution.departments.some((d) => d.departmentId === departmentId) ? departmentId : null };
}
