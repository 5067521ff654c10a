import { mergeByShape } from '../../functions/report/city-report';

describe("a city's report adds up sections it does not know by their shape", () => {
  const tier = (name: string, n: number) => ({ tier: name, members: n, served: n - 1 });

  test('rows of one tier (or one id) across counties are one row, added field by field', () => {
    expect(mergeByShape([tier('family', 3), tier('specialist', 2)], [tier('specialist', 5), tier('family', 1), tier('hospital', 4)])).toEqual([
      { tier: 'family', members: 4, served: 2 },
      { tier: 'specialist', members: 7, served: 5 },
      tier('hospital', 4),
    ]);
    expect(mergeByShape([], [tier('family', 3)])).toEqual([tier('family', 3)]);
    expect(mergeByShape({ rows: [{ id: 'h1', name: '县医院', figures: { visits: 2 } }] }, { rows: [{ id: 'h1', name: '县医院', figures: { visits: 3 } }] })).toEqual({
      rows: [{ id: 'h1', name: '县医院', figures: { visits: 5 } }],
    });
  });

  test("lists of items that name someone besides their tier (a member's gaps), repeat a key or carry none are joined", () => {
    const gaps = [
      { memberId: 'p1', tier: 'family', periods: 2 },
      { memberId: 'p1', tier: 'specialist', periods: 1 },
    ];
    const other = [{ memberId: 'p2', tier: 'family', periods: 3 }];
    expect(mergeByShape(gaps, other)).toEqual([...gaps, ...other]);
    expect(mergeByShape([gaps[0]], [{ ...gaps[0], memberId: 'p3' }])).toHaveLength(2);
    expect(mergeByShape([tier('family', 1), tier('family', 2)], [tier('family', 3)])).toHaveLength(3);
    expect(mergeByShape([{ name: '甲' }], [{ name: '甲' }])).toEqual([{ name: '甲' }, { name: '甲' }]);
    expect(mergeByShape({ total: { planned: 1 }, month: '2026-11' }, { total: { planned: 2 }, month: '2026-11' })).toEqual({ total: { planned: 3 }, month: '2026-11' });
  });
});
