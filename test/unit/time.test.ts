import {
  addDays,
  addMonths,
  beijingDate,
  beijingDayEnd,
  beijingDayStart,
  beijingInstant,
  beijingIso,
  beijingMonth,
  beijingTime,
  beijingWhen,
  formatChineseDate,
  daysBetween,
  isRealDate,
  isWeekend,
  monthOf,
  quarterOf,
  toBeijingIso,
  weekdayOf,
  weekStart,
} from '../../domain';

// 00:30 Beijing is still the previous day in UTC; 23:30 Beijing is the same day in UTC.
const halfPastMidnight = new Date('2026-11-21T16:30:00Z');
const halfPastEleven = new Date('2026-11-22T15:30:00Z');

describe('Beijing time of an instant', () => {
  it('at 00:30 Beijing reads the Beijing day, not the UTC one', () => {
    expect(halfPastMidnight.toISOString().slice(0, 10)).toBe('2026-11-21');
    expect(beijingDate(halfPastMidnight)).toBe('2026-11-22');
    expect(toBeijingIso(halfPastMidnight)).toBe('2026-11-22T00:30:00+08:00');
    expect(beijingTime(halfPastMidnight)).toBe('00:30');
    expect(beijingWhen(halfPastMidnight, '2026-11-22')).toBe('11月22日 00:30');
  });

  it('at 23:30 Beijing reads the same day', () => {
    expect(beijingDate(halfPastEleven)).toBe('2026-11-22');
    expect(toBeijingIso(halfPastEleven)).toBe('2026-11-22T23:30:00+08:00');
    expect(beijingWhen(halfPastEleven, '2026-11-22')).toBe('11月22日 23:30');
  });

  it('reads Dates, epoch milliseconds and ISO strings in any offset alike', () => {
    for (const at of [halfPastMidnight, halfPastMidnight.getTime(), '2026-11-21T16:30:00Z', '2026-11-22T00:30:00+08:00']) {
      expect(beijingWhen(at, '2026-11-22')).toBe('11月22日 00:30');
    }
  });

  it('crosses months and years at Beijing midnight', () => {
    expect(beijingMonth(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
    expect(beijingMonth(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(beijingDate(new Date('2026-12-31T16:10:00Z'))).toBe('2027-01-01');
    expect(beijingMonth(new Date('2026-12-31T16:10:00Z'))).toBe('2027-01');
    expect(beijingWhen(new Date('2026-12-31T16:10:00Z'), '2027-01-01')).toBe('1月1日 00:10');
    expect(beijingWhen(new Date('2026-12-31T16:10:00Z'), '2026-12-31')).toBe('2027年1月1日 00:10');
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(beijingDate(halfPastMidnight)).toBe('2026-11-22');
      expect(beijingInstant('2026-11-22', '00:30').toISOString()).toBe(halfPastMidnight.toISOString());
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe('Beijing wall-clock times as instants', () => {
  it('writes an ISO instant with +08:00, midnight by default', () => {
    expect(beijingIso('2026-11-22')).toBe('2026-11-22T00:00:00+08:00');
    expect(beijingIso('2026-11-22', '09:00')).toBe('2026-11-22T09:00:00+08:00');
    expect(beijingInstant('2026-11-22', '23:30').getTime()).toBe(halfPastEleven.getTime());
  });

  it('bounds a Beijing day: start inclusive, end exclusive', () => {
    const start = beijingDayStart('2026-11-22');
    const end = beijingDayEnd('2026-11-22');
    expect(start.toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(beijingDate(start)).toBe('2026-11-22');
    expect(beijingDate(new Date(end.getTime() - 1))).toBe('2026-11-22');
    expect(beijingDate(end)).toBe('2026-11-23');
    expect(beijingDate(beijingDayEnd('2026-11-30'))).toBe('2026-12-01');
    expect(beijingDate(beijingDayEnd('2026-12-31'))).toBe('2027-01-01');
  });
});

describe('calendar dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-22', '2027-01-01')).toBe(40);
    expect(daysBetween('2026-11-22', '2026-11-20')).toBe(-2);
  });

  it('adds months clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-05-15', -6)).toBe('2025-11-15');
  });

  it('knows weekdays and weeks starting on Monday', () => {
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(weekdayOf('2026-11-22')).toBe(7);
    expect(isWeekend('2026-11-22')).toBe(true);
    expect(isWeekend('2026-11-23')).toBe(false);
    expect(weekStart('2026-11-22')).toBe('2026-11-16');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });

  it('keys months and quarters, and rejects days that do not exist', () => {
    expect(monthOf('2026-11-22')).toBe('2026-11');
    expect(monthOf('2026-11-30T23:30:00+08:00')).toBe('2026-11');
    expect(quarterOf('2026-11-22')).toBe('2026-Q4');
    expect(quarterOf('2027-01-01')).toBe('2027-Q1');
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('2026-1-1')).toBe(false);
  });
});

describe('one form for dates users read', () => {
  it('leaves the year out within the current Beijing year, and has no leading zeros', () => {
    expect(formatChineseDate('2026-11-28', '2026-12-07')).toBe('11月28日');
    expect(formatChineseDate('2026-01-01', '2026-12-07')).toBe('1月1日');
  });

  it('writes the year for any other year, past or next', () => {
    expect(formatChineseDate('2025-11-28', '2026-12-07')).toBe('2025年11月28日');
    expect(formatChineseDate('2027-01-05', '2026-12-07')).toBe('2027年1月5日');
  });

  it('reads an instant on its Beijing day, whatever offset it was written in', () => {
    expect(formatChineseDate('2026-12-31T16:10:00Z', '2027-01-01')).toBe('1月1日');
    expect(formatChineseDate('2026-11-22T17:05:09+08:00', '2026-12-07')).toBe('11月22日');
  });

  it("defaults to today's Beijing year", () => {
    const thisYear = beijingDate(Date.now()).slice(0, 4);
    expect(formatChineseDate(`${thisYear}-03-08`)).toBe('3月8日');
    expect(formatChineseDate('2001-03-08')).toBe('2001年3月8日');
  });

  it('tells an instant by the same date form and the time', () => {
    expect(beijingWhen('2025-11-24T08:00:00+08:00', '2026-12-07')).toBe('2025年11月24日 08:00');
    expect(beijingWhen('2026-11-24T08:00:00+08:00', '2026-12-07')).toBe('11月24日 08:00');
  });
});
