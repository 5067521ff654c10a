/**
 * What authorization-matrix.test.ts needs for the lifecycle routes: a valid body per write route,
 * each naming a record version no family has (999), so an allowed caller passes the role and
 * scope checks and is refused by the handler's version check (409) before anything is written:
 * the matrix's own family f_0002 is a seeded family other suites read. lifecycle.test.ts changes
 * families of its own.
 */
const STALE = 999;
export const lifecycleMatrixBodies: Record<string, unknown> = {
  'lifecycle.editDetails': { version: STALE, address: '东关社区 1 号', lowIncome: false, registeredPoor: false, illnessPoverty: false, familyType: 'bereaved' },
  'lifecycle.correctMember': { version: STALE, name: '赵德明', relation: '本人', birthDate: '1958-01-27', gender: 'male', reason: '权限矩阵测试' },
  'lifecycle.recordDeath': { version: STALE, diedOn: '2026-01-01' },
  'lifecycle.moveFamily': { version: STALE, townshipId: 't_liulin', villageId: 'v_liulin', villageName: '柳林村', address: '柳林村 1 号', townshipLeaderId: 'p_lead02', villageCadreId: 'p_cadre03' },
  'lifecycle.transferOut': { version: STALE, destination: '石家庄市', movedOn: '2026-01-01' },
  'lifecycle.handOverCard': { version: STALE, on: '2026-01-01', card: true, infoCard: true },
  'lifecycle.revokeCard': { version: STALE, reason: 'lost' },
  'lifecycle.reissueCard': { version: STALE, cardNo: 'QHMATRIX01' },
};

/**
 * The 双签约 routes: f_0002 is not a 因病致贫 family (a contract is refused, 409) and has no
 * policy-support contract (the claim and the two teams' views answer 404).
 */
export const policySupportMatrixBodies: Record<string, unknown> = {
  'policy.createContract': { cadreId: 'p_cadre01', yearlyIncomeFen: 2_000_000, startDate: '2026-01-01', endDate: '2026-12-31' },
  'policy.updateClaim': { status: 'submitted', claimedFen: 100 },
};

export const lifecycleReachedStatus: Record<string, number> = {
  ...Object.fromEntries(Object.keys(lifecycleMatrixBodies).map((id) => [id, 409])),
  'policy.createContract': 409,
  'policy.updateClaim': 404,
  'policy.getCostBurden': 404,
  'policy.getFollowUpDates': 404,
};
