import {
  addDays,
  beijingDate,
  beijingWhen,
  DISCHARGE_FOLLOW_UP_DAYS,
  dueState,
  formatChineseDate,
  followUpKindLabels,
  priorityForDue,
  type QueueEntry,
  type QueueResponse,
  sortQueue,
  urgentFlagLabels,
  withheldQueueEntry,
} from '../../domain';
import { auditListRead } from '../lib/db/audit';
import { queueItems } from '../lib/db/followups';
import { getPersons } from '../lib/db/persons';
import { routeHandler } from '../lib/http/route-handler';

/**
 * The doctor's follow-up queue in ONE Query (functions/lib/db/followups.ts#queueItems): urgent
 * readings awaiting review first, then overdue, then due. Due and overdue are computed here from
 * each plan's cadence and last completed follow-up with the request's clock; only the plan's place
 * in the index follows its due date. Discharge hand-backs (booking) are due within 7 days of
 * discharge; follow-up items from consultations are due by the date the doctor set.
 *
 * Every entry is health data (a member's readings, chronic follow-up, discharge or consultation
 * note), so the health-file rule applies: members who do not share health data online (consent read
 * fresh, one BatchGet per 100 members) keep their place in the queue without the data
 * (withheldQueueEntry), and each member whose data is shown is audited once a day by the list-read
 * rule (lib/db/audit.ts): one BatchGet per view, plus a BatchWrite per 25 members the first view of
 * a day.
 */
export const handler = routeHandler('followups.getQueue', {}, async ({ principal, now }) => {
  const today = beijingDate(now);
  const found = await queueItems(principal.personId, today);
  const entries: QueueEntry[] = [];
  for (const plan of found.plans) {
    const base = { familyId: plan.familyId, memberId: plan.memberId, memberName: plan.memberName };
    if (plan.pending) {
      const urgent = plan.pending.urgent.length > 0;
      entries.push({
        ...base,
        kind: urgent ? 'urgent' : 'review',
        priority: urgent ? 'urgent' : 'due',
        dueOn: plan.pending.at.slice(0, 10),
        title: urgent ? `读数异常：${plan.pending.urgent.map((f) => urgentFlagLabels[f]).join('、')}` : `${followUpKindLabels.online}待回复`,
        detail: `提交于 ${beijingWhen(plan.pending.at, now)}`,
        followUpId: plan.pending.followUpId,
      });
      continue;
    }
    const { state, dueOn } = dueState(plan, today);
    if (state === 'upcoming') continue;
    entries.push({ ...base, kind: 'plan', priority: state, dueOn, title: state === 'overdue' ? '随访已逾期' : '该随访了', detail: plan.lastCompletedOn ? `上次随访 ${formatChineseDate(plan.lastCompletedOn, today)}` : '还没有随访记录' });
  }
  for (const d of found.discharges) {
    const dueOn = d.followUpDueBy.slice(0, 10) || addDays(d.dischargedAt.slice(0, 10), DISCHARGE_FOLLOW_UP_DAYS);
    entries.push({
      kind: 'discharge',
      priority: priorityForDue(dueOn, today),
      familyId: d.familyId,
      memberId: d.memberId,
      memberName: d.memberName,
      dueOn,
      title: `出院随访：${d.hospitalName}`,
      detail: `${d.dischargedAt.slice(0, 10)} 出院。${d.note}`,
      ref: d.gsi1sk,
    });
  }
  for (const item of found.consultItems) {
    const dueOn = item.dueBy.slice(0, 10);
    entries.push({
      kind: 'item',
      priority: priorityForDue(dueOn, today),
      familyId: item.familyId,
      memberId: item.memberId,
      memberName: item.memberName ?? '签约居民',
      dueOn,
      title: '咨询后随访',
      detail: item.summary,
      ref: item.gsi1sk,
    });
  }
  // One subject per member, named from its first entry: plans and readings carry the member's name;
  // a consultation's follow-up item may not (then the queue says 签约居民).
  const perMember = [...new Map(entries.toReversed().map((e) => [e.memberId, e])).values()];
  const persons = perMember.length > 0 ? await getPersons(perMember.map((e) => e.memberId)) : [];
  const sharing = new Set(persons.filter((p) => p.consent?.healthData === true).map((p) => p.personId));
  const shown = perMember.filter((e) => sharing.has(e.memberId));
  await auditListRead(principal, shown.map((e) => ({ familyId: e.familyId, subjectId: e.memberId, subjectName: e.memberName, field: 'health' as const })), 'followups.getQueue', now);
  const items = entries.map((e) => (sharing.has(e.memberId) ? e : withheldQueueEntry(e)));
  const body: QueueResponse = { items: sortQueue(items), today };
  return { body };
});
