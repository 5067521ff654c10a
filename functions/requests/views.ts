import { escalationOf, type RequestEntry } from '../../domain';
import type { RequestItem } from '../lib/db/requests';

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
  };
}
