import { DoctorScheduleRequest, SchedulePath, slotProblems, weekdayLabels, periodLabels, type ScheduleChangeResponse } from '../../domain';
import { doctorScheduleParts, regenerateSessions, windowDates } from '../lib/db/booking/schedules';
import { transact } from '../lib/db/transact';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { ownInstitutionSchedule, type KnownSchedule } from './schedule-access';

/**
 * Replaces one doctor's weekly availability (sending the same week again changes nothing), then
 * regenerates the affected future sessions: unbooked ones follow the new week, booked ones are
 * kept and answered (and listed on the schedule page) as conflicts. The route and the demo seed
 * both come through here.
 */
export async function putDoctorWeek({ institution, doctors, schedules }: KnownSchedule, body: DoctorScheduleRequest, now: Date): Promise<ScheduleChangeResponse> {
  const problems = slotProblems(body.slots);
  if (Object.keys(problems).length) throw badRequest(Object.values(problems)[0], Object.fromEntries(Object.entries(problems).map(([k, v]) => [`body.${k}`, v])));
  const doctor = doctors.find((d) => d.doctorId === body.doctorId);
  if (!doctor) throw badRequest('本院没有这位医生，请刷新后重新选择', { 'body.doctorId': '本院没有这位医生' });
  const old = schedules.filter((s) => s.doctorId === doctor.doctorId);
  for (const slot of body.slots) {
    const taken = schedules.find((s) => s.departmentId === doctor.departmentId && s.weekday === slot.weekday && s.period === slot.period && s.doctorId !== doctor.doctorId);
    if (taken) throw conflict(`${weekdayLabels[slot.weekday]}${periodLabels[slot.period]}已由${taken.doctorName}出诊，请先调整${taken.doctorName}的排班`);
  }
  const parts = doctorScheduleParts(institution.institutionId, doctor, old, body.slots);
  await transact(parts, { refusals: { slot: () => conflict('排班刚被其他人修改，请刷新后再改') } });
  const weekdays = new Set([...old.map((s) => s.weekday), ...body.slots.map((s) => s.weekday)]);
  return regenerateSessions(institution.institutionId, windowDates(now, weekdays), now);
}

/** PUT: the institution's own staff set one doctor's week. */
export const handler = routeHandler('hospital.putDoctorSchedule', { path: SchedulePath, body: DoctorScheduleRequest }, async ({ path, body, principal, now }) => ({
  body: await putDoctorWeek(await ownInstitutionSchedule(principal, path.institutionId), body, now),
}));
