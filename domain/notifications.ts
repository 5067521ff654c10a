import * as z from './zod';

/**
 * WeChat subscription-message (订阅消息) templates the product sends. Each feature writes an
 * outbox item naming one of these in the same transaction as the change it reports; the sender
 * (functions/notify/) delivers it if the recipient has a remaining subscription for the template,
 * counted server-side (WeChat has no API to ask). The mini-program asks for subscriptions inside
 * the user's tap, by template, and reports what the user accepted.
 *
 * `title` is what the user sees when asked; `fields` are the template's keyword slots, each at
 * most 20 characters (WeChat truncates `thing` values beyond that).
 */
export const notificationTemplates = {
  'message.new': { title: '新消息提醒', fields: ['sender', 'preview', 'time'] },
  'consultation.reply': { title: '咨询回复提醒', fields: ['doctor', 'subject', 'time'] },
  'booking.confirmed': { title: '预约成功通知', fields: ['place', 'time', 'note'] },
  'booking.reminder': { title: '就诊提醒', fields: ['place', 'time', 'note'] },
  /** The 2-hours-before reminder: its own template, because one acceptance allows one message and one tap can accept a template only once. */
  'booking.reminderSoon': { title: '临近就诊提醒', fields: ['place', 'time', 'note'] },
  'booking.waitlistOffer': { title: '候补号源通知', fields: ['place', 'time', 'note'] },
  'booking.changed': { title: '预约变更通知', fields: ['place', 'time', 'note'] },
  'followup.due': { title: '随访提醒', fields: ['doctor', 'item', 'time'] },
  'followup.urgent': { title: '健康异常提醒', fields: ['member', 'item', 'time'] },
  /** To contact persons and the signed doctor: a member was admitted, discharged or died (go and see the family). */
  'urgent.visit': { title: '紧急看望提醒', fields: ['member', 'item', 'time'] },
  'refill.status': { title: '续方进度通知', fields: ['medicine', 'status', 'time'] },
  'contact.changed': { title: '联系人变更通知', fields: ['role', 'name', 'time'] },
  'request.update': { title: '诉求办理进度', fields: ['subject', 'status', 'time'] },
  'signing.update': { title: '家庭医生签约通知', fields: ['team', 'status', 'time'] },
  /** To a member's contact persons: someone kept failing to prove they are this member. */
  'identity.bindLocked': { title: '身份核对异常提醒', fields: ['member', 'item', 'time'] },
  /** To a family's members: a contact person or the doctor's team did something for the family (代办). */
  'family.acted': { title: '代办事项通知', fields: ['name', 'item', 'time'] },
} as const satisfies Record<string, { title: string; fields: readonly string[] }>;

export type NotificationTemplate = keyof typeof notificationTemplates;
export const NotificationTemplate = z.enum(Object.keys(notificationTemplates) as [NotificationTemplate, ...NotificationTemplate[]]);

/** What the mini-program reports after wx.requestSubscribeMessage: the templates the user accepted. */
export const SubscriptionGrantRequest = z.strictObject({
  accepted: z.array(NotificationTemplate).check(z.minLength(1), z.maxLength(Object.keys(notificationTemplates).length)),
});
export type SubscriptionGrantRequest = z.infer<typeof SubscriptionGrantRequest>;

/** Remaining subscriptions per template, for the caller (each acceptance allows one message). */
export const SubscriptionCounts = z.strictObject({
  remaining: z.record(NotificationTemplate, z.number()),
});
export type SubscriptionCounts = z.infer<typeof SubscriptionCounts>;

export const OutboxStatus = z.enum(['pending', 'sent', 'skipped', 'failed']);
export type OutboxStatus = z.infer<typeof OutboxStatus>;
