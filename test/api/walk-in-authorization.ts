import { toBeijingIso } from '../../domain';

/**
 * What authorization-matrix.test.ts needs for the hospital window's routes: a valid body each, and
 * the routes whose "allowed" answer needs a real family at the window (walk-in.test.ts exercises
 * them; the matrix checks they pass the role check). The lookup names a card number nobody holds
 * and the records carry no valid ticket, so an allowed call is answered 4xx and records nothing.
 */
export const walkInMatrixBodies: Record<string, unknown> = {
  'hospital.findPatient': { by: 'cardNo', cardNo: 'ZZMATRIX0000' },
  'hospital.recordWalkIn': { presentedTicket: 'x.y.z', memberId: 'p_m0003', departmentId: 'qk', priorities: [], escort: false, wheelchair: false, reductions: [], payLater: false },
  'hospital.recordEmergencyAdmission': { presentedTicket: 'x.y.z', memberId: 'p_m0003', reason: '突发胸痛', relativesTried: '亲属电话未接通', leaderName: '李院长', approvedAt: toBeijingIso(new Date()) },
};

export const walkInNeedsResources = new Set<string>(['hospital.findPatient', 'hospital.recordWalkIn', 'hospital.recordEmergencyAdmission']);
