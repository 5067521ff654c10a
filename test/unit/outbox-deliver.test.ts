process.env.STAGE = 'local';
process.env.TABLE_NAME = 'unit';

import { backoffMs, MAX_ATTEMPTS } from '../../functions/lib/notify/deliver';

describe('outbox retry backoff', () => {
  it('grows exponentially from 2 s and the last attempt comes within hours, not days', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([2000, 8000, 32000, 128000]);
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(3600_000);
    expect(total).toBeLessThan(6 * 3600_000);
  });
});
