import { isRepeatable, RETRY_POLICY, retryDelay, withRetry } from '../../miniapp/src/api/retry';

/**
 * The mini-program's own retry (miniapp/src/api/retry.ts): a 503 or a lost answer is tried again,
 * after Retry-After, only for requests safe to repeat, a bounded number of times. The api-level
 * side (test/api/faults.test.ts) drives real requests through the same function.
 */
interface Answer {
  status: number;
  retryAfter?: string;
}

/** Plays a scripted sequence of answers ('network' rejects), recording the pauses asked for. */
function script(...answers: Array<Answer | 'network'>) {
  const pauses: number[] = [];
  let clock = 0;
  let tries = 0;
  const attempt = async (): Promise<Answer> => {
    const next = answers[Math.min(tries++, answers.length - 1)];
    if (next === 'network') throw new Error('no answer');
    return next;
  };
  const options = {
    sleep: async (ms: number) => {
      pauses.push(ms);
      clock += ms;
    },
    now: () => clock,
    random: () => 0.5,
  };
  return { attempt, options, pauses, tries: () => tries };
}

test('only reads and writes with an Idempotency-Key are repeated', () => {
  expect(isRepeatable('GET', undefined)).toBe(true);
  expect(isRepeatable('POST', { 'Idempotency-Key': 'k123456789' })).toBe(true);
  expect(isRepeatable('POST', { 'idempotency-key': 'k123456789' })).toBe(true);
  expect(isRepeatable('POST', {})).toBe(false);
  expect(isRepeatable('PUT', undefined)).toBe(false);
});

test('a 503 is tried again after its Retry-After, then the answer is kept', async () => {
  const s = script({ status: 503, retryAfter: '1' }, { status: 201 });
  expect(await withRetry(true, s.attempt, s.options)).toEqual({ status: 201 });
  expect(s.tries()).toBe(2);
  expect(s.pauses).toHaveLength(1);
  expect(s.pauses[0]).toBeGreaterThanOrEqual(1000);
  expect(s.pauses[0]).toBeLessThan(1000 + RETRY_POLICY.baseMs);
});

test('no answer at all is tried again with backoff; the third failure is the result', async () => {
  const s = script('network', 'network', 'network', { status: 200 });
  await expect(withRetry(true, s.attempt, s.options)).rejects.toThrow('no answer');
  expect(s.tries()).toBe(RETRY_POLICY.attempts);
  expect(s.pauses).toEqual([375, 750]);
});

test('bounded: three tries of a 503 give the last 503 to the page', async () => {
  const s = script({ status: 503, retryAfter: '1' });
  expect(await withRetry(true, s.attempt, s.options)).toEqual({ status: 503, retryAfter: '1' });
  expect(s.tries()).toBe(3);
});

test('not repeated: a write without a key, other errors, a Retry-After longer than we would wait', async () => {
  for (const [repeatable, answer] of [
    [false, { status: 503, retryAfter: '1' }],
    [true, { status: 500 }],
    [true, { status: 409 }],
    [true, { status: 429, retryAfter: '1' }],
    [true, { status: 503, retryAfter: '60' }],
  ] as const) {
    const s = script(answer, { status: 200 });
    expect(await withRetry(repeatable, s.attempt, s.options)).toEqual(answer);
    expect(s.tries()).toBe(1);
  }
  const unkeyed = script('network', { status: 200 });
  await expect(withRetry(false, unkeyed.attempt, unkeyed.options)).rejects.toThrow();
  expect(unkeyed.tries()).toBe(1);
});

test('a Retry-After that is not seconds falls back to the backoff; a success is final', () => {
  expect(retryDelay({ status: 503, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' }, 1, () => 0)).toBe(RETRY_POLICY.baseMs / 2);
  expect(retryDelay({ status: 200 }, 1)).toBeUndefined();
});

test('the deadline stops a slow series of tries', async () => {
  let clock = 0;
  let tries = 0;
  const result = await withRetry(
    true,
    async () => {
      tries++;
      clock += 15_000; // each try hangs until the request timeout
      throw new Error('timeout');
    },
    { sleep: async (ms) => void (clock += ms), now: () => clock, random: () => 0.5 },
  ).catch((e: Error) => e.message);
  expect(result).toBe('timeout');
  expect(tries).toBe(2);
});
