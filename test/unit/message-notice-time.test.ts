process.env.STAGE = 'local';
process.env.TABLE_NAME = 'unit';

import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

const sent: TransactWriteCommand[] = [];
jest.mock('../../functions/lib/db/client', () => ({
  db: () => ({ send: async (command: TransactWriteCommand) => void sent.push(command) }),
  tableName: () => 'unit',
}));

import { sendMessage } from '../../functions/lib/db/threads';

/** The `time` a family message's notification to the staff member shows, sent at `now`. */
async function noticeTime(now: Date): Promise<string | undefined> {
  sent.length = 0;
  await sendMessage(
    { threadId: 'c_f_0001_p_cadre03', sender: { personId: 'p_m0001', side: 'family', displayName: '王家 王大爷' }, text: '您好', attachments: [], checks: [], staffId: 'p_cadre03', page: 'packages/messages/conversation/index' },
    now,
  );
  const outbox = sent[0].input.TransactItems?.map((i) => i.Put?.Item).find((item) => item?.entity === 'outbox');
  return outbox?.data?.time;
}

describe('message notification time', () => {
  it('at 00:30 Beijing shows the Beijing day, not the UTC day before', async () => {
    expect(await noticeTime(new Date('2026-11-21T16:30:00Z'))).toBe('11月22日 00:30');
  });

  it('at 23:30 Beijing shows the same day', async () => {
    expect(await noticeTime(new Date('2026-11-22T15:30:00Z'))).toBe('11月22日 23:30');
  });
});
