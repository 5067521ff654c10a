import {
  addDays,
  contactCadence,
  daysBetween,
  nextBirthday,
  sortDue,
  visitCadence,
  weekStart,
  upcomingFestivals,
  withinLookahead,
  type DueFamily,
} from '../../domain';
import { festivalDates } from '../../domain/festival-dates';
import { festivalsOf } from '../../domain/ledger-festivals';

describe('cadence rules at their boundaries', () => {
  test('contact every 7 days: day 6 ok, day 7 is the last day, day 8 overdue', () => {
    expect(contactCadence('2026-11-01', '2026-11-07')).toEqual({ status: 'ok', daysSince: 6, dueBy: '2026-11-08' });
    expect(contactCadence('2026-11-01', '2026-11-08')).toEqual({ status: 'due_today', daysSince: 7, dueBy: '2026-11-08' });
    expect(contactCadence('2026-11-01', '2026-11-09')).toEqual({ status: 'overdue', daysSince: 8, dueBy: '2026-11-08' });
    expect(contactCadence('2026-11-09', '2026-11-09').status).toBe('ok');
    expect(contactCadence(undefined, '2026-11-09')).toEqual({ status: 'never' });
  });

  test('home visit every 30 days, across a month and a year end', () => {
    expect(visitCadence('2026-12-15', '2027-01-14')).toMatchObject({ status: 'due_today', daysSince: 30 });
    expect(visitCadence('2026-12-15', '2027-01-13').status).toBe('ok');
    expect(visitCadence('2026-12-15', '2027-01-15')).toMatchObject({ status: 'overdue', daysSince: 31, dueBy: '2027-01-14' });
    // 2028 is a leap year: February has 29 days.
    expect(visitCadence('2028-02-01', '2028-03-02')).toMatchObject({ status: 'due_today', daysSince: 30 });
  });

  test('date arithmetic does not depend on the time zone', () => {
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekStart('2026-11-22')).toBe('2026-11-16'); // a Sunday belongs to the week of Monday 16th
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('1970-01-01')).toBe('1969-12-29');
  });

  test('overdue families sort first, the never-contacted at the top', () => {
    const f = (name: string, contactDays: number | undefined, visitDays: number): DueFamily => ({
      familyId: `f_${name.padEnd(4, 'x')}`,
      familyName: name,
      villageName: '村',
      contact: contactDays === undefined ? { status: 'never' } : { status: contactDays > 7 ? 'overdue' : 'ok', daysSince: contactDays },
      visit: { status: visitDays > 30 ? 'overdue' : 'ok', daysSince: visitDays },
      birthdays: [],
      late: false,
    });
    const sorted = sortDue([f('a', 1, 1), f('b', 9, 1), f('c', undefined, 1), f('d', 1, 45)]).map((x) => x.familyName);
    expect(sorted).toEqual(['c', 'd', 'b', 'a']);
  });
});

describe('birthdays', () => {
  test('the next birthday, today included, and the 14-day window', () => {
    expect(nextBirthday('1951-05-16', '2026-05-16')).toEqual({ date: '2026-05-16', daysUntil: 0, age: 75 });
    expect(nextBirthday('1951-05-16', '2026-05-17')).toEqual({ date: '2027-05-16', daysUntil: 364, age: 76 });
    expect(nextBirthday('1949-01-03', '2026-12-25')).toEqual({ date: '2027-01-03', daysUntil: 9, age: 78 });
    expect(withinLookahead(13)).toBe(true);
    expect(withinLookahead(14)).toBe(false);
    expect(withinLookahead(-1)).toBe(false);
  });

  test('a 29 February birthday falls on 28 February in a common year', () => {
    expect(nextBirthday('1952-02-29', '2027-02-01').date).toBe('2027-02-28');
    expect(nextBirthday('1952-02-29', '2028-02-01').date).toBe('2028-02-29');
  });
});

describe('festivals from the lunar calendar (lunar-javascript)', () => {
  // Checked against the State Council's holiday notices (春节, 清明, 端午, 中秋) and the lunar
  // calendar for 元宵 (正月十五) and 重阳 (九月初九); 清明 is the solar term (4 or 5 April).
  const known: Record<number, Record<string, string>> = {
    2025: { 春节: '2025-01-29', 元宵节: '2025-02-12', 清明节: '2025-04-04', 计生协会日: '2025-05-29', 端午节: '2025-05-31', 中秋节: '2025-10-06', 重阳节: '2025-10-29' },
    2026: { 春节: '2026-02-17', 元宵节: '2026-03-03', 清明节: '2026-04-05', 计生协会日: '2026-05-29', 端午节: '2026-06-19', 中秋节: '2026-09-25', 重阳节: '2026-10-18' },
    2027: { 春节: '2027-02-06', 元宵节: '2027-02-20', 清明节: '2027-04-05', 计生协会日: '2027-05-29', 端午节: '2027-06-09', 中秋节: '2027-09-15', 重阳节: '2027-10-08' },
  };
  test.each([2025, 2026, 2027])('%i', (year) => {
    const got = Object.fromEntries(festivalsOf(year).map((f) => [f.name, f.date]));
    expect(got).toEqual(known[year]);
  });

  test('the table the functions read is what the library computes, for every year in it', () => {
    const years = Object.keys(festivalDates).map(Number);
    expect(years.length).toBeGreaterThanOrEqual(20);
    for (const year of years) expect(festivalDates[year]).toEqual(festivalsOf(year).map(({ name, date }) => ({ name, date })));
  });

  test('upcoming festivals: 14 days ahead, across the year end', () => {
    expect(upcomingFestivals('2026-09-20')).toEqual([{ name: '中秋节', date: '2026-09-25', daysUntil: 5 }]);
    expect(upcomingFestivals('2026-09-26')).toEqual([]);
    expect(upcomingFestivals('2027-01-24')).toEqual([{ name: '春节', date: '2027-02-06', daysUntil: 13 }]);
    expect(upcomingFestivals('2027-01-23')).toEqual([]);
    expect(upcomingFestivals('2026-05-29').map((f) => f.name)).toEqual(['计生协会日']);
  });
});
