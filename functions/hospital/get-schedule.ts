import { beijingDate, SchedulePath, type ScheduleResponse } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { ownInstitutionSchedule } from './schedule-access';
import { overrideView, slotOf } from './schedule-views';

const bySlot = (a: { weekday: number; period: string }, b: { weekday: number; period: string }) => a.weekday - b.weekday || a.period.localeCompare(b.period);

/** The institution's doctors with their weekly slots, the overrides from today, and kept-session conflicts: one Query. */
export const handler = routeHandler('hospital.getSchedule', { path: SchedulePath }, async ({ path, principal, now }) => {
  const { institution, doctors, schedules, overrides, conflicts } = await ownInstitutionSchedule(principal, path.institutionId);
  const today = beijingDate(now);
  const deptName = (id: string) => institution.departments.find((d) => d.departmentId === id)?.name ?? id;
  const body: ScheduleResponse = {
    institutionId: institution.institutionId,
    institutionName: institution.name,
    departments: institution.departments,
    doctors: doctors
      .sort((a, b) => a.departmentId.localeCompare(b.departmentId) || a.doctorId.localeCompare(b.doctorId))
      .map((d) => ({
        doctorId: d.doctorId,
        name: d.name,
        departmentId: d.departmentId,
        departmentName: deptName(d.departmentId),
        slots: schedules.filter((s) => s.doctorId === d.doctorId).map(slotOf).sort(bySlot),
      })),
    overrides: overrides
      .filter((o) => o.date >= today)
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((o) => overrideView(o, institution.departments, doctors)),
    conflicts: conflicts
      .filter((c) => c.date >= today)
      .sort((a, b) => a.sessionId.localeCompare(b.sessionId))
      .map(({ sessionId, date, departmentName, period, doctorName, booked, change }) => ({ sessionId, date, departmentName, period, doctorName, booked, change })),
  };
  return { body };
});
