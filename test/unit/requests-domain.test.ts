import { canMoveRequest, commissionEscalationCutoff, escalationOf, quarterLabel, quarterOf, RequestStatus, sortRequests } from '../../domain';

describe('request escalation at its boundaries', () => {
  test.each([
    ['2026-11-20', 'none'], // due today: still in time
    ['2026-11-21', 'township'], // one day late
    ['2026-11-27', 'township'], // seven days late
    ['2026-11-28', 'commission'], // eight days late
  ])('due 2026-11-20, today %s → %s', (today, expected) => {
    expect(escalationOf('open', '2026-11-20', today)).toBe(expected);
    expect(escalationOf('in_progress', '2026-11-20', today)).toBe(expected);
  });
  test('closed requests never escalate', () => {
    for (const s of ['resolved', 'referred', 'declined'] as const) expect(escalationOf(s, '2026-01-01', '2026-11-20')).toBe('none');
  });
  test('the commission index cutoff agrees with escalationOf', () => {
    const today = '2026-11-28';
    const cutoff = commissionEscalationCutoff(today);
    expect(escalationOf('open', cutoff, today)).toBe('commission');
    expect(escalationOf('open', '2026-11-21', today)).toBe('township');
    expect(cutoff).toBe('2026-11-20');
  });
});

test('the state machine: forward only, final states stay final', () => {
  const all = RequestStatus.options;
  const allowed = all.flatMap((from) => all.filter((to) => canMoveRequest(from, to)).map((to) => `${from}>${to}`));
  expect(allowed.sort()).toEqual(
    ['open>in_progress', 'open>resolved', 'open>referred', 'open>declined', 'in_progress>resolved', 'in_progress>referred', 'in_progress>declined'].sort(),
  );
});

test('active requests sort first by due date, closed ones newest first', () => {
  const r = (id: string, status: RequestStatus, dueDate: string, raisedAt: string) => ({ id, status, dueDate, raisedAt });
  const sorted = sortRequests([r('a', 'resolved', '2026-01-01', '2026-01-01'), r('b', 'open', '2026-12-01', '2026-11-01'), r('c', 'in_progress', '2026-11-25', '2026-11-02'), r('d', 'declined', '2026-01-01', '2026-02-01')]);
  expect(sorted.map((x) => x.id)).toEqual(['c', 'b', 'd', 'a']);
});

test('quarters in Beijing dates', () => {
  expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-09-30', '2026-10-01', '2026-12-31'].map(quarterOf)).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026-Q4']);
  expect(quarterLabel('2027-Q1')).toBe('2027年第一季度');
});
