import * as z from '../zod';
import { IsoDate } from '../common';
import { addDays, addMonths, beijingIso, daysBetween } from '../time';
import { Mobility } from './health-file';

/** The follow-up plan: its cadence and why, when the next follow-up is due, and its reminder. */

export const Cadence = z.enum(['weekly', 'monthly', 'quarterly']);
export type Cadence = z.infer<typeof Cadence>;
export const cadenceLabels: Record<Cadence, string> = { weekly: '每周一次', monthly: '每月一次', quarterly: '每季度一次' };

// The double-signing programme's tiers and their cadences: domain/double-signing.ts.

export type CadenceReason = 'default' | 'mobility' | 'poverty' | 'doctor';
export const cadenceReasonLabels: Record<CadenceReason, string> = {
  default: '慢病患者每月随访',
  mobility: '失能、半失能老人每周随访',
  poverty: '健康扶贫双签约：村医每周、乡镇每月、县级每季度',
  doctor: '医生调整',
};

/**
 * Monthly by default; weekly for semi-disabled or disabled elders; for members in the poverty
 * programme the signed doctor's queue follows the most frequent tier of double signing (the village
 * doctor's weekly visit), the other tiers being listed on the plan.
 */
export function planCadence(input: { mobility: Mobility; poverty: boolean }): { cadence: Cadence; reason: CadenceReason } {
  if (input.mobility !== 'independent') return { cadence: 'weekly', reason: 'mobility' };
  if (input.poverty) return { cadence: 'weekly', reason: 'poverty' };
  return { cadence: 'monthly', reason: 'default' };
}

/** Days before the due date from which a follow-up counts as due (shown in the queue). */
export const dueWindowDays: Record<Cadence, number> = { weekly: 1, monthly: 7, quarterly: 14 };
export const MAX_DUE_WINDOW_DAYS = 14;

export function nextDueOn(plan: { cadence: Cadence; startedOn: string; lastCompletedOn?: string }): string {
  if (!plan.lastCompletedOn) return plan.startedOn;
  switch (plan.cadence) {
    case 'weekly':
      return addDays(plan.lastCompletedOn, 7);
    case 'monthly':
      return addMonths(plan.lastCompletedOn, 1);
    case 'quarterly':
      return addMonths(plan.lastCompletedOn, 3);
  }
}

export const DueState = z.enum(['overdue', 'due', 'upcoming']);
export type DueState = z.infer<typeof DueState>;
export const dueStateLabels: Record<DueState, string> = { overdue: '已逾期', due: '该随访了', upcoming: '未到时间' };

/** Computed, never stored: from the plan and the last completed follow-up, on the given day. */
export function dueState(plan: { cadence: Cadence; startedOn: string; lastCompletedOn?: string }, today: string): { state: DueState; dueOn: string } {
  const dueOn = nextDueOn(plan);
  if (today > dueOn) return { state: 'overdue', dueOn };
  if (daysBetween(today, dueOn) <= dueWindowDays[plan.cadence]) return { state: 'due', dueOn };
  return { state: 'upcoming', dueOn };
}

/** The hour (Beijing) a due reminder is sent: morning, when elders are up and a doctor reachable. */
export const FOLLOW_UP_REMINDER_HOUR = 9;

/**
 * When the member is reminded of the plan's next follow-up: 09:00 Beijing on the first day it
 * counts as due (the due window before the due date), so the reminder and the "该随访了" the member
 * sees start together. Depends on the plan only, so an unchanged due date keeps its reminder.
 */
export function followUpReminderAt(plan: { cadence: Cadence; startedOn: string; lastCompletedOn?: string }): { at: string; dueOn: string } {
  const dueOn = nextDueOn(plan);
  const day = addDays(dueOn, -dueWindowDays[plan.cadence]);
  return { at: beijingIso(day, `${String(FOLLOW_UP_REMINDER_HOUR).padStart(2, '0')}:00`), dueOn };
}

export const PlanRequest = z.strictObject({
  cadence: Cadence,
  note: z.optional(z.string().check(z.trim(), z.maxLength(100, '说明不能超过 100 个字'))),
});
export type PlanRequest = z.infer<typeof PlanRequest>;

export const Plan = z.object({
  cadence: Cadence,
  reason: z.string(),
  tiers: z.optional(z.array(z.object({ label: z.string(), cadence: Cadence }))),
  startedOn: IsoDate,
  lastCompletedOn: z.optional(IsoDate),
  dueOn: IsoDate,
  state: DueState,
  note: z.optional(z.string()),
});
export type Plan = z.infer<typeof Plan>;
