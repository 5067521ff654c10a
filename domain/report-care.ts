import * as z from './zod';
import { FamilyId, PersonId, TownshipId } from './common';
// Types only: the report's bundle takes in neither the follow-up forms nor the window's schemas.
import type { Mobility } from './followups';
import { GreenChannelSection } from './green-channel-counts';
import { addDays, addMonths, monthOf, weekStart } from './time';

/**
 * The report's care figures that come from other features' records: the signed doctors'
 * follow-ups (done by the doctor's team, not the member's own readings), the green channel, and
 * requests counted per period. Pure counting rules and shapes; report-data.ts reads the records.
 */

/** Last day of a month, YYYY-MM-DD. */
const monthEnd = (month: string) => addDays(addMonths(`${month}-01`, 1), -1);

// ---------------------------------------------------------------------------------------------
// Follow-ups done by the doctor

export const FollowUpFigures = z.object({
  /** Signed members with a follow-up plan. */
  planned: z.number(),
  /** Member-months in the period when a doctor's follow-up was due (the monthly visit). */
  visitsDue: z.number(),
  visitsDone: z.number(),
  visitsMissed: z.number(),
  /** 失能 and 半失能 members with a plan: a doctor's call (or visit) every week. */
  weeklyMembers: z.number(),
  callsDue: z.number(),
  callsDone: z.number(),
  callsMissed: z.number(),
});
export type FollowUpFigures = z.infer<typeof FollowUpFigures>;

export const noFollowUpFigures = (): FollowUpFigures => ({ planned: 0, visitsDue: 0, visitsDone: 0, visitsMissed: 0, weeklyMembers: 0, callsDue: 0, callsDone: 0, callsMissed: 0 });

export const FollowUpGap = z.object({
  familyId: FamilyId,
  familyName: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  memberId: PersonId,
  memberName: z.string(),
  mobility: z.custom<Mobility>((v) => v === 'independent' || v === 'semi_disabled' || v === 'disabled'),
  doctorName: z.string(),
  visitsMissed: z.number(),
  callsMissed: z.number(),
});
export type FollowUpGap = z.infer<typeof FollowUpGap>;

export const ReportFollowUps = z.object({
  townships: z.array(z.object({ townshipId: TownshipId, townshipName: z.string(), ...FollowUpFigures.shape })),
  total: FollowUpFigures,
  /** Every member with a due follow-up the doctor's team did not do, with the responsible doctor. */
  gaps: z.array(FollowUpGap),
});
export type ReportFollowUps = z.infer<typeof ReportFollowUps>;

/** The part of a follow-up plan the report counts by. */
export interface CountedPlan {
  memberId: string;
  mobility: Mobility;
  startedOn: string;
}

/**
 * What was due of one member's plan in the period and what the doctor's team did. A monthly visit
 * is due in every month of the period from the plan's start up to `asOf`, done when the team
 * recorded a visit or call that month; for 失能 and 半失能 members a call is due in every week
 * (Monday to Sunday) of the same span, done when the team recorded one that week. `doctorDates`
 * are the days of the team's visits and calls; a member's own submission is never among them.
 */
export function memberFollowUps(plan: CountedPlan, doctorDates: readonly string[], period: { months: readonly string[]; asOf: string }): Pick<FollowUpFigures, 'visitsDue' | 'visitsDone' | 'callsDue' | 'callsDone'> {
  const out = { visitsDue: 0, visitsDone: 0, callsDue: 0, callsDone: 0 };
  const start = `${period.months[0]}-01`;
  const from = plan.startedOn > start ? plan.startedOn : start;
  if (from > period.asOf) return out;
  const done = doctorDates.filter((d) => d >= start && d <= period.asOf);
  const doneMonths = new Set(done.map(monthOf));
  for (const m of period.months) {
    if (`${m}-01` > period.asOf || monthEnd(m) < from) continue;
    out.visitsDue += 1;
    if (doneMonths.has(m)) out.visitsDone += 1;
  }
  if (plan.mobility !== 'independent') {
    const doneWeeks = new Set(done.map(weekStart));
    for (let w = weekStart(from); w <= period.asOf; w = addDays(w, 7)) {
      out.callsDue += 1;
      if (doneWeeks.has(w)) out.callsDone += 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Green channel

/** The green channel of the period: the dashboard's section (the same counters), over its months. */
export const ReportGreenChannel = GreenChannelSection;
export type ReportGreenChannel = z.infer<typeof ReportGreenChannel>;
