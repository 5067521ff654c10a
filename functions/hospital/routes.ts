import type { RouteDef } from '../routes';

/** The hospital window without a booking: finding the family, walk-ins, emergency admissions. */
export const hospitalRoutes = [
  { id: 'hospital.findPatient', method: 'POST', path: '/hospital/patient-lookups', handler: 'hospital/find-patient', access: { kind: 'roles', roles: ['hospital'] }, summary: 'Find a family at the window by card code, card number, or name and the last 6 ID characters (rate-limited per staff member, audited)' },
  { id: 'hospital.recordWalkIn', method: 'POST', path: '/hospital/walk-ins', handler: 'hospital/record-walk-in', access: { kind: 'roles', roles: ['hospital'] }, summary: 'Record a walk-in visit: priorities given, escort or wheelchair, fee reductions, 先诊疗后付费', idempotent: true },
  { id: 'hospital.listWalkIns', method: 'GET', path: '/hospital/walk-ins', handler: 'hospital/list-walk-ins', access: { kind: 'roles', roles: ['hospital'] }, summary: "Today's walk-in visits at the caller's institution (one Query)" },
  { id: 'hospital.recordEmergencyAdmission', method: 'POST', path: '/hospital/emergency-admissions', handler: 'hospital/record-emergency-admission', access: { kind: 'roles', roles: ['hospital'] }, summary: "Emergency admission with the hospital leader's approval when no relative can be reached", idempotent: true },
] as const satisfies readonly RouteDef[];
