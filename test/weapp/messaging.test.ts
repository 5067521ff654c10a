/**
 * The conversation page (packages/messages/conversation) from the WeChat build, rendered by
 * miniprogram-simulate: messages newest at the bottom with sender and time, text shown as text
 * (never markup), a voice clip with its visible duration, read receipts, the send button; opening
 * it marks the thread read. The network is stubbed at wx.request with fixtures checked against the
 * domain schema (glue in ./harness.ts).
 */
import { MessagePage, PRIVACY_GUIDE_VERSION, Session, type MessagePage as Page } from '../../domain';
import { API_BASE, built, byOwnText, loadPage, sessionFor, until, type LoadedPage } from './harness';

const session = sessionFor({ personId: 'p_m0001', name: '王秀英', role: 'member', familyId: 'f_0001' }, PRIVACY_GUIDE_VERSION);
const base = `${API_BASE}/families/f_0001/conversations/p_cadre01`;
const id = (ms: number, hex: string) => `${String(ms).padStart(15, '0')}-${hex.repeat(16)}`;
const mine1 = id(1_763_800_000_000, 'a');
const theirs = id(1_763_800_060_000, 'b');
const voice = id(1_763_800_120_000, 'c');
const mine2 = id(1_763_800_180_000, 'd');

// Newest first, as the API pages them.
const page: Page = {
  messages: [
    { id: mine2, at: '2026-11-22T16:36:20+08:00', senderId: 'p_m0001', senderSide: 'family', text: '<b>好的</b>，谢谢您', attachments: [] },
    {
      id: voice,
      at: '2026-11-22T16:35:20+08:00',
      senderId: 'p_cadre01',
      senderSide: 'staff',
      attachments: [{ kind: 'voice', contentType: 'audio/mpeg', size: 48_000, durationMs: 12_400, url: 'http://127.0.0.1:9000/uploads/conv/f_0001/p_cadre01/v.mp3' }],
    },
    { id: theirs, at: '2026-11-22T16:34:20+08:00', senderId: 'p_cadre01', senderSide: 'staff', text: '王阿姨，我下午过去看看暖气。', attachments: [] },
    { id: mine1, at: '2026-11-22T16:33:20+08:00', senderId: 'p_m0001', senderSide: 'family', text: '王主任，家里暖气不热了', attachments: [] },
  ],
  thread: {
    threadId: 'c.f_0001.p_cadre01',
    kind: 'conversation',
    familyId: 'f_0001',
    familyName: '王秀英家',
    staffId: 'p_cadre01',
    staffName: '王桂兰',
    participants: { p_m0001: '王秀英', p_cadre01: '王桂兰' },
    // The cadre has read the first message, not the newest.
    readUpTo: { staff: mine1, family: voice },
    unread: 2,
  },
};

let loaded: LoadedPage;
const text = () => loaded.text();

beforeAll(() => {
  if (!built) return;
  Session.parse(session);
  MessagePage.parse(page);
  loaded = loadPage(
    'packages/messages/conversation/index',
    session,
    (req) => {
      if (req.method === 'GET' && req.url.startsWith(`${base}/messages`)) {
        // Polls ask for what is new since the newest message: nothing.
        return { statusCode: 200, data: req.url.includes('since=') ? { messages: [], thread: page.thread } : page };
      }
      if (req.method === 'POST' && req.url === `${base}/read`) return { statusCode: 200, data: {} };
      return undefined;
    },
    { familyId: 'f_0001', staffId: 'p_cadre01', name: encodeURIComponent('王桂兰') },
  );
});

const maybe = built ? test : test.skip;

test('the WeChat build exists (npm test builds it first)', () => {
  expect(built).toBe(true);
});

maybe('renders the messages oldest first with sender, time, voice duration and read receipts', async () => {
  await until(() => text().includes('暖气不热'), 'the messages to render');
  const t = text();
  // Oldest at the top, as in a chat.
  expect(t.indexOf('家里暖气不热了')).toBeLessThan(t.indexOf('我下午过去看看暖气'));
  expect(t.indexOf('我下午过去看看暖气')).toBeLessThan(t.indexOf('谢谢您'));
  expect(t).toContain('王桂兰 · ');
  expect(t).toContain('16:34');
  // The voice clip shows how long it is.
  expect(t).toContain('播放语音 12 秒');
  // Markup typed by a person is shown as the characters typed.
  expect(t).toContain('<b>好的</b>，谢谢您');
  // Read receipts: the first message was read, the newest only delivered.
  expect(t).toContain('对方已读');
  expect(t).toContain('已送达');
  expect(loaded.missingTemplates).toEqual([]);
});

maybe('shows the send button and the composer, and marks the thread read on opening', async () => {
  await until(() => byOwnText(loaded.root(), '发送')[0], 'the send button');
  expect(byOwnText(loaded.root(), '发送')).toHaveLength(1);
  expect(text()).toContain('写消息');
  expect(text()).toContain('发图片');
  expect(text()).toContain('按住 说话（最长 60 秒）');
  await until(() => loaded.requests.some((r) => r.method === 'POST' && r.url === `${base}/read`), 'the read receipt POST');
  for (const r of loaded.requests) expect(r.header).toEqual(expect.objectContaining({ Authorization: 'Bearer test-token' }));
});
