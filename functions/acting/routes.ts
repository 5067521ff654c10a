import type { RouteDef } from '../routes';

/**
 * Acting on a family's behalf (代办): contact persons for families assigned to them, the signed
 * doctor's team for members signed to it (functions/lib/http/acting.ts decides, per call). The
 * family's own setting (member routes) says whether anyone may act for it.
 */
const staff = ['contact', 'doctor'] as const;
export const actingRoutes = [
  { id: 'acting.getSetting', method: 'GET', path: '/families/{familyId}/acting-setting', handler: 'acting/get-setting', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: 'Whether the family lets its contacts and doctor act for it (代办)' },
  { id: 'acting.putSetting', method: 'PUT', path: '/families/{familyId}/acting-setting', handler: 'acting/put-setting', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: 'A member allows or refuses that staff act for the family' },
  { id: 'acting.getFamily', method: 'GET', path: '/acting/families/{familyId}', handler: 'acting/get-family', access: { kind: 'roles', roles: staff }, summary: "Before acting: the family's members and whether it lets staff act for it" },
  { id: 'acting.book', method: 'POST', path: '/acting/families/{familyId}/bookings', handler: 'acting/book', access: { kind: 'roles', roles: staff }, summary: 'Book a priority place for a member of the family, on its behalf', idempotent: true },
  { id: 'acting.cancelBooking', method: 'POST', path: '/acting/families/{familyId}/bookings/{bookingId}/cancel', handler: 'acting/cancel-booking', access: { kind: 'roles', roles: staff }, summary: "Cancel a family's booking on its behalf" },
  { id: 'acting.rescheduleBooking', method: 'POST', path: '/acting/families/{familyId}/bookings/{bookingId}/reschedule', handler: 'acting/reschedule-booking', access: { kind: 'roles', roles: staff }, summary: "Move a family's booking to another session on its behalf", idempotent: true },
  { id: 'acting.requestAdmission', method: 'POST', path: '/acting/families/{familyId}/admissions', handler: 'acting/request-admission', access: { kind: 'roles', roles: staff }, summary: "Ask a designated hospital for a bed for a member, on the family's behalf", idempotent: true },
  { id: 'acting.requestRefill', method: 'POST', path: '/acting/families/{familyId}/members/{memberId}/prescriptions/{prescriptionId}/refills', handler: 'acting/request-refill', access: { kind: 'roles', roles: staff }, summary: "Request a long-prescription refill for a member, on the family's behalf", idempotent: true },
  { id: 'acting.createRequest', method: 'POST', path: '/acting/families/{familyId}/requests', handler: 'acting/create-request', access: { kind: 'roles', roles: staff }, summary: "Raise a request (诉求) on the family's behalf", idempotent: true },
  { id: 'acting.recordSurvey', method: 'POST', path: '/acting/families/{familyId}/survey', handler: 'acting/record-survey', access: { kind: 'roles', roles: staff }, summary: "Record this quarter's survey face to face (入户调查), counted apart from answers in the app" },
] as const satisfies readonly RouteDef[];
