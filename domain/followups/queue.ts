import * as z from '../zod';
import { FamilyId, IsoDate, PersonId } from '../common';
import { DoubleSigningTier } from '../double-signing';

/** The doctor's queue: who to follow up first, and the double-signing tier list. */

export const QueueKind = z.enum(['urgent', 'review', 'plan', 'discharge', 'item']);
export type QueueKind = z.infer<typeof QueueKind>;
export const QueuePriority = z.enum(['urgent', 'overdue', 'due']);
export type QueuePriority = z.infer<typeof QueuePriority>;
export const queuePriorityLabels: Record<QueuePriority, string> = { urgent: '紧急', overdue: '已逾期', due: '待随访' };

export const QueueEntry = z.object({
  kind: QueueKind,
  priority: QueuePriority,
  familyId: FamilyId,
  memberId: PersonId,
  memberName: z.string(),
  dueOn: IsoDate,
  title: z.string(),
  detail: z.optional(z.string()),
  /** For `review`/`urgent`: the submission to reply to; for discharge/item: what a visit handles. */
  followUpId: z.optional(z.string()),
  ref: z.optional(z.string()),
  /**
   * The member has not agreed (or no longer agrees) to share health data online: the entry says
   * only that a visit is due, in person, never what the readings or notes were.
   */
  withheld: z.optional(z.literal(true)),
});
export type QueueEntry = z.infer<typeof QueueEntry>;
/**
 * A member in the double-signing programme whose tier the calling doctor serves and who has not
 * had that tier's visit or call in the current week, month or quarter (domain/double-signing.ts).
 */
export const TierDueEntry = z.object({
  familyId: FamilyId,
  memberId: PersonId,
  memberName: z.string(),
  villageName: z.string(),
  tier: DoubleSigningTier,
  /** The current period of the tier (a week's Monday, YYYY-MM or YYYY-Qn). */
  period: z.string(),
  lastServedOn: z.optional(IsoDate),
});
export type TierDueEntry = z.infer<typeof TierDueEntry>;

export const TierDueResponse = z.object({ items: z.array(TierDueEntry), today: IsoDate });
export type TierDueResponse = z.infer<typeof TierDueResponse>;

export const QueueResponse = z.object({ items: z.array(QueueEntry), today: IsoDate });
export type QueueResponse = z.infer<typeof QueueResponse>;

const priorityRank: Record<QueuePriority, number> = { urgent: 0, overdue: 1, due: 2 };
/** Urgent first, then overdue, then due; earliest due date first within each. */
export function sortQueue<T extends Pick<QueueEntry, 'priority' | 'dueOn' | 'memberId'>>(entries: T[]): T[] {
  return [...entries].sort((a, b) => priorityRank[a.priority] - priorityRank[b.priority] || a.dueOn.localeCompare(b.dueOn) || a.memberId.localeCompare(b.memberId));
}

/**
 * A queue entry of a member who does not share health data online (domain/policy/health-access.ts):
 * the doctor still sees that someone of theirs needs a follow-up, and how soon, so nobody is
 * forgotten, but not the readings, the discharge note or the consultation's summary; the follow-up
 * happens in person, where consent can be asked for.
 */
export function withheldQueueEntry(e: QueueEntry): QueueEntry {
  return { kind: e.kind, priority: e.priority, familyId: e.familyId, memberId: e.memberId, memberName: e.memberName, dueOn: e.dueOn, title: '需要当面随访', detail: '这位居民没有同意在线共享健康信息，请当面随访，并征得同意后再在线记录', withheld: true };
}

/** A discharge hand-back is a follow-up due within 7 days of discharge. */
export function priorityForDue(dueOn: string, today: string): QueuePriority {
  return today > dueOn ? 'overdue' : 'due';
}
