/**
 * What authorization-matrix.test.ts needs to reach the booking routes: ids for the path
 * placeholders (well-formed, naming nothing), a valid body per body route, and the routes whose
 * "allowed" answer needs real bookings (exercised in booking.test.ts and
 * booking-authorization.test.ts; the matrix checks they pass the role and scope checks).
 * Bodies name sessions that do not exist and a township centre for the bed request, so an allowed
 * call is answered 4xx without writing.
 */
export const fillBookingIds = (path: string) =>
  path
    .replace('{bookingId}', 'bk_0000000000000000')
    .replace('{admissionId}', 'adm_000000000000')
    .replace('{institutionId}', 'org_xyy')
    .replace('{date}', '2030-01-01')
    .replace('{target}', 'ALL');

const missingSession = { institutionId: 'org_xyy', sessionId: '2030-01-01.zzzz.am' };
export const bookingMatrixBodies: Record<string, unknown> = {
  'booking.book': { ...missingSession, memberId: 'p_m0003' },
  'booking.cancel': { reason: '临时有事' },
  'hospital.noShow': {},
  'booking.reschedule': { sessionId: '2030-01-01.zzzz.am' },
  'booking.joinWaitlist': { ...missingSession, memberId: 'p_m0003' },
  'booking.acceptOffer': { ...missingSession, memberId: 'p_m0003' },
  'booking.requestAdmission': { institutionId: 'org_cgwsy', memberId: 'p_m0003', reason: '需要住院' },
  'booking.refer': { familyId: 'f_0002', memberId: 'p_m0003', ...missingSession, reason: '转诊复查' },
  'hospital.checkCard': { token: `LXCARD1.${'a'.repeat(40)}` },
  'hospital.checkIn': { token: `LXCARD1.${'a'.repeat(40)}` },
  'hospital.recordVisit': { prioritiesGiven: ['优先挂号'] },
  'hospital.decideAdmission': { accept: false, reason: '暂无床位' },
  'hospital.discharge': { dischargedAt: '2030-01-01T10:00:00+08:00', note: '好转出院' },
  // Refused by the handler (no such doctor; a substitute with no one away): the seeded schedule others read stays as it is.
  'hospital.putDoctorSchedule': { doctorId: 'dr_nobody', slots: [] },
  'hospital.putOverride': { date: '2030-01-01', substituteDoctorId: 'dr_nobody', reason: '权限矩阵' },
  // A department the hospital does not have: refused by the handler, so no doctor joins the seeded roster.
  'hospital.addDoctor': { name: '权限矩阵', title: '主治医师', departmentId: 'nowhere' },
};

export const bookingNeedsResources = new Set<string>([
  'booking.listSessions',
  'booking.book',
  'booking.getBooking',
  'booking.cancel',
  'booking.reschedule',
  'booking.joinWaitlist',
  'booking.acceptOffer',
  'booking.requestAdmission',
  'booking.refer',
  'hospital.checkCard',
  'hospital.checkIn',
  'hospital.noShow',
  'hospital.recordVisit',
  'hospital.decideAdmission',
  'hospital.discharge',
  'hospital.putDoctorSchedule',
  'hospital.addDoctor',
  'hospital.putOverride',
  'hospital.deleteOverride',
]);
