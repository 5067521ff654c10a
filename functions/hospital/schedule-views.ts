import type { OverrideView, WeeklySlot } from '../../domain';
import type { DoctorItem } from '../lib/db/booking/schedules';
import type { InstitutionItem, ScheduleItem, ScheduleOverrideItem } from '../lib/db/booking/sessions';

/** How the schedule page shows weekly slots and one-off changes. Not a handler. */

export const slotOf = (s: ScheduleItem): WeeklySlot => ({
  weekday: s.weekday,
  period: s.period,
  startTime: s.startTime,
  endTime: s.endTime,
  capacity: s.capacity,
  priorityQuota: s.priorityQuota,
  releaseHoursBefore: s.releaseHoursBefore,
});

export function overrideView(o: ScheduleOverrideItem, departments: InstitutionItem['departments'], doctors: DoctorItem[]): OverrideView {
  const target = o.doctorId ?? o.departmentId;
  const doctor = o.doctorId ? doctors.find((d) => d.doctorId === o.doctorId) : undefined;
  const targetLabel =
    o.departmentId === 'ALL' ? '全院' : doctor ? `${doctor.name}` : (departments.find((d) => d.departmentId === o.departmentId)?.name ?? o.departmentId);
  return { date: o.date, target, targetLabel, closed: o.closed, ...(o.closed ? {} : { substituteName: o.doctorName }), reason: o.reason };
}
