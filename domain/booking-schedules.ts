import * as z from './zod';
import { IsoDate, PersonName } from './common';
import { BOOKING_RULES, DepartmentId, InstitutionId, Period, periodLabels, SessionId } from './booking';

/**
 * Doctors' weekly availability and one-off overrides, edited by the institution's own
 * green-channel staff. Sessions are generated from them (14 days ahead); a change regenerates the
 * future sessions nobody has booked and keeps (and lists as conflicts) those that have bookings.
 */

export const DoctorId = z.string().check(z.regex(/^dr_[a-z0-9]{2,40}$/, '医生编号格式不正确'));
const HHMM = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，例如 08:00（北京时间）'));
const count = (what: string, max: number) =>
  z.int(`${what}请填写整数`).check(z.minimum(0, `${what}不能为负数`), z.maximum(max, `${what}不能超过 ${max}`));

export const weekdayLabels = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** One half-day a doctor sits every week. */
export const WeeklySlot = z.strictObject({
  weekday: z.int('星期应为 1 到 7').check(z.minimum(1, '星期应为 1（周一）到 7（周日）'), z.maximum(7, '星期应为 1（周一）到 7（周日）')),
  period: Period,
  startTime: HHMM,
  endTime: HHMM,
  /** All places of the session (priority and general). */
  capacity: count('总号数', 500),
  /** Places kept for special families, part of the capacity. */
  priorityQuota: count('优先号数', 500),
  /** Hours before the session at which unused priority places go to the general pool. */
  releaseHoursBefore: count('转为普通号的提前小时数', 168),
});
export type WeeklySlot = z.infer<typeof WeeklySlot>;

export const DoctorScheduleRequest = z.strictObject({
  doctorId: DoctorId,
  slots: z.array(WeeklySlot).check(z.maxLength(14, '每周最多 14 个半天')),
});
export type DoctorScheduleRequest = z.infer<typeof DoctorScheduleRequest>;

/**
 * What is wrong with a week of slots, by field (`slots.<i>.<field>`), in words staff read; empty
 * when nothing is. Checked by the page before sending and by the server before writing.
 */
export function slotProblems(slots: WeeklySlot[]): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  slots.forEach((s, i) => {
    const at = `slots.${i}`;
    const when = `${weekdayLabels[s.weekday]}${periodLabels[s.period]}`;
    if (s.endTime <= s.startTime) out[`${at}.endTime`] = `${when}：结束时间应晚于开始时间`;
    else if (s.period === 'am' && s.startTime >= '12:00') out[`${at}.startTime`] = `${when}：上午的门诊应在 12:00 前开始`;
    else if (s.period === 'pm' && s.startTime < '12:00') out[`${at}.startTime`] = `${when}：下午的门诊应在 12:00 以后开始`;
    if (s.priorityQuota > s.capacity) out[`${at}.priorityQuota`] = `${when}：优先号（${s.priorityQuota}）不能多于总号数（${s.capacity}）`;
    if (s.capacity === 0) out[`${at}.capacity`] = `${when}：总号数至少为 1`;
    const k = `${s.weekday}${s.period}`;
    if (seen.has(k)) out[`${at}.weekday`] = `${when}填了两次，请删掉一个`;
    seen.add(k);
  });
  return out;
}

export const defaultSlot = (weekday: number, period: Period): WeeklySlot => ({
  weekday,
  period,
  startTime: period === 'am' ? '08:00' : '14:00',
  endTime: period === 'am' ? '11:30' : '17:00',
  capacity: 30,
  priorityQuota: 3,
  releaseHoursBefore: BOOKING_RULES.releaseHoursBefore,
});

/** `ALL` (the whole institution), a department, or a doctor. */
export const OverrideTarget = z.union([z.literal('ALL'), DepartmentId, DoctorId]);

/**
 * A one-off change on one day: no department and no doctor closes the whole institution (a
 * holiday); a department closes that department; a doctor is away (closed, or a substitute sits).
 */
export const OverrideRequest = z.strictObject({
  date: IsoDate,
  departmentId: z.optional(DepartmentId),
  doctorId: z.optional(DoctorId),
  substituteDoctorId: z.optional(DoctorId),
  reason: z.string().check(z.trim(), z.minLength(2, '请填写原因，例如：国庆放假'), z.maxLength(100, '原因不能超过 100 字')),
});
export type OverrideRequest = z.infer<typeof OverrideRequest>;

export const SchedulePath = z.strictObject({ institutionId: InstitutionId });
export const OverridePath = z.strictObject({ institutionId: InstitutionId, date: IsoDate, target: OverrideTarget });

/**
 * A doctor put on the institution's outpatient roster, so that weekly slots can name them. The
 * session shows name and title together ("林振华 主任医师"), as the families read it.
 */
export const RosterDoctorRequest = z.strictObject({
  name: PersonName,
  title: z.string('请填写职称').check(z.trim(), z.minLength(2, '请填写职称'), z.maxLength(10, '职称不能超过 10 个字')),
  departmentId: DepartmentId,
});
export type RosterDoctorRequest = z.infer<typeof RosterDoctorRequest>;

export const DoctorView = z.object({
  doctorId: DoctorId,
  name: z.string(),
  departmentId: DepartmentId,
  departmentName: z.string(),
  slots: z.array(WeeklySlot),
});
export type DoctorView = z.infer<typeof DoctorView>;

export const OverrideView = z.object({
  date: IsoDate,
  target: z.string(),
  /** What it covers, in words: 全院 / a department / a doctor. */
  targetLabel: z.string(),
  closed: z.boolean(),
  substituteName: z.optional(z.string()),
  reason: z.string(),
});
export type OverrideView = z.infer<typeof OverrideView>;

/** A session kept as it was because it has bookings, though the schedule now says otherwise. */
export const ScheduleConflict = z.object({
  sessionId: SessionId,
  date: IsoDate,
  departmentName: z.string(),
  period: Period,
  doctorName: z.string(),
  booked: z.number(),
  /** What the schedule now says about it, in words. */
  change: z.string(),
});
export type ScheduleConflict = z.infer<typeof ScheduleConflict>;

export const ScheduleResponse = z.object({
  institutionId: InstitutionId,
  institutionName: z.string(),
  departments: z.array(z.object({ departmentId: DepartmentId, name: z.string() })),
  doctors: z.array(DoctorView),
  /** Today's and later overrides. */
  overrides: z.array(OverrideView),
  /** Sessions with bookings that the current schedule would change: kept, for staff to settle with the families. */
  conflicts: z.array(ScheduleConflict),
});
export type ScheduleResponse = z.infer<typeof ScheduleResponse>;

/** What a change did to the generated sessions. */
export const ScheduleChangeResponse = z.object({
  created: z.number(),
  updated: z.number(),
  removed: z.number(),
  conflicts: z.array(ScheduleConflict),
});
export type ScheduleChangeResponse = z.infer<typeof ScheduleChangeResponse>;
