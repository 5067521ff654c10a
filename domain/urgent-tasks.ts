import * as z from './zod';
import { FamilyId, IsoDate } from './common';
import type { NotificationTemplate } from './notifications';
import { daysBetween } from './time';

/**
 * Urgent events (住院, 出院, a reading beyond the safe limits, a death): each of the family's contact
 * persons gets a task to go and see the family (今天去看望) at the top of their due list, and they
 * and the member's signed doctor get a subscription message. The task is done when the contact
 * records a home visit against it; it is overdue from the next Beijing day on.
 */
export const UrgentKind = z.enum(['admission', 'discharge', 'urgentReading', 'death']);
export type UrgentKind = z.infer<typeof UrgentKind>;

/** What happened, in the words a contact person reads on the task and in the message. */
export const urgentKindLabels: Record<UrgentKind, string> = {
  admission: '住院',
  discharge: '出院回家',
  urgentReading: '健康指标异常',
  death: '去世',
};

/** What the contact should do, per kind: a death asks for condolence, the rest for a visit. */
export const urgentActionLabels: Record<UrgentKind, string> = {
  admission: '请尽快去看望',
  discharge: '请尽快去看望',
  urgentReading: '请尽快去看望',
  death: '请尽快上门慰问',
};

/**
 * The subscription template per kind. An urgent reading keeps the health-alert template doctors
 * and contacts already subscribe to; the other events share one of their own.
 */
export const urgentTemplates: Record<UrgentKind, NotificationTemplate> = {
  admission: 'urgent.visit',
  discharge: 'urgent.visit',
  urgentReading: 'followup.urgent',
  death: 'urgent.visit',
};

/** The id of the event an urgent task answers: its kind and the id of what happened, e.g. `admission.adm_…`. */
export const UrgentTaskId = z.string().check(z.regex(/^(admission|discharge|urgentReading|death)\.[A-Za-z0-9_-]{1,80}$/, '看望任务编号格式不正确'));
export type UrgentTaskId = z.infer<typeof UrgentTaskId>;
export const urgentTaskId = (kind: UrgentKind, refId: string): string => `${kind}.${refId}`;

export const UrgentTask = z.object({
  taskId: z.string(),
  kind: UrgentKind,
  familyId: FamilyId,
  familyName: z.string(),
  memberName: z.string(),
  /** What happened, e.g. 住院：县人民医院. */
  detail: z.string(),
  raisedAt: z.string(),
  /** The Beijing day of the event: the visit is due that day. */
  dueOn: IsoDate,
  /** Days past the due day; 0 while the task is due today. */
  daysOverdue: z.number(),
});
export type UrgentTask = z.infer<typeof UrgentTask>;

/** Days past a task's due day (never negative). Overdue from the next Beijing day on. */
export const urgentDaysOverdue = (dueOn: string, today: string): number => Math.max(0, daysBetween(dueOn, today));

/** Most overdue first, then the oldest event first. */
export const sortUrgentTasks = (tasks: UrgentTask[]): UrgentTask[] =>
  [...tasks].sort((a, b) => b.daysOverdue - a.daysOverdue || a.raisedAt.localeCompare(b.raisedAt));
