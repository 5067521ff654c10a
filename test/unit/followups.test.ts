import {
  addMonths,
  dueState,
  followUpRecentEnough,
  followUpReminderAt,
  FollowUpRequest,
  healthAccess,
  planCadence,
  PrescriptionRequest,
  refillBlock,
  sortQueue,
  stableForLongRx,
  trendsFrom,
  urgentAdvice,
  urgentFlags,
} from '../../domain';

describe('plan cadence', () => {
  test('monthly by default, weekly for semi-disabled or disabled, weekly (village tier) in the poverty programme', () => {
    expect(planCadence({ mobility: 'independent', poverty: false })).toEqual({ cadence: 'monthly', reason: 'default' });
    expect(planCadence({ mobility: 'semi_disabled', poverty: false })).toEqual({ cadence: 'weekly', reason: 'mobility' });
    expect(planCadence({ mobility: 'disabled', poverty: true })).toEqual({ cadence: 'weekly', reason: 'mobility' });
    expect(planCadence({ mobility: 'independent', poverty: true })).toEqual({ cadence: 'weekly', reason: 'poverty' });
  });

  test('months are calendar months, clamped at the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-22', 3)).toBe('2027-02-22');
  });

  test('due and overdue at their boundaries (monthly: due 7 days before, overdue the day after)', () => {
    const plan = { cadence: 'monthly' as const, startedOn: '2026-01-01', lastCompletedOn: '2026-10-22' };
    expect(dueState(plan, '2026-11-14')).toEqual({ state: 'upcoming', dueOn: '2026-11-22' });
    expect(dueState(plan, '2026-11-15')).toEqual({ state: 'due', dueOn: '2026-11-22' });
    expect(dueState(plan, '2026-11-22')).toEqual({ state: 'due', dueOn: '2026-11-22' });
    expect(dueState(plan, '2026-11-23')).toEqual({ state: 'overdue', dueOn: '2026-11-22' });
    const weekly = { cadence: 'weekly' as const, startedOn: '2026-01-01', lastCompletedOn: '2026-11-15' };
    expect(dueState(weekly, '2026-11-20').state).toBe('upcoming');
    expect(dueState(weekly, '2026-11-21').state).toBe('due');
    expect(dueState(weekly, '2026-11-23').state).toBe('overdue');
    expect(dueState({ cadence: 'quarterly', startedOn: '2026-11-22' }, '2026-11-22')).toEqual({ state: 'due', dueOn: '2026-11-22' });
  });
});

describe('urgent readings', () => {
  test.each([
    [{ systolic: 179, diastolic: 109 }, []],
    [{ systolic: 180, diastolic: 90 }, ['bp_high']],
    [{ systolic: 150, diastolic: 110 }, ['bp_high']],
    [{ glucose: 3.9, glucoseTiming: 'fasting' as const }, []],
    [{ glucose: 3.8, glucoseTiming: 'fasting' as const }, ['glucose_low']],
    [{ glucose: 16.7, glucoseTiming: 'after_meal' as const }, []],
    [{ glucose: 16.8, glucoseTiming: 'after_meal' as const }, ['glucose_high']],
  ])('%j → %j', (readings, flags) => {
    expect(urgentFlags(readings)).toEqual(flags);
  });

  test('advice says what to do now, and 120, only when urgent', () => {
    expect(urgentAdvice([])).toEqual([]);
    expect(urgentAdvice(['bp_high']).join('')).toMatch(/休息.*120/);
  });

  test('plausible ranges are enforced by the schema, at their edges', () => {
    const form = (readings: object) => ({ readings, symptoms: [], missedDoses: 0, mood: 'good' });
    expect(FollowUpRequest.safeParse(form({ systolic: 60, diastolic: 30 })).success).toBe(true);
    expect(FollowUpRequest.safeParse(form({ systolic: 260, diastolic: 160 })).success).toBe(true);
    expect(FollowUpRequest.safeParse(form({ systolic: 59, diastolic: 30 })).success).toBe(false);
    expect(FollowUpRequest.safeParse(form({ systolic: 261, diastolic: 100 })).success).toBe(false);
    expect(FollowUpRequest.safeParse(form({ systolic: '130', diastolic: 80 })).success).toBe(false);
  });
});

describe('long prescriptions and refills', () => {
  const rxBody = (supplyDays: number) => ({ items: [{ medicine: '氨氯地平片', dose: '每日1片', quantity: '2盒' }], supplyDays, refills: 1, validUntil: '2027-01-01' });
  test.each([[27, false], [28, true], [56, true], [57, false]])('supply of %i days accepted: %s', (days, ok) => {
    expect(PrescriptionRequest.safeParse(rxBody(days)).success).toBe(ok);
  });

  const rx = { supplyEndsOn: '2026-12-01', validUntil: '2027-03-01', refillsRemaining: 2 };
  test('day 7 before run-out may request, day 8 may not', () => {
    expect(refillBlock(rx, '2026-11-24')).toBeUndefined();
    expect(refillBlock(rx, '2026-11-23')).toMatchObject({ opensOn: '2026-11-24' });
  });
  test('expired, exhausted or already open: refused with the reason', () => {
    expect(refillBlock({ ...rx, validUntil: '2026-11-23' }, '2026-11-24')?.reason).toMatch(/过期/);
    expect(refillBlock({ ...rx, validUntil: '2026-11-24' }, '2026-11-24')).toBeUndefined();
    expect(refillBlock({ ...rx, refillsRemaining: 0 }, '2026-11-24')?.reason).toMatch(/用完/);
    expect(refillBlock({ ...rx, openRefillId: 'rf_x' }, '2026-11-24')?.reason).toMatch(/办理中/);
  });
  test('stable within 90 days; follow-up within 30 days', () => {
    expect(stableForLongRx({ status: 'stable', assessedOn: '2026-08-24' }, '2026-11-22')).toBe(true);
    expect(stableForLongRx({ status: 'stable', assessedOn: '2026-08-23' }, '2026-11-22')).toBe(false);
    expect(stableForLongRx({ status: 'unstable', assessedOn: '2026-11-22' }, '2026-11-22')).toBe(false);
    expect(followUpRecentEnough('2026-10-23', '2026-11-22')).toBe(true);
    expect(followUpRecentEnough('2026-10-22', '2026-11-22')).toBe(false);
    expect(followUpRecentEnough(undefined, '2026-11-22')).toBe(false);
  });
});

describe('queue and trends', () => {
  test('urgent, then overdue, then due; earliest first', () => {
    const e = (memberId: string, priority: 'urgent' | 'overdue' | 'due', dueOn: string) => ({ memberId, priority, dueOn });
    expect(sortQueue([e('a', 'due', '2026-11-20'), e('b', 'overdue', '2026-11-01'), e('c', 'urgent', '2026-11-22'), e('d', 'overdue', '2026-10-01')]).map((x) => x.memberId)).toEqual(['c', 'd', 'b', 'a']);
  });
  test('the last 12 of each measure, oldest first', () => {
    const records = Array.from({ length: 15 }, (_, i) => ({ at: `2026-11-${String(22 - i).padStart(2, '0')}`, readings: { systolic: 120 + i, diastolic: 80 }, urgent: [] }));
    const trends = trendsFrom(records);
    expect(trends.systolic).toHaveLength(12);
    expect(trends.systolic[11]).toMatchObject({ at: '2026-11-22', value: 120 });
    expect(trends.glucose).toEqual([]);
  });
});

describe('the health-access rule', () => {
  const facts = { familyId: 'f_0001', signing: { doctorId: 'p_doc01' }, healthDataShared: true };
  test('the family, the signed doctor with consent; nobody else', () => {
    expect(healthAccess({ personId: 'p_m0002', role: 'member', familyId: 'f_0001' }, facts)).toEqual({ allowed: true, audited: false });
    expect(healthAccess({ personId: 'p_m0003', role: 'member', familyId: 'f_0002' }, facts)).toMatchObject({ allowed: false });
    expect(healthAccess({ personId: 'p_doc01', role: 'doctor' }, facts)).toEqual({ allowed: true, audited: true });
    expect(healthAccess({ personId: 'p_doc01', role: 'doctor' }, { ...facts, healthDataShared: false })).toEqual({ allowed: false, reason: 'no_consent' });
    expect(healthAccess({ personId: 'p_doc03', role: 'doctor' }, facts)).toEqual({ allowed: false, reason: 'not_signed' });
    expect(healthAccess({ personId: 'p_cadre01', role: 'contact', level: 'village' }, facts)).toEqual({ allowed: false, reason: 'role' });
  });

  test("anyone on the member's contract team, with consent, audited; the team says nothing for other roles", () => {
    expect(healthAccess({ personId: 'p_doc05', role: 'doctor' }, { ...facts, onContractTeam: true })).toEqual({ allowed: true, audited: true });
    expect(healthAccess({ personId: 'p_doc05', role: 'doctor' }, { ...facts, onContractTeam: false })).toEqual({ allowed: false, reason: 'not_signed' });
    expect(healthAccess({ personId: 'p_doc05', role: 'doctor' }, { ...facts, onContractTeam: true, healthDataShared: false })).toEqual({ allowed: false, reason: 'no_consent' });
    expect(healthAccess({ personId: 'p_doc05', role: 'doctor' }, { ...facts, signing: undefined, onContractTeam: true })).toEqual({ allowed: true, audited: true });
    expect(healthAccess({ personId: 'p_cadre01', role: 'contact', level: 'village' }, { ...facts, onContractTeam: true })).toEqual({ allowed: false, reason: 'role' });
  });
});

describe('the due reminder moment', () => {
  test('09:00 Beijing on the first day of the due window: 1 day weekly, 7 monthly, 14 quarterly; a new plan from its start', () => {
    expect(followUpReminderAt({ cadence: 'weekly', startedOn: '2026-12-01', lastCompletedOn: '2026-12-06' })).toEqual({ at: '2026-12-12T09:00:00+08:00', dueOn: '2026-12-13' });
    expect(followUpReminderAt({ cadence: 'monthly', startedOn: '2026-12-01', lastCompletedOn: '2027-01-31' })).toEqual({ at: '2027-02-21T09:00:00+08:00', dueOn: '2027-02-28' });
    expect(followUpReminderAt({ cadence: 'quarterly', startedOn: '2026-12-01', lastCompletedOn: '2026-12-31' })).toEqual({ at: '2027-03-17T09:00:00+08:00', dueOn: '2027-03-31' });
    expect(followUpReminderAt({ cadence: 'monthly', startedOn: '2026-12-01' })).toEqual({ at: '2026-11-24T09:00:00+08:00', dueOn: '2026-12-01' });
    // The first due day is when the state turns 'due', and not a day earlier.
    const plan = { cadence: 'monthly' as const, startedOn: '2026-12-01', lastCompletedOn: '2027-01-31' };
    expect(dueState(plan, '2027-02-21').state).toBe('due');
    expect(dueState(plan, '2027-02-20').state).toBe('upcoming');
  });
});
