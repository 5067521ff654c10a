import { FamilyId, IsoDate, PersonId, TownshipId } from './common';
import { AttachmentRef, AttachmentView, uploadLimits } from './uploads';
import * as z from './zod';

/**
 * Messaging: a family's conversation with each of its contact persons (township, village,
 * volunteer), and consultations (在线咨询) with the family doctor. Both are "threads": the same
 * message shapes, read receipts and unread counts.
 */
export const ConversationPath = z.strictObject({ familyId: FamilyId, staffId: PersonId });
export type ConversationPath = z.infer<typeof ConversationPath>;

export const ConsultationId = z.string().check(z.regex(/^q_[A-Za-z0-9]{8,40}$/, '咨询编号格式不正确'));
export const ConsultationPath = z.strictObject({ familyId: FamilyId, consultationId: ConsultationId });
export type ConsultationPath = z.infer<typeof ConsultationPath>;

/** Counted in characters as a person sees them (code points), not UTF-16 units. */
export const MESSAGE_MAX_CHARS = 1000;
export const MessageText = z.string().check(
  z.refine((s) => s.trim().length > 0, '消息不能为空'),
  z.refine((s) => [...s].length <= MESSAGE_MAX_CHARS, `消息不能超过 ${MESSAGE_MAX_CHARS} 个字`),
);

const Attachments = z.array(AttachmentRef).check(z.maxLength(uploadLimits.image.maxPerMessage, `一条消息最多 ${uploadLimits.image.maxPerMessage} 张图片`));

/** A message: text, photos (up to 9) or one voice clip; at least one of them. */
export const SendMessageRequest = z
  .strictObject({
    text: z.optional(MessageText),
    attachments: z.optional(Attachments),
    /** Doctor only, in a consultation: turn this answer into a follow-up item. */
    followUp: z.optional(z.strictObject({ summary: z.string().check(z.minLength(1, '请填写随访内容'), z.maxLength(100, '随访内容不能超过 100 个字')), dueBy: IsoDate })),
    /** Doctor only, in a consultation: add a link to the booking page. */
    suggestBooking: z.optional(z.boolean()),
  })
  .check(z.refine((m) => Boolean(m.text !== undefined || m.attachments?.length), { message: '请输入文字，或添加图片、语音', path: ['text'] }));
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;

export const ThreadSide = z.enum(['family', 'staff']);
export type ThreadSide = z.infer<typeof ThreadSide>;

export const BOOKING_PAGE = 'packages/booking/book/index';

export const MessageView = z.strictObject({
  /** Also the cursor position of the message: ids sort in time order. */
  id: z.string(),
  at: z.string(),
  senderId: z.string(),
  senderSide: ThreadSide,
  text: z.optional(z.string()),
  attachments: z.array(AttachmentView),
  link: z.optional(z.strictObject({ page: z.string(), label: z.string() })),
  followUpId: z.optional(z.string()),
});
export type MessageView = z.infer<typeof MessageView>;

/** Cursors are message ids (opaque to the app). */
export const MessageCursor = z.string().check(z.regex(/^\d{15}-[0-9a-f]{8,32}$/, '翻页标记格式不正确'));
export const MessageListQuery = z.strictObject({
  /** Older than this message (the next page back). */
  cursor: z.optional(MessageCursor),
  /** Newer than this message (polling while the thread is open). */
  since: z.optional(MessageCursor),
});

export const ThreadSummary = z.strictObject({
  threadId: z.string(),
  kind: z.enum(['conversation', 'consultation']),
  familyId: z.string(),
  familyName: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  /** Names of everyone who may write, by person id, to label messages. */
  participants: z.record(z.string(), z.string()),
  /** The newest message id each side has read (read receipts: a message is read if its id <= this). */
  readUpTo: z.strictObject({ family: z.optional(z.string()), staff: z.optional(z.string()) }),
  unread: z.number(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

/** Newest first. `thread` comes with the first page and with polls (it is read with them). */
export const MessagePage = z.strictObject({
  messages: z.array(MessageView),
  nextCursor: z.optional(z.string()),
  thread: z.optional(ThreadSummary),
});
export type MessagePage = z.infer<typeof MessagePage>;

export const SendMessageResponse = z.strictObject({ message: MessageView });
export type SendMessageResponse = z.infer<typeof SendMessageResponse>;

export const ConsultationStatus = z.enum(['waiting', 'answered', 'closed']);
export type ConsultationStatus = z.infer<typeof ConsultationStatus>;

/** One entry of the staff inbox (contacts and doctors alike). */
export const InboxItem = z.strictObject({
  threadId: z.string(),
  kind: z.enum(['conversation', 'consultation']),
  familyId: z.string(),
  familyName: z.string(),
  villageName: z.string(),
  /** Age of the family's main member today. */
  age: z.optional(z.number()),
  unread: z.number(),
  waiting: z.boolean(),
  waitingSince: z.optional(z.string()),
  lastMessageAt: z.string(),
  preview: z.string(),
  subject: z.optional(z.string()),
  urgent: z.optional(z.boolean()),
  status: z.optional(ConsultationStatus),
  overdue: z.optional(z.boolean()),
  /**
   * A closed consultation of a member who does not share health data (pastConsultationAccess):
   * the row stays, so the team knows it exists and why it cannot open it, but its subject and
   * preview are left out until the member agrees again.
   */
  withheld: z.optional(z.literal(true)),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const InboxResponse = z.strictObject({ items: z.array(InboxItem), unreadTotal: z.number(), nextCursor: z.optional(z.string()) });
export type InboxResponse = z.infer<typeof InboxResponse>;

/** The family's threads with their unread counts (home page badge, contacts page). */
export const FamilyThreadItem = z.strictObject({
  threadId: z.string(),
  kind: z.enum(['conversation', 'consultation']),
  staffId: z.string(),
  staffName: z.string(),
  unread: z.number(),
  lastMessageAt: z.string(),
  preview: z.string(),
  subject: z.optional(z.string()),
  consultationId: z.optional(z.string()),
  status: z.optional(ConsultationStatus),
  urgent: z.optional(z.boolean()),
});
export type FamilyThreadItem = z.infer<typeof FamilyThreadItem>;
export const FamilyThreadsResponse = z.strictObject({ items: z.array(FamilyThreadItem), unreadTotal: z.number() });
export type FamilyThreadsResponse = z.infer<typeof FamilyThreadsResponse>;

export const TRIAGE_QUESTION = '是否有胸痛、呼吸困难、意识不清等急症？';

export const CreateConsultationRequest = z.strictObject({
  consultationId: ConsultationId,
  subject: z.string().check(z.refine((s) => s.trim().length > 0, '请填写咨询主题'), z.maxLength(50, '主题不能超过 50 个字')),
  description: MessageText,
  /** The answer to TRIAGE_QUESTION. */
  urgentSymptoms: z.boolean(),
  attachments: z.optional(Attachments),
});
export type CreateConsultationRequest = z.infer<typeof CreateConsultationRequest>;

export const ConsultationView = z.strictObject({
  consultationId: z.string(),
  familyId: z.string(),
  memberId: z.string(),
  doctorId: z.string(),
  doctorName: z.string(),
  subject: z.string(),
  urgent: z.boolean(),
  status: ConsultationStatus,
  createdAt: z.string(),
  firstReplyDueAt: z.string(),
  overdue: z.boolean(),
  /**
   * For an urgent consultation: whom to call now. 120, and the green channel of the family's own
   * designated institution (functions/lib/db/green-channel.ts) when its township has one.
   */
  emergency: z.optional(z.strictObject({ ambulance: z.literal('120'), hospitalName: z.optional(z.string()), greenChannelPhone: z.optional(z.string()) })),
});
export type ConsultationView = z.infer<typeof ConsultationView>;
export const ConsultationResponse = z.strictObject({ consultation: ConsultationView });
export type ConsultationResponse = z.infer<typeof ConsultationResponse>;

export const CONSULTATION_REPLY_DUE_MS = 24 * 3600_000;
export const CONSULTATION_AUTO_CLOSE_MS = 7 * 24 * 3600_000;

/**
 * A consultation's state at `now`: closed by the member, or automatically 7 days after the doctor's
 * last reply if the member has not written since; answered once the doctor has replied and the
 * member has not written since; otherwise waiting.
 */
export function consultationStatus(
  c: { closedAt?: string; lastStaffAt?: string; lastStaffMsgId?: string; lastFamilyMsgId?: string },
  now: Date,
): ConsultationStatus {
  if (c.closedAt) return 'closed';
  // Message ids sort in time order to the millisecond (the ISO times stop at the second).
  if (!c.lastStaffMsgId || !c.lastStaffAt || (c.lastFamilyMsgId ?? '') > c.lastStaffMsgId) return 'waiting';
  return now.getTime() - new Date(c.lastStaffAt).getTime() >= CONSULTATION_AUTO_CLOSE_MS ? 'closed' : 'answered';
}

export const isOverdue = (c: { createdAt: string; firstReplyAt?: string }, now: Date) =>
  !c.firstReplyAt && now.getTime() - new Date(c.createdAt).getTime() > CONSULTATION_REPLY_DUE_MS;


/**
 * The commission's messaging view (委员会只看数量和响应时间，不看内容): per township of a Beijing
 * month; response times in seconds (null when nothing was answered).
 */
export const MessagingStatsQuery = z.strictObject({
  month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-01'))),
  townshipId: z.optional(TownshipId),
});
export type MessagingStatsQuery = z.infer<typeof MessagingStatsQuery>;
const ResponseTimes = z.strictObject({ median: z.nullable(z.number()), p90: z.nullable(z.number()) });
export const MessagingStatsRow = z.strictObject({
  townshipId: z.string(),
  townshipName: z.string(),
  conversationsOpened: z.number(),
  conversationsAnswered: z.number(),
  conversationFirstResponseSecs: ResponseTimes,
  consultationsOpened: z.number(),
  consultationsAnswered: z.number(),
  consultationFirstResponseSecs: ResponseTimes,
  /** Opened this month and without a first reply after 24 h (still waiting, or answered late). */
  consultationsOverdue: z.number(),
  consultationsWaiting: z.number(),
});
export type MessagingStatsRow = z.infer<typeof MessagingStatsRow>;
export const MessagingStatsResponse = z.strictObject({ month: z.string(), townships: z.array(MessagingStatsRow) });
export type MessagingStatsResponse = z.infer<typeof MessagingStatsResponse>;
