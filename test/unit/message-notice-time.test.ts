process.env.STAGE = 'local';
process.env.TABLE_NAME = 'unit';

import { messageParts } from '../../functions/lib/db/messaging/sends';

/** The `time` a family message's notification to the staff member shows, sent at `now`. */
function noticeTime(now: Date): string | undefined {
  const { parts } = messageParts(
    { threadId: 'c_f_0001_p_cadre03', sender: { personId: 'p_m0001', side: 'family', displayName: '王家 王大爷' }, text: '您好', attachments: [], checks: [], staffId: 'p_cadre03', page: 'packages/messages/conversation/index' },
    now,
  );
  const outbox = parts.find((p) => p.label === 'outbox')?.item.Put?.Item;
  return outbox?.data?.time;
}

describe('message notification time', () => {
  it('at 00:30 Beijing shows the Beijing day, not the UTC day before', () => {
    expect(noticeTime(new Date('2026-11-21T16:30:00Z'))).toBe('11月22日 00:30');
  });

  it('at 23:30 Beijing shows the same day', () => {
    expect(noticeTime(new Date('2026-11-22T15:30:00Z'))).toBe('11月22日 23:30');
  });
});
