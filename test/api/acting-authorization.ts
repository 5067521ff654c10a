/**
 * What authorization-matrix.test.ts needs to reach the acting (代办) routes: a valid body per body
 * route, and the routes whose "allowed" answer needs real data (a session, a booking, a
 * prescription; exercised in acting.test.ts), for which the matrix checks only that they pass the
 * acting checks. Bodies name sessions and a prescription that do not exist and a township centre for
 * the bed request, so an allowed call is answered 4xx without writing; the survey and the request
 * are allowed for real (the survey once per quarter: a later call gets the stored answer).
 */
export const actingMatrixBodies: Record<string, unknown> = {
  'acting.putSetting': { refused: false },
  'acting.book': { institutionId: 'org_xyy', sessionId: '2030-01-01.zzzz.am', memberId: 'p_m0003' },
  'acting.cancelBooking': { reason: '临时有事' },
  'acting.rescheduleBooking': { sessionId: '2030-01-01.zzzz.am' },
  'acting.requestAdmission': { institutionId: 'org_cgwsy', memberId: 'p_m0003', reason: '需要住院' },
  'acting.requestRefill': { fulfilment: 'delivery' },
  'acting.createRequest': { category: 'other', text: '权限矩阵测试（代办）' },
  'acting.recordSurvey': { awareness: 'know_all', satisfaction: 'satisfied' },
};

export const actingNeedsResources = new Set<string>(['acting.book', 'acting.cancelBooking', 'acting.rescheduleBooking', 'acting.requestAdmission', 'acting.requestRefill', 'acting.recordSurvey']);

/**
 * Acting for one member named in the path: a doctor who is not the member's signed doctor is
 * asked about the member's contract team (one key-only GetItem after the BatchGet), as for health data.
 */
export const actingTeamScoped = ['acting.requestRefill'];
