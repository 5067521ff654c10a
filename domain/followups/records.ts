import * as z from '../zod';
import { FamilyId, IsoDate, PersonId } from '../common';
import { DoubleSigningTier } from '../double-signing';
import { ShortText } from './text';
import { Plan, DueState } from './plans';
import { type Measure, measures, Readings, Symptom, Mood, UrgentFlag } from './form';
import { HealthFile } from './health-file';

/** A follow-up as recorded and read back: the doctor's visit or reply, the member's trends. */

export const FollowUpKind = z.enum(['online', 'visit', 'phone']);
export type FollowUpKind = z.infer<typeof FollowUpKind>;
export const followUpKindLabels: Record<FollowUpKind, string> = { online: '在线随访', visit: '上门随访', phone: '电话随访' };

export const FollowUpRecord = z.object({
  followUpId: z.string(),
  kind: FollowUpKind,
  at: z.string(),
  readings: Readings,
  symptoms: z.array(Symptom),
  symptomsNote: z.optional(z.string()),
  missedDoses: z.optional(z.number()),
  mood: z.optional(Mood),
  urgent: z.array(UrgentFlag),
  note: z.optional(z.string()),
  reply: z.optional(z.object({ advice: z.string(), doctorName: z.string(), at: z.string() })),
  recordedBy: z.string(),
  /** The double-signing tier this visit or call serves, from the recorder's place on the member's team. */
  tier: z.optional(DoubleSigningTier),
});
export type FollowUpRecord = z.infer<typeof FollowUpRecord>;

export const FollowUpResponse = z.object({ followUp: FollowUpRecord, advice: z.array(z.string()), plan: Plan });
export type FollowUpResponse = z.infer<typeof FollowUpResponse>;

export const VisitRequest = z.strictObject({
  kind: z.enum(['visit', 'phone']),
  note: ShortText(500, '随访记录'),
  readings: z.optional(Readings),
  /** A queue entry this visit answers: a discharge hand-back or a consultation's follow-up item. */
  handles: z.optional(z.string().check(z.regex(/^(DISCHARGE|FOLLOWUP-ITEM)#[0-9-]{10}#[A-Za-z0-9_-]{1,64}$/, '待办事项编号不正确'))),
});
export type VisitRequest = z.infer<typeof VisitRequest>;

export const ReplyRequest = z.strictObject({ advice: ShortText(500, '给居民的建议') });
export type ReplyRequest = z.infer<typeof ReplyRequest>;

export const FollowUpIdPath = z.strictObject({
  familyId: FamilyId,
  memberId: PersonId,
  followUpId: z.string().check(z.regex(/^fu_\d{15}[0-9a-f]{16}$/, '随访编号格式不正确')),
});

/** The member's file with the last 12 readings of each measure, for the member and the doctor. */
export const TrendPoint = z.object({ at: z.string(), value: z.number(), urgent: z.boolean() });
export type TrendPoint = z.infer<typeof TrendPoint>;
export const TREND_POINTS = 12;

export const MemberHealthResponse = z.object({
  memberId: PersonId,
  memberName: z.string(),
  file: z.nullable(HealthFile),
  plan: z.nullable(Plan),
  recent: z.array(FollowUpRecord),
  trends: z.record(z.string(), z.array(TrendPoint)),
});
export type MemberHealthResponse = z.infer<typeof MemberHealthResponse>;

/** What a contact person may know: whether a follow-up is overdue, never the readings. */
export const FollowUpStatusResponse = z.object({
  items: z.array(z.object({ memberId: PersonId, name: z.string(), state: z.nullable(DueState), dueOn: z.nullable(IsoDate) })),
});
export type FollowUpStatusResponse = z.infer<typeof FollowUpStatusResponse>;

/** Builds the trend lines from records newest first: per measure, at most 12, oldest first. */
export function trendsFrom(records: readonly Pick<FollowUpRecord, 'at' | 'readings' | 'urgent'>[]): Record<Measure, TrendPoint[]> {
  const out = Object.fromEntries(measures.map((m) => [m, [] as TrendPoint[]])) as Record<Measure, TrendPoint[]>;
  for (const rec of records) {
    for (const m of measures) {
      const value = rec.readings[m];
      if (value === undefined || out[m].length >= TREND_POINTS) continue;
      const urgent = (m === 'systolic' || m === 'diastolic') ? rec.urgent.includes('bp_high') : m === 'glucose' ? rec.urgent.some((f) => f.startsWith('glucose')) : false;
      out[m].push({ at: rec.at, value, urgent });
    }
  }
  for (const m of measures) out[m].reverse();
  return out;
}
