import {
  ageOn,
  beijingDate,
  CONSULTATION_REPLY_DUE_MS,
  consultationStatus,
  isOverdue,
  toBeijingIso,
  type ConsultationView,
  type FamilyThreadItem,
  type InboxItem,
  type MessageView,
  type MessagingStatsRow,
  type ThreadSide,
  type ThreadSummary,
} from '../../../domain';
import type { GreenChannel } from '../../../domain/designated-institution';
import type { InboxSource } from '../db/messaging/inbox';
import type { MessagingStatsItem } from '../db/messaging/stats';
import type { MessageItem, ThreadMetaItem } from '../db/messaging/threads';
import { attachmentView } from '../storage/uploads';

/**
 * What messaging's answers show, made from the stored items: the db layer returns items, these
 * shape them for the app (presigned attachment URLs, consultation status and due times, the
 * inbox's order, the commission's numbers).
 */
export async function messageView(m: MessageItem): Promise<MessageView> {
  return {
    id: m.messageId,
    at: m.at,
    senderId: m.senderId,
    senderSide: m.senderSide,
    ...(m.text !== undefined ? { text: m.text } : {}),
    attachments: await Promise.all(m.attachments.map(attachmentView)),
    ...(m.link ? { link: m.link } : {}),
    ...(m.followUpId ? { followUpId: m.followUpId } : {}),
  };
}

export function threadSummary(meta: ThreadMetaItem, side: ThreadSide): ThreadSummary {
  return {
    threadId: meta.threadId,
    kind: meta.kind,
    familyId: meta.familyId,
    familyName: meta.familyName,
    staffId: meta.staffId,
    staffName: meta.staffName,
    participants: meta.participants,
    readUpTo: { ...(meta.familyReadUpTo ? { family: meta.familyReadUpTo } : {}), ...(meta.staffReadUpTo ? { staff: meta.staffReadUpTo } : {}) },
    unread: (side === 'family' ? meta.unreadFamily : meta.unreadStaff) ?? 0,
  };
}

/** `greenChannel`: the family's designated institution, shown with 120 when the consultation is urgent. */
export function consultationView(meta: ThreadMetaItem, now: Date, greenChannel?: GreenChannel): ConsultationView {
  return {
    consultationId: meta.threadId,
    familyId: meta.familyId,
    memberId: meta.memberId ?? '',
    doctorId: meta.staffId,
    doctorName: meta.staffName,
    subject: meta.subject ?? '',
    urgent: Boolean(meta.urgent),
    status: consultationStatus(meta, now),
    createdAt: meta.createdAt,
    firstReplyDueAt: toBeijingIso(new Date(new Date(meta.createdAt).getTime() + CONSULTATION_REPLY_DUE_MS)),
    overdue: isOverdue({ createdAt: meta.createdAt, firstReplyAt: meta.firstReplyAt }, now),
    ...(meta.urgent ? { emergency: { ambulance: '120' as const, ...(greenChannel ? { hospitalName: greenChannel.name, greenChannelPhone: greenChannel.greenChannelPhone } : {}) } } : {}),
  };
}

function inboxItem(i: InboxSource, now: Date, withheld: boolean): InboxItem {
  const waiting = i.entity === 'thread';
  const today = beijingDate(now);
  const consultation = i.kind === 'consultation';
  return {
    threadId: i.threadId,
    kind: i.kind,
    familyId: i.familyId,
    familyName: i.familyName ?? '',
    villageName: i.villageName ?? '',
    ...(i.mainBirthDate ? { age: ageOn(i.mainBirthDate, today) } : {}),
    unread: waiting ? (i.unreadStaff ?? 0) : 0,
    waiting,
    ...(waiting && i.waitingSince ? { waitingSince: i.waitingSince } : {}),
    lastMessageAt: i.lastMessageAt ?? i.createdAt ?? '',
    preview: withheld ? '' : (i.preview ?? ''),
    ...(consultation
      ? {
          ...(withheld ? { withheld: true as const } : { subject: i.subject }),
          urgent: Boolean(i.urgent),
          status: consultationStatus(i, now),
          overdue: isOverdue({ createdAt: i.createdAt ?? '', firstReplyAt: i.firstReplyAt }, now),
        }
      : {}),
  };
}

/**
 * A page of the staff inbox in stored order, except that an overdue consultation is first in the
 * doctor's queue, urgent or not. `withheld`: threads whose text the caller may no longer see.
 */
export function inboxItems(sources: InboxSource[], now: Date, withheld: ReadonlySet<string> = new Set()): InboxItem[] {
  const items = sources.map((s) => inboxItem(s, now, withheld.has(s.threadId)));
  const overdue = items.filter((i) => i.waiting && i.overdue);
  return [...overdue, ...items.filter((i) => !overdue.includes(i))];
}

/** The family's threads with unread counts, most recent first. */
export function familyThreadItems(metas: ThreadMetaItem[], now: Date): FamilyThreadItem[] {
  return metas
    .map((m) => ({
      threadId: m.threadId,
      kind: m.kind,
      staffId: m.staffId,
      staffName: m.staffName,
      unread: m.unreadFamily ?? 0,
      lastMessageAt: m.lastMessageAt ?? m.createdAt,
      preview: m.preview ?? '',
      ...(m.kind === 'consultation'
        ? { subject: m.subject, consultationId: m.consultationId, status: consultationStatus(m, now), urgent: Boolean(m.urgent) }
        : {}),
    }))
    .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
}

/** Nearest-rank percentile of seconds; undefined for no data. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The row the commission sees: numbers only (the item holds no content; consultation ids stay here). */
export function statsRow(item: MessagingStatsItem, now: Date): MessagingStatsRow {
  const conv = item.conversationResponseSecs ?? [];
  const cons = item.consultationResponseSecs ?? [];
  const overdueWaiting = [...(item.waiting ?? [])].filter((w) => now.getTime() - new Date(w.split('|')[0]!).getTime() > CONSULTATION_REPLY_DUE_MS).length;
  const times = (v: number[]) => ({ median: percentile(v, 50) ?? null, p90: percentile(v, 90) ?? null });
  return {
    townshipId: item.townshipId,
    townshipName: item.townshipName,
    conversationsOpened: item.conversationsOpened ?? 0,
    conversationsAnswered: item.conversationsAnswered ?? 0,
    conversationFirstResponseSecs: times(conv),
    consultationsOpened: item.consultationsOpened ?? 0,
    consultationsAnswered: item.consultationsAnswered ?? 0,
    consultationFirstResponseSecs: times(cons),
    consultationsOverdue: overdueWaiting + (item.answeredLate ?? 0),
    consultationsWaiting: item.waiting?.size ?? 0,
  };
}
