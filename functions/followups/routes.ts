import type { RouteDef } from '../routes';

/**
 * Chronic follow-ups and long prescriptions. The route table admits the roles; which member's
 * health data a caller may touch is decided by the one health-access rule
 * (domain/policy/health-access.ts) in each handler, since it depends on the member's signing and
 * consent, not just on the family.
 */
export const followupsRoutes = [
  { id: 'followups.getMemberHealth', method: 'GET', path: '/families/{familyId}/members/{memberId}/health', handler: 'followups/get-member-health', access: { kind: 'roles', roles: ['member', 'doctor'] }, summary: "A member's health file, follow-up plan and last readings with trends; staff reads are audited" },
  { id: 'followups.putHealthFile', method: 'PUT', path: '/families/{familyId}/members/{memberId}/health-file', handler: 'followups/put-health-file', access: { kind: 'roles', roles: ['doctor'] }, summary: 'The signed doctor writes the health file; the follow-up plan follows from it' },
  { id: 'followups.putPlan', method: 'PUT', path: '/families/{familyId}/members/{memberId}/followup-plan', handler: 'followups/put-plan', access: { kind: 'roles', roles: ['doctor'] }, summary: "The signed doctor adjusts the plan's cadence" },
  { id: 'followups.submit', method: 'POST', path: '/families/{familyId}/members/{memberId}/followups', handler: 'followups/submit-followup', access: { kind: 'roles', roles: ['member'] }, summary: 'A member answers a follow-up; urgent readings go to the doctor first and notify the contacts', idempotent: true },
  { id: 'followups.recordVisit', method: 'POST', path: '/families/{familyId}/members/{memberId}/followup-visits', handler: 'followups/record-visit', access: { kind: 'roles', roles: ['doctor'] }, summary: 'The signed doctor records a visit or phone follow-up, optionally closing a queue item', idempotent: true },
  { id: 'followups.reply', method: 'POST', path: '/families/{familyId}/members/{memberId}/followups/{followUpId}/reply', handler: 'followups/reply-followup', access: { kind: 'roles', roles: ['doctor'] }, summary: "The signed doctor replies to a member's follow-up with advice" },
  { id: 'followups.getQueue', method: 'GET', path: '/doctor/followups', handler: 'followups/get-queue', access: { kind: 'roles', roles: ['doctor'] }, summary: "The doctor's follow-up queue: urgent, overdue, due (one Query); the members shown are audited once a day" },
  { id: 'followups.getTierDue', method: 'GET', path: '/doctor/double-signing', handler: 'followups/get-tier-due', access: { kind: 'roles', roles: ['doctor'] }, summary: 'Double-signing members whose tier (village weekly, township monthly, county quarterly) the calling doctor serves and who are due in the current period' },
  { id: 'followups.getStatus', method: 'GET', path: '/families/{familyId}/followup-status', handler: 'followups/get-followup-status', access: { kind: 'roles', roles: ['member', 'contact', 'doctor'], scope: 'family' }, summary: "Whether each member's follow-up is overdue, without readings" },
  { id: 'prescriptions.list', method: 'GET', path: '/families/{familyId}/members/{memberId}/prescriptions', handler: 'followups/list-prescriptions', access: { kind: 'roles', roles: ['member', 'doctor'] }, summary: "A member's long prescriptions and refill requests" },
  { id: 'prescriptions.create', method: 'POST', path: '/families/{familyId}/members/{memberId}/prescriptions', handler: 'followups/create-prescription', access: { kind: 'roles', roles: ['doctor'] }, summary: 'The signed doctor issues a long prescription (28-56 days) to a stable member', idempotent: true },
  { id: 'prescriptions.requestRefill', method: 'POST', path: '/families/{familyId}/members/{memberId}/prescriptions/{prescriptionId}/refills', handler: 'followups/request-refill', access: { kind: 'roles', roles: ['member'] }, summary: 'A member requests a refill within the last 7 days of a supply', idempotent: true },
  { id: 'prescriptions.listDoctorRefills', method: 'GET', path: '/doctor/refills', handler: 'followups/list-doctor-refills', access: { kind: 'roles', roles: ['doctor'] }, summary: 'Refill requests waiting for the calling doctor' },
  { id: 'prescriptions.approveRefill', method: 'POST', path: '/families/{familyId}/members/{memberId}/prescriptions/{prescriptionId}/refills/{refillId}/approve', handler: 'followups/approve-refill', access: { kind: 'roles', roles: ['doctor'] }, summary: 'The signed doctor approves a refill (one transaction)', idempotent: true },
  { id: 'prescriptions.declineRefill', method: 'POST', path: '/families/{familyId}/members/{memberId}/prescriptions/{prescriptionId}/refills/{refillId}/decline', handler: 'followups/decline-refill', access: { kind: 'roles', roles: ['doctor'] }, summary: 'The signed doctor declines a refill with a reason' },
  { id: 'prescriptions.refillReady', method: 'POST', path: '/families/{familyId}/members/{memberId}/prescriptions/{prescriptionId}/refills/{refillId}/ready', handler: 'followups/ready-refill', access: { kind: 'roles', roles: ['doctor'] }, summary: 'An approved refill is ready for pickup or delivered' },
] as const satisfies readonly RouteDef[];
