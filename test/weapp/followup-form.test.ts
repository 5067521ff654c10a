/**
 * The member's follow-up form (packages/health/followup) from the WeChat build: its fields and its
 * one main button render, and a tap with nothing chosen explains what is missing without sending
 * anything (the server never sees a half-filled form).
 */
import { PRIVACY_GUIDE_VERSION, Session } from '../../domain';
import { built, byOwnText, loadPage, sessionFor, tap, until, type LoadedPage } from './harness';

const session = sessionFor({ personId: 'p_m0001', name: '王秀英', role: 'member', familyId: 'f_0001' }, PRIVACY_GUIDE_VERSION);
let page: LoadedPage;

beforeAll(() => {
  if (!built) return;
  Session.parse(session);
  page = loadPage('packages/health/followup/index', session, () => undefined);
});

const maybe = built ? test : test.skip;

test('the WeChat build exists (npm test builds it first)', () => {
  expect(built).toBe(true);
});

maybe('renders the reading boxes, the feelings and the one main button', async () => {
  await until(() => page.text().includes('交给医生'), 'the form to render');
  for (const label of ['填写随访', '高压（收缩压）', '低压（舒张压）', '血糖（mmol/L）', '这几天有没有不舒服（可以选几项）', '这几天心情怎么样']) {
    expect(page.text()).toContain(label);
  }
  expect(byOwnText(page.root(), '交给医生')).toHaveLength(1);
  expect(page.missingTemplates).toEqual([]);
});

maybe('tapping 交给医生 with nothing filled says what is missing and sends nothing', async () => {
  const [button] = await until(() => byOwnText(page.root(), '交给医生').length === 1 && byOwnText(page.root(), '交给医生'), 'the main button');
  tap(button);
  await until(() => page.text().includes('请选择您这几天的心情'), 'the missing-mood message');
  expect(page.text()).toContain('有几项需要改一下，请看红色的提示');
  expect(page.requests.filter((r) => r.method === 'POST')).toEqual([]);
  // Still the form: nothing was lost or replaced by a result screen.
  expect(page.text()).toContain('高压（收缩压）');
});
