import { addDays, beijingDate, OverrideRequest, SchedulePath, type ScheduleChangeResponse } from '../../domain';
import { putOverride, regenerateSessions } from '../lib/db/booking/schedules';
import type { ScheduleOverrideItem } from '../lib/db/booking/sessions';
import { keys } from '../lib/db/keys';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { ownInstitutionSchedule, type KnownSchedule } from './schedule-access';

/** Overrides can be set this far ahead (the daily job applies them when it opens those days). */
const MAX_DAYS_AHEAD = 366;

/**
 * A one-off change on one day: the whole institution closed (a holiday), a department closed, or
 * a doctor away (closed, or a substitute of the same department sits). Keyed by day and target,
 * so a retry or a correction replaces it rather than adding another. Regenerates that day. The
 * route and the demo seed both come through here.
 */
export async function setOverride({ institution, doctors }: KnownSchedule, body: OverrideRequest, now: Date): Promise<ScheduleChangeResponse> {
  const today = beijingDate(now);
  if (body.date < today) throw badRequest('这一天已经过去，不能再调整排班', { 'body.date': '日期已过去' });
  if (body.date > addDays(today, MAX_DAYS_AHEAD)) throw badRequest('只能调整一年以内的排班', { 'body.date': '日期太远' });
  if (body.departmentId && body.doctorId) throw badRequest('请只选科室或只选医生', { 'body.doctorId': '科室和医生只能选一个' });
  if (body.substituteDoctorId && !body.doctorId) throw badRequest('只有医生外出时才能安排代诊医生', { 'body.substituteDoctorId': '请先选外出的医生' });
  if (body.departmentId && !institution.departments.some((d) => d.departmentId === body.departmentId)) {
    throw badRequest('本院没有这个科室', { 'body.departmentId': '本院没有这个科室' });
  }
  const doctor = body.doctorId ? doctors.find((d) => d.doctorId === body.doctorId) : undefined;
  if (body.doctorId && !doctor) throw badRequest('本院没有这位医生，请刷新后重新选择', { 'body.doctorId': '本院没有这位医生' });
  const substitute = body.substituteDoctorId ? doctors.find((d) => d.doctorId === body.substituteDoctorId) : undefined;
  if (body.substituteDoctorId && (!substitute || substitute.departmentId !== doctor?.departmentId || substitute.doctorId === doctor.doctorId)) {
    throw badRequest('代诊医生应是同一科室的另一位医生', { 'body.substituteDoctorId': '代诊医生不符合' });
  }
  const target = doctor?.doctorId ?? body.departmentId ?? 'ALL';
  // `doctorId` is what buildSessions matches a doctor-away day on: without it the override would
  // read as the whole department's.
  const away: Pick<ScheduleOverrideItem, 'doctorId'> = doctor ? { doctorId: doctor.doctorId } : {};
  const item: ScheduleOverrideItem = {
    ...keys.scheduleOverride(institution.institutionId, body.date, target),
    entity: 'scheduleOverride',
    institutionId: institution.institutionId,
    date: body.date,
    departmentId: doctor ? doctor.departmentId : target,
    ...away,
    closed: !substitute,
    ...(substitute ? { doctorName: `${substitute.name}（代诊）` } : {}),
    reason: body.reason,
  };
  await putOverride(item);
  return regenerateSessions(institution.institutionId, [body.date], now);
}

export const handler = routeHandler('hospital.putOverride', { path: SchedulePath, body: OverrideRequest }, async ({ path, body, principal, now }) => ({
  body: await setOverride(await ownInstitutionSchedule(principal, path.institutionId), body, now),
}));
