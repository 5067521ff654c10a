process.env.STAGE = 'local';
process.env.TABLE_NAME = 'unit';

import { PREVIEW_CHARS, previewOf } from '../../functions/lib/db/messaging/threads';

describe('inbox preview of a message', () => {
  it('keeps a short message whole', () => {
    expect(previewOf({ text: '明天上午我过去', attachments: [] })).toBe('明天上午我过去');
  });
  it('keeps a message of exactly the preview length whole, with no ellipsis', () => {
    const text = '字'.repeat(PREVIEW_CHARS);
    expect(previewOf({ text, attachments: [] })).toBe(text);
  });
  it('ends a longer message in an ellipsis, within the preview length', () => {
    const preview = previewOf({ text: '这是一条很长的消息'.repeat(10), attachments: [] });
    expect([...preview]).toHaveLength(PREVIEW_CHARS);
    expect(preview.endsWith('…')).toBe(true);
  });
});
