/**
 * The doctor's follow-up queue (packages/doctor/queue) from the WeChat build: the entries render
 * in the server's order with their priority in words, the refill waiting for a decision shows, and
 * the entry's main button opens that member's file.
 */
import { DoctorRefillsResponse, PRIVACY_GUIDE_VERSION, queuePriorityLabels, QueueResponse, Session, TierDueResponse, type DoctorRefillsResponse as Refills, type QueueResponse as Queue } from '../../domain';
import { API_BASE, built, byOwnText, loadPage, sessionFor, tap, until, type LoadedPage } from './harness';

const session = sessionFor({ personId: 'p_doc01', name: '陈立新', role: 'doctor', organisation: '城关镇卫生院' }, PRIVACY_GUIDE_VERSION);

const queue: Queue = {
  today: '2026-11-23',
  items: [
    { kind: 'urgent', priority: 'urgent', familyId: 'f_0001', memberId: 'p_m0001', memberName: '王秀英', dueOn: '2026-11-23', title: '血压 185/112 mmHg', detail: '头晕', followUpId: 'fu_202611230900000aaaaaaaaaaaaaaaa' },
    { kind: 'plan', priority: 'overdue', familyId: 'f_0002', memberId: 'p_m0002', memberName: '李德顺', dueOn: '2026-11-10', title: '高血压季度随访' },
  ],
};
/** The double-signing members due at the doctor's own tier (loaded apart from the queue). */
const tierDue: TierDueResponse = {
  today: '2026-11-23',
  items: [{ familyId: 'f_0003', memberId: 'p_m0003', memberName: '赵桂芝', villageName: '西街村', tier: 'township', period: '2026-11', lastServedOn: '2026-10-12' }],
};
const refills: Refills = {
  items: [
    {
      familyId: 'f_0002',
      memberId: 'p_m0002',
      memberName: '李德顺',
      medicines: '苯磺酸氨氯地平片',
      followUpRecent: false,
      refill: { refillId: 'rf_1', prescriptionId: 'rx_1', status: 'submitted', fulfilment: 'pickup', submittedAt: '2026-11-22T10:00:00+08:00', history: [{ status: 'submitted', at: '2026-11-22T10:00:00+08:00' }] },
    },
  ],
};

let page: LoadedPage;

beforeAll(() => {
  if (!built) return;
  // The fixtures are real contract values: if domain/ changes, this fails before anything renders.
  Session.parse(session);
  QueueResponse.parse(queue);
  DoctorRefillsResponse.parse(refills);
  TierDueResponse.parse(tierDue);
  page = loadPage('packages/doctor/queue/index', session, (req) => {
    if (req.method !== 'GET') return undefined;
    if (req.url === `${API_BASE}/doctor/followups`) return { statusCode: 200, data: queue };
    if (req.url === `${API_BASE}/doctor/refills`) return { statusCode: 200, data: refills };
    if (req.url === `${API_BASE}/doctor/double-signing`) return { statusCode: 200, data: tierDue };
    return undefined;
  });
});

const maybe = built ? test : test.skip;

test('the WeChat build exists (npm test builds it first)', () => {
  expect(built).toBe(true);
});

maybe('renders each entry with its priority in words, urgent first, and the refill to decide', async () => {
  await until(() => page.text().includes('李德顺'), 'the queue to render');
  const text = page.text();
  expect(text).toContain('随访待办');
  expect(text).toContain(queuePriorityLabels.urgent);
  expect(text).toContain(queuePriorityLabels.overdue);
  expect(text.indexOf('王秀英')).toBeLessThan(text.indexOf('李德顺'));
  expect(text).toContain('血压 185/112 mmHg');
  expect(text).toContain('苯磺酸氨氯地平片');
  expect(text).toContain('最近 30 天没有随访');
  expect(text).not.toContain('今天没有需要随访的居民');
  // The double-signing list loads apart from the queue.
  await until(() => page.text().includes('赵桂芝'), 'the double-signing list to render');
  const tiers = page.text();
  expect(tiers).toContain('赵桂芝（西街村）');
  expect(tiers).toContain('乡镇级（乡镇卫生院）：本月还没有随访');
  expect(page.requests.map((r) => `${r.method} ${r.url}`).sort()).toEqual([`GET ${API_BASE}/doctor/double-signing`, `GET ${API_BASE}/doctor/followups`, `GET ${API_BASE}/doctor/refills`]);
  for (const r of page.requests) expect(r.header).toEqual(expect.objectContaining({ Authorization: 'Bearer test-token' }));
  expect(page.missingTemplates).toEqual([]);
});

maybe('the urgent entry’s main button opens that member’s file at the submission to answer', async () => {
  const [button] = await until(() => byOwnText(page.root(), '查看读数并回复')[0] && byOwnText(page.root(), '查看读数并回复'), 'the urgent entry’s button');
  tap(button);
  await until(() => page.calls.navigateTo.length > 0, 'wx.navigateTo');
  const url = String(page.calls.navigateTo[0].url);
  expect(url.startsWith('/packages/doctor/member/index?')).toBe(true);
  const q = new URLSearchParams(url.split('?')[1]);
  expect(q.get('familyId')).toBe('f_0001');
  expect(q.get('memberId')).toBe('p_m0001');
  expect(q.get('followUpId')).toBe(queue.items[0].followUpId);
});
