import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, beijingDate, type SessionListResponse } from '../../domain';
import { call, tokenFor } from '../support/api';
import { type ElderDefect, type ElderReport, elderReport, invalidInputDefects, launchBrowser, phoneContext, SCREENSHOT_DIR, setTextScale, unexpectedDefects } from './browser';
import { ELDER_KNOWN_DEFECTS } from './elder-known-defects';
import { appUrl, agreeToPrivacy, button } from './flows';

/**
 * Every page of every role, at the standard text size and at 1.5x and 2x (WeChat's larger font
 * settings and 关怀模式), held to every elderly-friendly bar (browser.ts). One browser; each demo
 * persona logs in once and keeps its context. A page is listed with the persona who uses it and
 * the query it needs from the seeded data; the test fails if app.config.ts gains a page this list
 * does not visit.
 */

const SCALES = [1, 1.5, 2] as const;
/**
 * One picture per page, persona and text size, for a person to look at: the checks measure what
 * they know of, the eye catches the rest (a confusing layout, overlapping words). One image pixel
 * per CSS pixel (not the phone's two) keeps a run's pictures small and adds seconds, not minutes.
 */
const SHOTS_DIR = 'test-artifacts/every-page';
/** iPhone 12-15 width: the 390 px the bars are measured against. */
const WIDTH = 390;
const HEIGHT = 812;

type Who = 'anonymous' | 'unbound' | 'member' | 'contact' | 'doctor' | 'township' | 'hospital' | 'commission' | 'city';

const personaLabel: Record<Exclude<Who, 'anonymous' | 'unbound'>, string> = {
  member: '王秀英 · 家庭成员',
  contact: '王桂兰 · 村（社区）联系人',
  doctor: '陈立新 · 家庭医生',
  township: '何文静 · 乡镇卫健办',
  hospital: '吴静 · 医院绿色通道',
  commission: '郑国栋 · 卫健委',
  city: '孟淑芬 · 市卫健委',
};

interface Visit {
  who: Who;
  route: string;
  query?: Record<string, string>;
  /** Text the page shows once its data is in (beyond "loading"). */
  ready?: string | RegExp;
  /** The form's send button: pressed with every text box empty, the form must mark what is missing. */
  emptySubmit?: string | RegExp;
}

// Filled in beforeAll from the seeded data (a booking of 王秀英's family for the booking pages).
const ids = { bookingId: '' };

const visits = (): Visit[] => [
  { who: 'anonymous', route: '/pages/login/index', ready: '王秀英' },
  { who: 'anonymous', route: '/pages/index/index' },
  { who: 'unbound', route: '/packages/account/bind/index', ready: '核对您的身份', emptySubmit: '核对并登录' },
  { who: 'member', route: '/pages/privacy/index', ready: '隐私保护指引' },
  { who: 'member', route: '/packages/family/contacts/index', ready: '王桂兰' },
  { who: 'member', route: '/packages/family/card/index', ready: 'QH20250001' },
  { who: 'member', route: '/packages/family/access-log/index' },
  { who: 'member', route: '/packages/booking/book/index', query: { institutionId: 'org_xyy' } },
  { who: 'member', route: '/packages/booking/confirmation/index', query: { bookingId: ids.bookingId } },
  { who: 'member', route: '/packages/booking/mine/index' },
  { who: 'member', route: '/packages/booking/reschedule/index', query: { bookingId: ids.bookingId } },
  { who: 'member', route: '/packages/booking/admission/index' },
  { who: 'member', route: '/packages/health/readings/index' },
  { who: 'member', route: '/packages/health/followup/index' },
  { who: 'member', route: '/packages/health/prescriptions/index' },
  { who: 'member', route: '/packages/signing/index/index' },
  { who: 'member', route: '/packages/signing/contract/index', query: { memberId: 'p_m0001' } },
  { who: 'member', route: '/packages/signing/sign/index', query: { familyId: 'f_0001' } },
  { who: 'member', route: '/packages/requests/family/index', emptySubmit: /提交/ },
  { who: 'member', route: '/packages/messages/conversation/index', query: { familyId: 'f_0001', staffId: 'p_cadre01', name: '王桂兰' } },
  { who: 'member', route: '/packages/messages/consult-new/index', emptySubmit: '发给家庭医生' },
  { who: 'member', route: '/packages/messages/inbox/index' },
  { who: 'member', route: '/packages/info/entitlements/index', ready: '就医服务卡' },
  { who: 'member', route: '/packages/info/articles/index' },
  { who: 'member', route: '/packages/info/article/index', query: { id: 'ar_seedcounty0001' }, ready: '朗读' },
  { who: 'contact', route: '/packages/staff/families/index', ready: '王秀英家' },
  { who: 'contact', route: '/packages/family/contacts/index', query: { familyId: 'f_0001', staff: '1' } },
  { who: 'contact', route: '/packages/ledger/due/index' },
  { who: 'contact', route: '/packages/ledger/record/index', query: { familyId: 'f_0001', name: '王秀英家' }, emptySubmit: /保存/ },
  { who: 'contact', route: '/packages/requests/staff/index' },
  { who: 'contact', route: '/packages/requests/family/index', query: { familyId: 'f_0001' } },
  { who: 'contact', route: '/packages/messages/inbox/index' },
  { who: 'contact', route: '/packages/acting/index/index', query: { familyId: 'f_0001' }, ready: '为王秀英家代办' },
  { who: 'contact', route: '/packages/booking/book/index', query: { forFamily: 'f_0001' }, ready: '代为预约优先号' },
  { who: 'contact', route: '/packages/booking/admission/index', query: { forFamily: 'f_0001' }, ready: '代为申请住院床位' },
  { who: 'contact', route: '/packages/family/survey/index', query: { familyId: 'f_0001' }, ready: '入户调查' },
  { who: 'doctor', route: '/packages/staff/members/index' },
  { who: 'doctor', route: '/packages/doctor/queue/index' },
  { who: 'doctor', route: '/packages/doctor/member/index', query: { familyId: 'f_0001', memberId: 'p_m0001' } },
  { who: 'doctor', route: '/packages/doctor/prescribe/index', query: { familyId: 'f_0001', memberId: 'p_m0001' } },
  { who: 'doctor', route: '/packages/doctor/health-file/index', query: { familyId: 'f_0001', memberId: 'p_m0001' } },
  { who: 'doctor', route: '/packages/booking/referral/index', query: { familyId: 'f_0001', memberId: 'p_m0001', memberName: '王秀英' } },
  { who: 'doctor', route: '/packages/messages/consultation/index', query: { familyId: 'f_0002', consultationId: 'q_seedf0002demo' } },
  { who: 'doctor', route: '/packages/team/applications/index' },
  { who: 'doctor', route: '/packages/team/teams/index' },
  { who: 'doctor', route: '/packages/team/home-visit/index' },
  { who: 'doctor', route: '/packages/doctor/articles/index', emptySubmit: '发布' },
  { who: 'hospital', route: '/packages/staff/hospital/index' },
  { who: 'hospital', route: '/packages/hospital/today/index' },
  { who: 'hospital', route: '/packages/hospital/admissions/index' },
  { who: 'hospital', route: '/packages/hospital/schedule/index' },
  { who: 'hospital', route: '/packages/window/walkin/index' },
  { who: 'township', route: '/packages/team/coverage/index' },
  { who: 'township', route: '/packages/policy/families/index' },
  { who: 'township', route: '/packages/policy/ledger/index', query: { familyId: 'f_0008' } },
  { who: 'commission', route: '/packages/staff/families/index' },
  { who: 'commission', route: '/packages/commission/dashboard/index' },
  { who: 'commission', route: '/packages/report/index/index' },
  { who: 'city', route: '/packages/report/index/index', ready: '各县对比' },
  { who: 'commission', route: '/packages/commission/import/index' },
  { who: 'commission', route: '/packages/requests/handover/index' },
  { who: 'commission', route: '/packages/people/index/index', ready: '张建华' },
  { who: 'commission', route: '/packages/people/edit/index', ready: '添加人员', emptySubmit: '添加' },
  { who: 'commission', route: '/packages/people/assign/index', ready: '城关镇' },
  { who: 'commission', route: '/packages/lifecycle/family/index', query: { familyId: 'f_0001' }, ready: '变更记录' },
  { who: 'commission', route: '/packages/commission/articles/index', emptySubmit: '发布' },
  { who: 'commission', route: '/packages/problems/list/index', ready: '登记新问题' },
  { who: 'commission', route: '/packages/problems/edit/index', ready: '问题类别', emptySubmit: /^登记问题$/ },
  { who: 'contact', route: '/packages/problems/list/index', ready: '我的整改任务' },
  { who: 'commission', route: '/packages/institutions/list/index', ready: '清河县人民医院' },
  { who: 'commission', route: '/packages/institutions/edit/index', ready: '城关镇', emptySubmit: '保存定点机构' },
  { who: 'commission', route: '/packages/townships/index/index', ready: '柳林乡', emptySubmit: '添加乡镇' },
  { who: 'commission', route: '/packages/measures/list/index', ready: '免收普通门诊诊察费' },
];

/** The pages app.config.ts declares, read from its text (it calls Taro's global defineAppConfig). */
function declaredRoutes(): string[] {
  const text = readFileSync('miniapp/src/app.config.ts', 'utf8');
  const list = (s: string) => [...s.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  const main = list(/pages: \[([^\]]*)\]/.exec(text)?.[1] ?? '');
  const subs = [...text.matchAll(/root: '([^']+)', pages: \[([^\]]*)\]/g)].flatMap((m) => list(m[2]).map((page) => `${m[1]}/${page}`));
  return [...main, ...subs].map((r) => `/${r}`);
}

/** e.g. test-artifacts/every-page/member-packages-booking-book-index@1.5.png */
function shotPath(visit: Visit, scale: number): string {
  return `${SHOTS_DIR}/${visit.who}-${visit.route.slice(1).replace(/\//g, '-')}@${scale}.png`;
}

/**
 * The whole page, not only the first screen (812 px): Taro's H5 page scrolls inside its own
 * element, so Playwright's fullPage sees one screen. The window is made as tall as the page for the
 * picture (vmin, and so the text size, follow the width) and put back before the next measurement.
 */
async function screenshotWholePage(page: Page, path: string) {
  const viewport = page.viewportSize() ?? { width: WIDTH, height: HEIGHT };
  const height = await page.evaluate(() => {
    const shown = [...document.querySelectorAll('.page')].map((el) => el.getBoundingClientRect()).filter((r) => r.height > 0);
    return Math.ceil(Math.max(window.innerHeight, ...shown.map((r) => r.height + Math.max(r.top, 0))));
  });
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 8000) });
  await page.screenshot({ path, scale: 'css' });
  if (height > viewport.height) await page.setViewportSize(viewport);
}

let browser: Browser;
const contexts = new Map<Who, BrowserContext>();
const found: { visit: Visit; scale: number; defects: ElderDefect[] }[] = [];

/** Waits for the page's data; false if the text it should show never appeared. */
async function settle(page: Page, ready?: string | RegExp): Promise<boolean> {
  await page.locator('.page').first().waitFor({ timeout: 10000 }).catch(() => undefined);
  const shown = !ready || (await page.getByText(ready).locator('visible=true').first().waitFor({ timeout: 10000 }).then(() => true, () => false));
  // Wait out loading states; a page still loading after this is measured as it is.
  await page.locator('.lx-loading').first().waitFor({ state: 'detached', timeout: 8000 }).catch(() => undefined);
  // What the data brought in lays out in a frame or two.
  await page.waitForTimeout(150);
  return shown;
}

async function contextFor(who: Who): Promise<BrowserContext> {
  const have = contexts.get(who);
  if (have) return have;
  const context = await phoneContext(browser, WIDTH);
  const page = await context.newPage();
  await page.goto(appUrl());
  if (who === 'unbound') {
    await page.getByRole('button', { name: '李淑珍 · 家庭成员（未绑定）', exact: true }).click();
    await page.getByText('核对您的身份').waitFor();
  } else if (who !== 'anonymous') {
    await page.getByRole('button', { name: personaLabel[who], exact: true }).click();
    await page.waitForURL((url) => !url.hash.includes('/pages/login/'));
    if (page.url().includes('/pages/privacy/')) await agreeToPrivacy(page, true);
    await page.waitForURL((url) => !url.hash.includes('/pages/privacy/'));
  }
  await page.close();
  contexts.set(who, context);
  return context;
}

beforeAll(async () => {
  browser = await launchBrowser();
  rmSync(SHOTS_DIR, { recursive: true, force: true });
  mkdirSync(SHOTS_DIR, { recursive: true });
  // A booking of 王秀英's husband at the township centre, for the confirmation and reschedule pages.
  const token = await tokenFor('p_m0001');
  for (let day = 1; day < 14 && !ids.bookingId; day++) {
    const date = addDays(beijingDate(new Date()), day);
    const sessions = await call<SessionListResponse>('GET', `/institutions/org_cgwsy/sessions?date=${date}`, { token });
    const open = sessions.body.items?.find((s) => s.bookable);
    if (!open) continue;
    const booked = await call('POST', '/families/f_0001/bookings', { token, body: { institutionId: 'org_cgwsy', sessionId: open.sessionId, memberId: 'p_m0002' }, headers: { 'Idempotency-Key': `every-page-${Date.now()}` } });
    if (booked.status < 300) ids.bookingId = booked.body.bookingId ?? booked.body.booking?.bookingId;
  }
  expect(ids.bookingId).toBeTruthy();
});

afterAll(async () => {
  for (const c of contexts.values()) await c.close();
  await browser?.close();
});

test('the list below visits every page in app.config.ts', () => {
  const visited = new Set(visits().map((v) => v.route));
  const declared = declaredRoutes();
  expect(declared.length).toBeGreaterThan(40);
  expect(declared.filter((r) => !visited.has(r))).toEqual([]);
});

test('every page of every role meets the elderly-friendly bars at text sizes 1, 1.5 and 2', async () => {
  const started = Date.now();
  let n = 0;
  for (const who of ['anonymous', 'unbound', 'member', 'contact', 'doctor', 'township', 'hospital', 'commission', 'city'] as const) {
    // EVERY_PAGE_ONLY=<part of a route> narrows the run while working on one page.
    const mine = visits().filter((v) => v.who === who && v.route.includes(process.env.EVERY_PAGE_ONLY ?? ''));
    if (!mine.length) continue;
    const context = await contextFor(who);
    const page = await context.newPage();
    await page.goto(appUrl());
    for (const scale of SCALES) {
      await setTextScale(page, scale);
      for (const visit of mine) {
        const query = new URLSearchParams(visit.query ?? {}).toString();
        // A full load per visit (the cache-busting search part), so each page starts as a user opens it.
        await page.goto(`${appUrl()}?v=${++n}#${visit.route}${query ? `?${query}` : ''}`, { waitUntil: 'domcontentloaded' });
        const shown = await settle(page, visit.ready);
        const report: ElderReport = await elderReport(page, { axe: scale === 1 });
        await screenshotWholePage(page, shotPath(visit, scale));
        const defects = unexpectedDefects({ ...report, route: visit.route }, ELDER_KNOWN_DEFECTS);
        if (!shown) defects.push({ kind: 'page', el: `never showed "${String(visit.ready)}" (now at ${report.route})` });
        if (report.textScale !== scale) defects.push({ kind: 'page', el: `page applied text scale ${report.textScale}, expected ${scale}` });
        if (visit.emptySubmit && scale === 1) {
          for (const box of await page.locator('input:visible:not([type=checkbox]):not([type=radio]), textarea:visible').all()) await box.fill('');
          const sent = await button(page, visit.emptySubmit).last().click({ timeout: 5000 }).then(() => true, () => false);
          await page.waitForTimeout(500);
          if (!sent) defects.push({ kind: 'page', el: `no button ${String(visit.emptySubmit)} to send the form` });
          else defects.push(...(await invalidInputDefects(page)).filter((d) => !ELDER_KNOWN_DEFECTS.some((k) => k.kind === d.kind && k.route === visit.route)));
        }
        if (defects.length) found.push({ visit, scale, defects });
      }
    }
    await page.close();
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`every page: ${n} visits in ${seconds} s`);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(`${SCREENSHOT_DIR}/every-page.json`, JSON.stringify(found, null, 2));
  expect(found.map((f) => ({ page: `${f.visit.who} ${f.visit.route} @${f.scale}`, defects: f.defects.map((d) => `${d.kind}: ${d.el}`) }))).toEqual([]);
}, 600_000);
