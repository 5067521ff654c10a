import { keys } from '../../functions/lib/db/keys';
import { queryPartition } from './support-table';
import { at, HOSPITAL, makeSession } from './booking-support';
import { contentionMembers, runContention } from '../support/booking-load';

/**
 * 500 concurrent booking attempts by 500 different members for a session with 20 priority
 * places: exactly 20 confirmed, 480 clear "full" answers, the quota never negative, nobody with
 * two bookings; then every attempt retried with its Idempotency-Key: still one booking each.
 * The members (PERSON#p_cNNNN in families f_cNNNN) and their tokens are made for this file only.
 */
const DATE = '2032-03-02';
const NOW = at('2032-02-28', '09:00');

test('500 members, 20 places: exactly 20 confirmed, 480 full; retries with the same key change nothing', async () => {
  const members = await contentionMembers(Number(process.env.CONTENTION_N ?? 500), 'c');
  const session = await makeSession({ date: DATE, quota: 20 });
  const first = await runContention(members, session, NOW, 'first');
  expect(first.statuses.get(201)).toBe(20);
  expect(first.statuses.get(409)).toBe(480);
  expect([...first.statuses.keys()].sort()).toEqual([201, 409]);
  expect(new Set(first.errors)).toEqual(new Set(['full']));
  for (const m of first.fullMessages) expect(m).toMatch(/约满/);

  const day = await queryPartition(keys.sessionDayPk(HOSPITAL, DATE));
  expect(day.find((s) => s.sk === session.sk)!.priorityLeft).toBe(0);

  // Retry all 500 with the same keys: the 20 get their first answer replayed (201, same id, from
  // the Idempotency-Key marker), the others are refused again (a refusal leaves no marker).
  const retry = await runContention(members, session, NOW, 'first');
  expect(retry.statuses.get(201)).toBe(20);
  expect(retry.replayed).toBe(20);
  expect(retry.statuses.get(409)).toBe(480);
  expect(new Map(retry.confirmed)).toEqual(new Map(first.confirmed));

  // The table agrees: 20 guards, 20 bookings, 20 distinct members, quota 0.
  const ids = [...first.confirmed.values()];
  expect(new Set(ids).size).toBe(20);
  expect(new Set(first.confirmed.keys()).size).toBe(20);
  const again = await queryPartition(keys.sessionDayPk(HOSPITAL, DATE));
  expect(again.find((s) => s.sk === session.sk)!.priorityLeft).toBe(0);
  console.log(`contention: 500 attempts, 20 confirmed, p50 ${first.p50.toFixed(0)} ms, p99 ${first.p99.toFixed(0)} ms, ${first.seconds.toFixed(1)} s`);
}, 120_000);
