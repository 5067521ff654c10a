import {
  addWorkingDays,
  applicationDeadline,
  ContractDates,
  contractEndDate,
  CostEntryRequest,
  dueSoFar,
  imageKindOf,
  isApplicationOverdue,
  isInRenewalWindow,
  isPovertyWarning,
  isRealDate,
  outOfPocketOf,
  promisesOf,
  renewalStart,
  SigningApplicationRequest,
  signingFiguresDelta,
  TerminateRequest,
  wantsSigning,
} from '../../domain';

describe('working days', () => {
  test('weekends do not count', () => {
    // 2026-11-20 is a Friday.
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-20', 3)).toBe('2026-11-25');
    // Monday + 3 = Thursday.
    expect(addWorkingDays('2026-11-23', 3)).toBe('2026-11-26');
    // Submitted on a Saturday or Sunday: counting starts on Monday.
    expect(addWorkingDays('2026-11-21', 3)).toBe('2026-11-25');
    expect(addWorkingDays('2026-11-22', 3)).toBe('2026-11-25');
    // Across a month and a year end.
    expect(addWorkingDays('2026-12-31', 3)).toBe('2027-01-05');
  });

  test('an application is overdue from the day after its third working day', () => {
    const deadline = applicationDeadline('2026-11-20');
    expect(deadline).toBe('2026-11-25');
    expect(isApplicationOverdue(deadline, '2026-11-25')).toBe(false);
    expect(isApplicationOverdue(deadline, '2026-11-26')).toBe(true);
  });
});

describe('contract dates', () => {
  test('a contract runs one year, to the day before the anniversary', () => {
    expect(contractEndDate('2026-11-23')).toBe('2027-11-22');
    expect(contractEndDate('2026-01-01')).toBe('2026-12-31');
    expect(contractEndDate('2024-02-29')).toBe('2025-02-28');
  });

  test('renewal opens 30 days before the end, not 31, and stays open after a lapse', () => {
    expect(isInRenewalWindow('2026-12-31', '2026-12-01')).toBe(true); // 30 days
    expect(isInRenewalWindow('2026-12-31', '2026-11-30')).toBe(false); // 31 days
    expect(isInRenewalWindow('2026-12-31', '2027-01-10')).toBe(true);
    expect(renewalStart('2026-12-31', '2026-12-01')).toBe('2027-01-01');
    expect(renewalStart('2026-12-31', '2027-01-10')).toBe('2027-01-10');
  });

  test('dates must exist, and a contract must end after it starts and within a year', () => {
    expect(isRealDate('2026-02-30')).toBe(false);
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(ContractDates.safeParse({ startDate: '2026-12-01', endDate: '2026-11-30' }).success).toBe(false);
    expect(ContractDates.safeParse({ startDate: '2026-12-01', endDate: '2027-12-01' }).success).toBe(false);
    expect(ContractDates.safeParse({ startDate: '2026-12-01', endDate: '2027-11-30' }).success).toBe(true);
    expect(ContractDates.safeParse({}).success).toBe(true);
    expect(TerminateRequest.safeParse({ reason: 'moved_out', date: '2026-13-01' }).success).toBe(false);
    expect(TerminateRequest.safeParse({ reason: 'bored', date: '2026-11-01' }).success).toBe(false);
  });
});

describe('packages and performance', () => {
  test('a contract promises the sum of its packages', () => {
    expect(promisesOf(['basic'])).toEqual({ followUps: 12, homeVisits: 4, consultations: 12, refills: 4 });
    expect(promisesOf(['basic', 'elderly_care', 'chronic'])).toEqual({ followUps: 16, homeVisits: 16, consultations: 12, refills: 4 });
  });

  test('due so far is the yearly promise pro rata, rounded down', () => {
    expect(dueSoFar(12, '2026-01-01', '2026-12-31', '2025-12-31')).toBe(0);
    expect(dueSoFar(12, '2026-01-01', '2026-12-31', '2026-01-01')).toBe(0);
    expect(dueSoFar(12, '2026-01-01', '2026-12-31', '2026-07-02')).toBe(6);
    expect(dueSoFar(12, '2026-01-01', '2026-12-31', '2027-05-01')).toBe(12);
  });

  test('unknown packages are refused', () => {
    expect(SigningApplicationRequest.safeParse({ memberId: 'p_m0010', optionalPackages: ['gold'] }).success).toBe(false);
    expect(SigningApplicationRequest.safeParse({ memberId: 'p_m0010', optionalPackages: ['chronic'] }).success).toBe(true);
  });
});

describe('medical-cost ledger', () => {
  const entry = { memberId: 'p_m0006', visitDate: '2026-10-08', place: '清河县人民医院', totalFen: 100000, basicInsuranceFen: 55000, seriousIllnessFen: 10000, medicalAssistanceFen: 15000, commercialFen: 0, claimPending: false };
  const fields = (r: ReturnType<typeof CostEntryRequest.safeParse>) => (r.success ? [] : r.error.issues.map((i) => i.path.join('.')));

  test('out-of-pocket is the total less the paid parts', () => {
    expect(outOfPocketOf(entry)).toBe(20000);
    expect(CostEntryRequest.safeParse(entry).success).toBe(true);
    expect(CostEntryRequest.safeParse({ ...entry, outOfPocketFen: 20000 }).success).toBe(true);
    expect(fields(CostEntryRequest.safeParse({ ...entry, outOfPocketFen: 20001 }))).toEqual(['outOfPocketFen']);
  });

  test('parts may add up to the total exactly, not more', () => {
    expect(CostEntryRequest.safeParse({ ...entry, commercialFen: 20000 }).success).toBe(true);
    expect(fields(CostEntryRequest.safeParse({ ...entry, commercialFen: 20001 }))).toEqual(['totalFen']);
  });

  test('negative or fractional amounts are refused', () => {
    expect(fields(CostEntryRequest.safeParse({ ...entry, basicInsuranceFen: -1 }))).toContain('basicInsuranceFen');
    expect(fields(CostEntryRequest.safeParse({ ...entry, totalFen: 10.5 }))).toContain('totalFen');
  });

  test('the warning fires above the share of income, not at it', () => {
    // Income 30,000 yuan, share 50%: the line is 15,000 yuan.
    expect(isPovertyWarning(1_500_000, 3_000_000, 50)).toBe(false);
    expect(isPovertyWarning(1_500_001, 3_000_000, 50)).toBe(true);
    expect(isPovertyWarning(0, 0, 50)).toBe(false);
  });
});

describe('signature images', () => {
  test('PNG and JPEG by their magic bytes; anything else is not an image', () => {
    expect(imageKindOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(imageKindOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(imageKindOf(new TextEncoder().encode('<svg></svg>'))).toBeUndefined();
    expect(imageKindOf(Uint8Array.from([0x89, 0x50]))).toBeUndefined();
  });
});

describe('who counts as wanting a family doctor (dashboard counters)', () => {
  test('applied, signed and declined want one; never asked, none and terminated do not', () => {
    expect([undefined, 'none', 'applied', 'signed', 'declined', 'terminated'].map((s) => wantsSigning(s as Parameters<typeof wantsSigning>[0]))).toEqual([
      false, false, true, true, true, false,
    ]);
  });

  test.each([
    ['first application', undefined, 'applied', 1, 0],
    ['application after a termination', 'terminated', 'applied', 1, 0],
    ['application after a decline', 'declined', 'applied', 0, 0],
    ['decline', 'applied', 'declined', 0, 0],
    ['acceptance', 'applied', 'signed', 0, 1],
    ['home-visit signing of a member never asked', undefined, 'signed', 1, 1],
    ['home-visit signing after a decline', 'declined', 'signed', 0, 1],
    ['termination', 'signed', 'terminated', -1, -1],
    ['renewal or change of team', 'signed', 'signed', 0, 0],
  ] as const)('%s: %s → %s moves wanting by %i and signed by %i', (_label, from, to, wanting, signed) => {
    expect(signingFiguresDelta(from, to)).toEqual({ wantingMembers: wanting, signedMembers: signed });
  });
});
