import { addDays, beijingDate, CONTACT_BACKDATE_DAYS, ContactRecordRequest, FamilyPath, type ContactEntry } from '../../domain';
import { contactRecording, readContactState, type OnlineContactLogItem } from '../lib/db/ledger';
import { backoff, transact, TransactionRefused } from '../lib/db/transact';
import { closeUrgentTaskPart, type UrgentTaskItem } from '../lib/db/urgent-tasks';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { contactEntry } from './views';

/** Replies in messaging may race for the same summary and counters: a few reads and tries. */
const MAX_ATTEMPTS = 6;

/** Why a hand-entered 网络沟通 is refused: the day's online contact is in the ledger already. */
function onlineAlreadyCounted(slot: OnlineContactLogItem) {
  return conflict(
    slot.handContactId
      ? '这一天您和这户家庭的网络沟通已经记过一次，不用重复记录'
      : '这一天您在“消息”里已经和这户家庭沟通过，系统已自动记为一次网络沟通，不用再记',
  );
}

/** Why the urgent task named in the request could not be closed, from the task as it was. */
function taskRefusal(task: UrgentTaskItem | undefined, visitedOn: string) {
  if (!task) return notFound('没有找到派给您的这项看望任务');
  if (task.status !== 'open') return conflict('这项看望任务已经记录过走访了');
  if (task.dueOn > visitedOn) return badRequest('走访日期早于看望任务的日期', { 'body.date': '看望任务之后的走访才能完成任务' });
  return conflict('这项看望任务刚刚有变化，请刷新后再提交');
}

/**
 * A contact person records a contact with a family they serve. The contact, the family's ledger
 * summary, the township's counters and the Idempotency-Key's answer are written in one
 * transaction (functions/lib/db/ledger/contacts.ts). A 网络沟通 counts once per staff member, family and
 * day: if a reply in messaging already counted the day (or an earlier hand entry did), the hand
 * entry is refused with 409 and a message saying so. A home visit may name the caller's urgent task
 * (今天去看望) it answers: the task is closed in the same transaction.
 */
export const handler = routeHandler('ledger.recordContact', { path: FamilyPath, body: ContactRecordRequest }, async ({ path, body, principal, now, idempotency }) => {
  const today = beijingDate(now);
  if (body.date > today) throw badRequest('联系日期不能晚于今天', { 'body.date': '不能填写未来的日期' });
  if (body.date < addDays(today, -CONTACT_BACKDATE_DAYS)) {
    const tooEarly = `只能补记 ${CONTACT_BACKDATE_DAYS} 天内的联系`;
    throw badRequest(tooEarly, { 'body.date': tooEarly });
  }

  const online = body.type === 'online';
  for (let attempt = 1; ; attempt++) {
    const state = await readContactState(path.familyId, { personId: principal.personId, ...(online ? { onlineSlot: { date: body.date, staffId: principal.personId } } : {}) });
    if (!state) throw notFound('没有找到这户家庭');
    const { person: staff, summary, onlineSlot } = state;
    if (!staff) throw notFound('没有找到您的工作人员信息，请联系管理员');
    if (onlineSlot) throw onlineAlreadyCounted(onlineSlot);
    const { item, parts } = contactRecording({ familyId: path.familyId, staffId: principal.personId, staffName: staff.name, body }, summary, now);
    const response: ContactEntry = contactEntry(item as unknown as Record<string, unknown>);
    const task = body.taskId ? [closeUrgentTaskPart({ familyId: path.familyId, taskId: body.taskId, staffId: principal.personId, contactId: item.contactId, visitedOn: body.date }, now)] : [];
    try {
      await transact([...parts, ...task, ...idempotency.marker(response, 201)]);
      return { status: 201, body: response };
    } catch (err) {
      if (err instanceof TransactionRefused && err.has('task')) throw taskRefusal(err.itemOf<UrgentTaskItem>('task'), body.date);
      // A reply or another contact got there first: read again (a slot taken is answered above).
      if (!(err instanceof TransactionRefused) || !(err.has('summary') || err.has('onlineSlot'))) throw err;
      if (attempt >= MAX_ATTEMPTS) throw conflict('这户家庭的台账正在更新，请稍后再提交');
      await backoff(attempt);
    }
  }
});
