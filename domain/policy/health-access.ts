import type { Principal } from '../auth';

/**
 * THE rule for who may read or act on a member's health file and readings (health data is
 * sensitive personal information under PIPL). Every follow-up and prescription handler asks this
 * one function.
 *
 * - the member's own family: yes (an elderly couple manage each other's follow-ups);
 * - a doctor: the member's signed doctor or anyone on the team of the member's active contract
 *   (the nurse, the village doctor and the specialist of a 1+1+1 family-doctor team share the care),
 *   and only while the member agrees to share health data (the separate consent, read fresh on
 *   every call so a withdrawal takes effect at once); the doctor's follow-up queue still lists a
 *   member who does not share, so the follow-up is not forgotten, but only as "需要当面随访"
 *   (domain/followups/queue.ts#withheldQueueEntry);
 * - anyone else (contact persons, hospital, commission): no; a contact person may see only that a
 *   follow-up is overdue, through the status route, never the readings.
 */
export type HealthAccess = { allowed: true; audited: boolean } | { allowed: false; reason: 'not_family' | 'not_signed' | 'no_consent' | 'role' };

export interface HealthAccessFacts {
  familyId: string;
  /** The member's signing, if any: who their doctor (and team) is. */
  signing?: { doctorId: string; teamName?: string };
  /** Whether the principal is on the team of the member's active contract (asked only of staff). */
  onContractTeam?: boolean;
  /** The member's separate health-data consent. */
  healthDataShared: boolean;
}

export function healthAccess(principal: Principal, facts: HealthAccessFacts): HealthAccess {
  if (principal.role === 'member') return principal.familyId === facts.familyId ? { allowed: true, audited: false } : { allowed: false, reason: 'not_family' };
  if (principal.role === 'doctor') {
    if (facts.signing?.doctorId !== principal.personId && facts.onContractTeam !== true) return { allowed: false, reason: 'not_signed' };
    if (!facts.healthDataShared) return { allowed: false, reason: 'no_consent' };
    // A staff member reading another person's health data: the family sees it in its access log.
    return { allowed: true, audited: true };
  }
  return { allowed: false, reason: 'role' };
}

export const healthAccessMessages: Record<Exclude<HealthAccess, { allowed: true }>['reason'], string> = {
  not_family: '您只能查看自己家人的健康信息',
  not_signed: '这位居民没有与您或您的团队签约，不能查看他的健康档案',
  no_consent: '这位居民还没有同意在线共享健康信息，请先当面征得同意',
  role: '您没有权限查看居民的健康信息',
};

/**
 * A member's online consultations with the doctor's team are health data too, and the doctor's
 * view of the PAST ones follows the health-file rule above: once the member withdraws the
 * health-data consent (or never gave it), the team can no longer open a closed consultation, as
 * it can no longer open the health file; the member still sees all of them, nothing is deleted,
 * and agreeing again shows them again. An open consultation stays visible until it is closed,
 * consent or not: the member opened it to ask that team now, and sending the question is itself
 * sharing it for the answer. Read fresh on every call, like the health file.
 */
export function pastConsultationAccess(facts: { closed: boolean; healthDataShared: boolean }): { allowed: true } | { allowed: false; reason: 'no_consent' } {
  if (!facts.closed || facts.healthDataShared) return { allowed: true };
  return { allowed: false, reason: 'no_consent' };
}

export const pastConsultationMessage = '这位居民没有同意或已撤回在线共享健康信息，已结束的咨询记录不能再查看；如需继续诊疗，请当面征得同意';
