import { actedByLabel, escalationOf, quarterLabel, type RequestEntry, type SurveyState } from '../../domain';
import type { RequestItem } from '../lib/db/requests';
import type { SurveyItem } from '../lib/db/survey';

/** A stored request as the API shows it, with its escalation as of `today`. */
export function toRequestEntry(item: RequestItem, today: string): RequestEntry {
  return {
    requestId: item.requestId,
    familyId: item.familyId,
    familyName: item.familyName,
    villageName: item.villageName,
    townshipName: item.townshipName,
    category: item.category,
    text: item.text,
    status: item.status,
    dueDate: item.dueDate,
    raisedAt: item.raisedAt,
    raisedBy: item.raisedBy,
    assignee: item.assignee,
    escalation: escalationOf(item.status, item.dueDate, today),
    timeline: item.timeline,
    version: item.version,
    actedLabel: item.actedBy ? actedByLabel(item.actedBy) : undefined,
  };
}

/** The quarter's survey as the family sees it, with the answer if one was given (or recorded face to face). */
export function surveyStateOf(quarter: string, today: string, answer: SurveyItem | undefined): SurveyState {
  return {
    quarter,
    quarterLabel: quarterLabel(quarter),
    today,
    answered: Boolean(answer),
    answer: answer
      ? {
          awareness: answer.awareness,
          satisfaction: answer.satisfaction,
          answeredAt: answer.answeredAt,
          byName: answer.byName,
          actedLabel: answer.actedBy ? actedByLabel(answer.actedBy) : undefined,
        }
      : undefined,
  };
}
