import { doubleSigningFigures, type ProgrammeMember, tierGapText, tierPeriodLabel, tierPeriodOf, tierPeriodsBetween, tierResponsibles } from '../../domain';

/** The double-signing rules (domain/double-signing.ts): periods, who is responsible, the figures. */
describe('periods', () => {
  test('a week by its Monday (Beijing days), a month, a quarter', () => {
    expect(tierPeriodOf('village', '2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(tierPeriodOf('village', '2026-12-07')).toBe('2026-12-07'); // a Monday
    expect(tierPeriodOf('township', '2026-12-31')).toBe('2026-12');
    expect(tierPeriodOf('county', '2026-10-01')).toBe('2026-Q4');
    expect(tierPeriodOf('county', '2026-09-30')).toBe('2026-Q3');
  });

  test('every period with a day in the window, a week straddling the first day included', () => {
    expect(tierPeriodsBetween('village', '2026-12-01', '2026-12-20')).toEqual(['2026-11-30', '2026-12-07', '2026-12-14']);
    expect(tierPeriodsBetween('township', '2026-11-15', '2027-01-02')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(tierPeriodsBetween('county', '2026-01-01', '2026-12-31')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(tierPeriodsBetween('county', '2026-12-07', '2026-12-07')).toEqual(['2026-Q4']);
  });

  test('in words', () => {
    expect(tierPeriodLabel('village', '2026-12-07')).toBe('12月7日起的一周');
    expect(tierPeriodLabel('township', '2026-02')).toBe('2026年2月');
    expect(tierPeriodLabel('county', '2026-Q4')).toBe('2026年第4季度');
  });
});

describe('responsible persons', () => {
  test('by role in team order; the lead GP takes the township tier; nurses serve none', () => {
    const team = {
      leadId: 'p_gp2',
      members: [
        { personId: 'p_nurse', name: '护士', role: 'nurse' as const },
        { personId: 'p_gp1', name: '全科甲', role: 'gp' as const },
        { personId: 'p_vd', name: '村医', role: 'village_doctor' as const },
        { personId: 'p_gp2', name: '全科乙', role: 'gp' as const },
      ],
    };
    expect(tierResponsibles(team)).toEqual({ village: { personId: 'p_vd', name: '村医' }, township: { personId: 'p_gp2', name: '全科乙' }, county: undefined });
    expect(tierResponsibles(undefined)).toEqual({ village: undefined, township: undefined, county: undefined });
  });
});

describe('figures', () => {
  const ref = { familyId: 'f_0001', familyName: '王家', villageName: '东村', townshipName: '甲镇' };
  const member = (served: ProgrammeMember['served'], responsible = true): ProgrammeMember => ({
    ref,
    townshipId: 't_a',
    memberId: 'p_1',
    memberName: '王秀英',
    responsibles: responsible ? { village: { personId: 'p_vd', name: '村医' }, township: { personId: 'p_gp', name: '全科' }, county: { personId: 'p_sp', name: '专科' } } : { village: undefined, township: undefined, county: undefined },
    served,
  });

  test('served periods outside the window do not count; the current period decides servedNow', () => {
    const m = member({ periods: { village: ['2026-11-23', '2026-11-30', '2026-12-14'], township: ['2026-11'], county: ['2026-Q4'] }, lastOn: { village: '2026-12-15', township: '2026-11-03', county: '2026-10-09' } });
    const { total, gaps, byTownship } = doubleSigningFigures([m], '2026-12-01', '2026-12-16');
    expect(total).toEqual([
      { tier: 'village', members: 1, withResponsible: 1, periods: 3, served: 2, servedNow: 1, membersWithGaps: 1 },
      { tier: 'township', members: 1, withResponsible: 1, periods: 1, served: 0, servedNow: 0, membersWithGaps: 1 },
      { tier: 'county', members: 1, withResponsible: 1, periods: 1, served: 1, servedNow: 1, membersWithGaps: 0 },
    ]);
    expect(byTownship.get('t_a')).toEqual(total);
    expect(gaps.map((g) => [g.tier, g.responsibleName, g.served, g.periods, g.dueNow, g.lastServedOn])).toEqual([
      ['village', '村医', 2, 3, false, '2026-12-15'],
      ['township', '全科', 0, 1, true, '2026-11-03'],
    ]);
    expect(tierGapText(gaps[0])).toBe('责任医生村医，1个周期未随访');
    expect(tierGapText(gaps[1])).toBe('责任医生全科，本月尚未随访');
  });

  test('a tier without a responsible doctor is a gap even when served', () => {
    const { gaps } = doubleSigningFigures([member({ periods: { county: ['2026-Q4'] }, lastOn: {} }, false)], '2026-12-01', '2026-12-16');
    const county = gaps.find((g) => g.tier === 'county')!;
    expect(county).toMatchObject({ served: 1, periods: 1, dueNow: false, responsibleName: undefined });
    expect(tierGapText(county)).toBe('没有责任医生');
  });
});
