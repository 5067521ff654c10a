/**
 * The staff inbox (packages/messages/inbox) from the WeChat build, for a doctor: a closed
 * consultation of a member who withdrew health-data consent keeps its row with the reason instead
 * of its text and opens nothing; an open consultation shows its subject and text and opens.
 */
import { InboxResponse, PRIVACY_GUIDE_VERSION, Session, type InboxResponse as Inbox } from '../../domain';
import { API_BASE, built, byOwnText, loadPage, sessionFor, tap, until, type LoadedPage } from './harness';

const session = sessionFor({ personId: 'p_doc03', name: '马德福', role: 'doctor', organisation: '城关镇卫生院' }, PRIVACY_GUIDE_VERSION);

const inbox: Inbox = {
  unreadTotal: 1,
  items: [
    { threadId: 'q_open0001', kind: 'consultation', familyId: 'f_0009', familyName: '蒋立军家', villageName: '东关社区', unread: 1, waiting: true, waitingSince: '2026-12-06T09:00:00+08:00', lastMessageAt: '2026-12-06T09:00:00+08:00', preview: '氨氯地平可以晚上吃吗', subject: '血压药', urgent: false, status: 'waiting', overdue: false },
    { threadId: 'q_past0001', kind: 'consultation', familyId: 'f_0009', familyName: '蒋立军家', villageName: '东关社区', unread: 0, waiting: false, lastMessageAt: '2026-12-01T10:00:00+08:00', preview: '', urgent: false, status: 'closed', overdue: false, withheld: true },
  ],
};

let page: LoadedPage;

beforeAll(() => {
  if (!built) return;
  Session.parse(session);
  InboxResponse.parse(inbox);
  page = loadPage('packages/messages/inbox/index', session, (req) => {
    if (req.method === 'GET' && req.url.startsWith(`${API_BASE}/staff/inbox`)) return { statusCode: 200, data: inbox };
    return undefined;
  });
});

const maybe = built ? test : test.skip;

test('the WeChat build exists (npm test builds it first)', () => {
  expect(built).toBe(true);
});

maybe('a withheld closed consultation shows why, not its text, and opens nothing; the open one opens', async () => {
  await until(() => page.text().includes('血压药'), 'the inbox to render');
  const text = page.text();
  expect(text).toContain('已撤回在线共享健康信息，已结束的咨询记录不能查看');
  expect(text).toContain('氨氯地平可以晚上吃吗');
  // Only the open consultation has an 打开 button; tapping the withheld row's reason opens nothing.
  const buttons = byOwnText(page.root(), '打开');
  expect(buttons).toHaveLength(1);
  const [reason] = byOwnText(page.root(), '居民没有同意或已撤回在线共享健康信息，已结束的咨询记录不能查看');
  tap(reason);
  await new Promise((r) => setTimeout(r, 200));
  expect(page.calls.navigateTo).toEqual([]);
  tap(buttons[0]);
  await until(() => page.calls.navigateTo.length > 0, 'wx.navigateTo');
  expect(String(page.calls.navigateTo[0].url)).toContain('consultationId=q_open0001');
  expect(page.missingTemplates).toEqual([]);
});
