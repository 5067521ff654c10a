import type { Principal } from '../auth';
import { actingMessages } from '../acting';

/**
 * THE rule for who may act on a family's behalf (代办). Every acting handler asks this one function.
 *
 * - a contact person: only for a family assigned to them;
 * - a doctor: for a member signed to them or to the team of the member's active contract; for what
 *   concerns the whole family (a request, the survey), a family they serve as its signed doctor;
 * - anyone else: no (a member acts for their own family through the member's own routes);
 * - and in every case only while the family has not asked that nobody acts for it. The refusal is
 *   checked last so that a stranger learns nothing about the family's setting.
 */
export type ActingDecision = { allowed: true } | { allowed: false; reason: keyof typeof actingMessages };

export interface ActingFacts {
  /** The caller holds a contact place in the family (any kind, the signed doctor included). */
  assigned: boolean;
  /** A member-level action: the member is signed to the caller or the caller's contract team. */
  signedToCaller?: boolean;
  /** The action concerns one member (book, bed, refill) rather than the whole family. */
  forMember: boolean;
  refused: boolean;
}

export function actingDecision(principal: Pick<Principal, 'role'>, facts: ActingFacts): ActingDecision {
  if (principal.role === 'contact') {
    if (!facts.assigned) return { allowed: false, reason: 'notAssigned' };
  } else if (principal.role === 'doctor') {
    if (facts.forMember ? facts.signedToCaller !== true : !facts.assigned) return { allowed: false, reason: 'notSigned' };
  } else {
    return { allowed: false, reason: 'role' };
  }
  return facts.refused ? { allowed: false, reason: 'refused' } : { allowed: true };
}
