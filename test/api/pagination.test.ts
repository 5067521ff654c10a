import { call, tokenFor } from '../support/api';
import { ownedBy } from './support-table';

/**
 * Paging every list: a page that is exactly full has no cursor (there is nothing after it), and
 * walking the cursors returns every item once. The only writes are phone reveals into
 * AUDIT#f_0004, which this file owns (support-table.ts).
 */
const AUDIT_FAMILY = ownedBy.pagination.audit[0];

interface Walk {
  pages: string[][];
  cursors: Array<string | undefined>;
}

/** Follows nextCursor from the first page to the last; each page is one 200 answer. */
async function walk(path: string, token: string, limit: number, idOf: (item: any) => string): Promise<Walk> {
  const pages: string[][] = [];
  const cursors: Array<string | undefined> = [];
  let cursor: string | undefined;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const res = await call('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    expect(res.status).toBe(200);
    pages.push(res.body.items.map(idOf));
    cursor = res.body.nextCursor;
    cursors.push(cursor);
  } while (cursor && pages.length < 30);
  return { pages, cursors };
}

/** Every page but the last is full and has a cursor; the last is not empty and has none. */
function expectWellPaged({ pages, cursors }: Walk, limit: number, expected: string[]): void {
  const sizes = pages.map((p) => p.length);
  const full = Math.floor(expected.length / limit);
  const rest = expected.length % limit;
  expect(sizes).toEqual([...Array<number>(full).fill(limit), ...(rest ? [rest] : [])]);
  expect(cursors.map(Boolean)).toEqual(sizes.map((_, i) => i < sizes.length - 1));
  const all = pages.flat();
  expect(all.length).toBe(new Set(all).size);
  expect([...all].sort()).toEqual([...expected].sort());
}

const familyId = (f: { familyId: string }) => f.familyId;
const personId = (m: { personId: string }) => m.personId;
const chengguan = ['f_0001', 'f_0002', 'f_0003', 'f_0004', 'f_0005', 'f_0006'];
const county = Array.from({ length: 12 }, (_, i) => `f_${String(i + 1).padStart(4, '0')}`);

describe('an exactly full page has no cursor', () => {
  test('contact person p_cadre01, limit=3: her three families and no nextCursor', async () => {
    const res = await call('GET', '/contact/families?limit=3', { token: await tokenFor('p_cadre01') });
    expect(res.status).toBe(200);
    expect(res.body.items.map(familyId).sort()).toEqual(['f_0001', 'f_0002', 'f_0003']);
    expect(res.body.nextCursor).toBeUndefined();
  });

  test('county officer, townshipId=t_chengguan&limit=6: six families and no nextCursor', async () => {
    const res = await call('GET', '/commission/families?townshipId=t_chengguan&limit=6', { token: await tokenFor('p_comm01') });
    expect(res.status).toBe(200);
    expect(res.body.items.map(familyId).sort()).toEqual(chengguan);
    expect(res.body.nextCursor).toBeUndefined();
  });

  test('doctor p_doc01, limit=9: his nine signed members and no nextCursor', async () => {
    const res = await call('GET', '/doctor/members?limit=9', { token: await tokenFor('p_doc01') });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(9);
    expect(res.body.nextCursor).toBeUndefined();
  });

  test('one item short of full: a cursor, and the next page holds exactly the one left', async () => {
    const token = await tokenFor('p_cadre01');
    const first = await call('GET', '/contact/families?limit=2', { token });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await call('GET', `/contact/families?limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    expect([...first.body.items, ...second.body.items].map(familyId).sort()).toEqual(['f_0001', 'f_0002', 'f_0003']);
  });
});

describe('walking the cursors returns every item once', () => {
  test('county officer, limit=5 over 12 families: 5, 5, 2, and the last page has no cursor', async () => {
    const result = await walk('/commission/families', await tokenFor('p_comm01'), 5, familyId);
    expect(result.pages.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(result.cursors[2]).toBeUndefined();
    expectWellPaged(result, 5, county);
  });

  test('county officer, every page size from 1 to 13, whole county and one township', async () => {
    const token = await tokenFor('p_comm01');
    for (let limit = 1; limit <= 13; limit++) {
      expectWellPaged(await walk('/commission/families', token, limit, familyId), limit, county);
      expectWellPaged(await walk('/commission/families?townshipId=t_liulin', token, limit, familyId), limit, county.slice(6));
    }
  });

  test('township leader p_lead01 (six assigned families), page sizes 1 to 7', async () => {
    const token = await tokenFor('p_lead01');
    for (let limit = 1; limit <= 7; limit++) expectWellPaged(await walk('/contact/families', token, limit, familyId), limit, chengguan);
  });

  test('doctor p_doc01 (nine signed members), page sizes 1 to 10', async () => {
    const token = await tokenFor('p_doc01');
    const expected = ['p_m0001', 'p_m0002', 'p_m0003', 'p_m0004', 'p_m0005', 'p_m0006', 'p_m0007', 'p_m0008', 'p_m0009'];
    for (let limit = 1; limit <= 10; limit++) expectWellPaged(await walk('/doctor/members', token, limit, personId), limit, expected);
  });
});

describe('the access log pages newest first, whole days at a time, repeated reads grouped', () => {
  /**
   * Reveals on five days a couple of weeks back (x-test-now), three on each day, so their days and
   * order are certain. Other events may land in this log while the test runs (a list that shows a
   * family's type audits the read, today): those are newer, so they go on top and never move what
   * lies behind a cursor.
   */
  const DAYS = 5;
  const PER_DAY = 3;
  const t0 = Math.floor((Date.now() - 20 * 86400_000) / 1000) * 1000;
  const revealAt = Array.from({ length: DAYS }, (_, d) => Array.from({ length: PER_DAY }, (_, i) => t0 + d * 86400_000 + i * 1000)).flat();

  interface Entry {
    at: string;
    firstAt: string;
    count: number;
    viewerName: string;
    subjectName: string;
    field: string;
  }
  const logPath = (limit: number, cursor?: string) => `/families/${AUDIT_FAMILY}/access-log?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
  const dayOf = (iso: string) => iso.slice(0, 10);

  let member: string;
  const pages: Entry[][] = [];
  const cursors: Array<string | undefined> = [];

  beforeAll(async () => {
    // 西街村's cadre looks up 孙长海's phone three times a day on five days.
    const token = await tokenFor('p_cadre02');
    for (const at of revealAt) {
      const res = await call('GET', `/families/${AUDIT_FAMILY}/members/p_m0006/phone`, { token, headers: { 'x-test-now': new Date(at).toISOString() } });
      expect(res.status).toBe(200);
    }
    member = await tokenFor('p_m0006');
  });

  test('paged by 2: every group once, newest first, no day split between pages, the cursor on all but the last', async () => {
    let cursor: string | undefined;
    do {
      const res = await call('GET', logPath(2, cursor), { token: member });
      expect(res.status).toBe(200);
      expect(res.ddbRequests).toBe(1);
      pages.push(res.body.items as Entry[]);
      cursor = res.body.nextCursor;
      cursors.push(cursor);
    } while (cursor && cursors.length < 100);
    const entries = pages.flat();
    const groupKey = (e: Entry) => `${dayOf(e.at)}|${e.viewerName}|${e.field}|${e.subjectName}`;
    expect(new Set(entries.map(groupKey)).size).toBe(entries.length);
    const days = entries.map((e) => dayOf(e.at));
    expect([...days].sort().reverse()).toEqual(days);
    // A day is on one page only.
    const pagesOfDay = new Map<string, Set<number>>();
    pages.forEach((p, i) => p.forEach((e) => pagesOfDay.set(dayOf(e.at), (pagesOfDay.get(dayOf(e.at)) ?? new Set()).add(i))));
    for (const seenOn of pagesOfDay.values()) expect(seenOn.size).toBe(1);
    expect(cursors.map(Boolean)).toEqual(cursors.map((_, i) => i < cursors.length - 1));
    for (const p of pages.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(2);

    // Each day's three reveals are one line, 3 times, with the first and the last instant.
    const reveals = entries.filter((e) => e.viewerName === '赵永强' && e.field === 'phone' && e.subjectName === '孙长海' && Date.parse(e.at) <= revealAt[revealAt.length - 1]);
    expect(reveals.map((e) => e.count)).toEqual(Array(DAYS).fill(PER_DAY));
    expect(reveals.map((e) => [Date.parse(e.firstAt), Date.parse(e.at)])).toEqual(
      Array.from({ length: DAYS }, (_, d) => [t0 + d * 86400_000, t0 + d * 86400_000 + (PER_DAY - 1) * 1000]).reverse(),
    );
  });

  test('a cursor from the middle gives the same pages again', async () => {
    expect(cursors[0]).toBeTruthy();
    const again = await call('GET', logPath(2, cursors[0]), { token: await tokenFor('p_m0007') });
    expect(again.status).toBe(200);
    const line = (e: Entry) => `${e.at}|${e.count}|${e.viewerName}|${e.field}|${e.subjectName}`;
    expect((again.body.items as Entry[]).map(line)).toEqual(pages[1].map(line));
  });
});
