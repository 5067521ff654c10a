import { activeAt, memberFollowUps, requestOpenMonthEnds } from '../../domain';

describe("the report's care figures count as the rules say", () => {
  const period = { months: ['2026-10', '2026-11'], asOf: '2026-11-20' };

  test('a monthly visit is due every month of the period from the plan start; done only by a doctor visit or call that month', () => {
    const plan = { memberId: 'm', mobility: 'independent' as const, startedOn: '2026-01-05' };
    expect(memberFollowUps(plan, ['2026-10-03'], period)).toEqual({ visitsDue: 2, visitsDone: 1, callsDue: 0, callsDone: 0 });
    // Two visits in one month still complete one month; one before the period completes none.
    expect(memberFollowUps(plan, ['2026-09-30', '2026-11-01', '2026-11-19'], period)).toEqual({ visitsDue: 2, visitsDone: 1, callsDue: 0, callsDone: 0 });
    // A plan started in November: October was not due.
    expect(memberFollowUps({ ...plan, startedOn: '2026-11-10' }, [], period)).toEqual({ visitsDue: 1, visitsDone: 0, callsDue: 0, callsDone: 0 });
    // A plan started after the period's end owes nothing.
    expect(memberFollowUps({ ...plan, startedOn: '2026-11-21' }, [], period)).toEqual({ visitsDue: 0, visitsDone: 0, callsDue: 0, callsDone: 0 });
  });

  test('失能 and 半失能 members are owed a call every week (Monday to Sunday) up to the day counted', () => {
    const plan = { memberId: 'm', mobility: 'semi_disabled' as const, startedOn: '2026-11-02' };
    // Weeks of 11-02, 11-09, 11-16 (up to 11-20): three due; 11-03 and 11-08 fall in the same week.
    const m = memberFollowUps(plan, ['2026-11-03', '2026-11-08', '2026-11-17'], period);
    expect(m).toEqual({ visitsDue: 1, visitsDone: 1, callsDue: 3, callsDone: 2 });
    // The first week of the period counts from the Monday before the 1st (2026-10-01 is a Thursday).
    expect(memberFollowUps({ ...plan, mobility: 'disabled', startedOn: '2026-01-01' }, ['2026-09-29'], { months: ['2026-10'], asOf: '2026-10-31' })).toEqual({
      visitsDue: 1,
      visitsDone: 0,
      callsDue: 5,
      callsDone: 0,
    });
  });

  test('a closed request is counted at every month end it stayed open over, overdue where its due date had passed', () => {
    expect(requestOpenMonthEnds({ raisedOn: '2026-10-20', dueDate: '2026-10-27' }, '2026-10-31')).toEqual([]);
    expect(requestOpenMonthEnds({ raisedOn: '2026-10-20', dueDate: '2026-10-27' }, '2026-11-01')).toEqual([{ month: '2026-10', overdue: true }]);
    expect(requestOpenMonthEnds({ raisedOn: '2026-10-31', dueDate: '2026-11-07' }, '2027-01-02')).toEqual([
      { month: '2026-10', overdue: false },
      { month: '2026-11', overdue: true },
      { month: '2026-12', overdue: true },
    ]);
    // Due on the last day itself is not yet overdue that day (the dashboard's rule: due before the day).
    expect(requestOpenMonthEnds({ raisedOn: '2026-11-25', dueDate: '2026-11-30' }, '2026-12-05')).toEqual([{ month: '2026-11', overdue: false }]);
  });

  test('open and overdue at a day among the requests still active', () => {
    const r = [
      { raisedAt: '2026-11-05T10:00:00+08:00', dueDate: '2026-11-12' },
      { raisedAt: '2026-11-23T10:00:00+08:00', dueDate: '2026-11-30' },
      { raisedAt: '2026-12-01T10:00:00+08:00', dueDate: '2026-12-08' },
    ];
    const at = activeAt(r, '2026-11-30');
    expect([at.open.length, at.overdue.length]).toEqual([2, 1]);
  });
});
