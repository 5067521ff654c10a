import { countsAsGreeting, lastDayOfMonth, missingCoverageContacts, monthMinus, monthsBetween, populationRows } from '../../domain';

describe('the self-inspection report counts as the seeds do', () => {
  test('a family counts in an age band when any member does; people only those who are', () => {
    const rows = populationRows(
      [
        { familyType: 'bereaved', members: [{ birthDate: '1960-06-01' }, { birthDate: '1980-01-01' }] },
        { familyType: 'disabled', members: [{ birthDate: '1940-12-31' }] },
        { familyType: 'bereaved', members: [{ birthDate: '1990-01-01' }] },
      ],
      '2026-11-30',
    );
    expect(rows.map((r) => [r.band, r.total, r.bereaved, r.disabled])).toEqual([
      ['all', { families: 3, people: 4 }, { families: 2, people: 3 }, { families: 1, people: 1 }],
      ['49', { families: 2, people: 2 }, { families: 1, people: 1 }, { families: 1, people: 1 }],
      ['60', { families: 2, people: 2 }, { families: 1, people: 1 }, { families: 1, people: 1 }],
      ['80', { families: 1, people: 1 }, { families: 0, people: 0 }, { families: 1, people: 1 }],
    ]);
    // The day before the 80th birthday: not yet 80.
    expect(populationRows([{ familyType: 'disabled', members: [{ birthDate: '1946-12-01' }] }], '2026-11-30')[3].total.families).toBe(0);
  });

  test('coverage counts the township and village contacts; the doctor is counted under signing', () => {
    expect(missingCoverageContacts(['township_leader', 'village_cadre'])).toEqual([]);
    expect(missingCoverageContacts(['township_leader', 'doctor'])).toEqual(['village_cadre']);
  });

  test('a home visit on a festival day is a greeting too; an ordinary visit is not', () => {
    expect(countsAsGreeting('home_visit', '2027-02-06')).toBe(true);
    expect(countsAsGreeting('home_visit', '2027-02-07')).toBe(false);
    expect(countsAsGreeting('phone', '2027-02-06')).toBe(false);
    expect(countsAsGreeting('birthday', '2027-03-01')).toBe(true);
  });

  test('months of a period', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthMinus('2026-01', 11)).toBe('2025-02');
    expect(monthMinus('2026-03', 2)).toBe('2026-01');
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
  });
});
