import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { ownedBy, queryPartition } from './support-table';

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

describe('the access log pages newest first', () => {
  /**
   * Five reveals at known instants a few minutes back, one second apart (x-test-now), so their
   * order is certain. Other events may land in this log while the test runs (a list that shows a
   * family's type audits the read): those are newer, so they go on top and never move what lies
   * behind a cursor.
   */
  const REVEALS = 5;
  const t0 = Math.floor((Date.now() - 10 * 60_000) / 1000) * 1000;
  const revealAt = Array.from({ length: REVEALS }, (_, i) => t0 + i * 1000);

  interface Entry {
    at: string;
    viewerName: string;
    subjectName: string;
    field: string;
  }
  const line = (e: Entry) => `${e.at}|${e.viewerName}|${e.subjectName}|${e.field}`;
  const newestFirst = async () => (await queryPartition(keys.auditPk(AUDIT_FAMILY))).sort((a, b) => (a.sk < b.sk ? 1 : -1)) as unknown as Entry[];
  const logPath = (limit: number, cursor?: string) => `/families/${AUDIT_FAMILY}/access-log?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;

  let member: string;
  const entries: Entry[] = [];
  const cursors: Array<string | undefined> = [];

  beforeAll(async () => {
    // 西街村's cadre looks up 孙长海's phone five times.
    const token = await tokenFor('p_cadre02');
    for (const at of revealAt) {
      const res = await call('GET', `/families/${AUDIT_FAMILY}/members/p_m0006/phone`, { token, headers: { 'x-test-now': new Date(at).toISOString() } });
      expect(res.status).toBe(200);
    }
    member = await tokenFor('p_m0006');
  });

  test('paged by 2, the member sees every event once, newest first, the cursor on all but the last page', async () => {
    const before = await newestFirst();
    let cursor: string | undefined;
    do {
      const res = await call('GET', logPath(2, cursor), { token: member });
      expect(res.status).toBe(200);
      expect(res.ddbRequests).toBe(1);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      entries.push(...(res.body.items as Entry[]));
      cursor = res.body.nextCursor;
      cursors.push(cursor);
    } while (cursor && cursors.length < 100);
    const after = await newestFirst();

    // Everything there was before paging, nothing twice: the log read is the stored partition, newest
    // first, less only what arrived on top while paging.
    expect(entries.length).toBeGreaterThanOrEqual(before.length);
    expect(entries.map(line)).toEqual(after.slice(after.length - entries.length).map(line));
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(cursors.length).toBe(Math.ceil(entries.length / 2));
    expect(cursors.map(Boolean)).toEqual(cursors.map((_, i) => i < cursors.length - 1));

    // The five reveals, newest first.
    const reveals = entries.filter((e) => e.viewerName === '赵永强' && e.field === 'phone');
    expect(reveals.map((e) => Date.parse(e.at))).toEqual([...revealAt].reverse());
    for (const e of reveals) expect(e.subjectName).toBe('孙长海');
  });

  test('after a cursor, a page exactly as long as the rest has no cursor; one shorter has one, then the last', async () => {
    const [first] = cursors;
    expect(first).toBeTruthy();
    const rest = entries.slice(2);
    expect(rest.length).toBeGreaterThanOrEqual(3);
    const token = await tokenFor('p_m0007');

    const exact = await call('GET', logPath(rest.length, first), { token });
    expect(exact.status).toBe(200);
    expect((exact.body.items as Entry[]).map(line)).toEqual(rest.map(line));
    expect(exact.body.nextCursor).toBeUndefined();

    const short = await call('GET', logPath(rest.length - 1, first), { token });
    expect((short.body.items as Entry[]).map(line)).toEqual(rest.slice(0, -1).map(line));
    expect(short.body.nextCursor).toBeTruthy();
    const last = await call('GET', logPath(rest.length - 1, short.body.nextCursor), { token });
    expect((last.body.items as Entry[]).map(line)).toEqual(rest.slice(-1).map(line));
    expect(last.body.nextCursor).toBeUndefined();
  });
});
