// Walks the H5 build as several demo personas and saves a phone-sized screenshot of every page,
// for a person to look at. Needs the local runtime running (npm start) and Debian's Chromium.
//
//   node miniapp/scripts/shots.mjs [BASE_URL] [OUT_DIR]
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const { chromium } = require('playwright-core');

const base = process.argv[2] ?? 'http://127.0.0.1:8787';
const out = process.argv[3] ?? 'test-artifacts/shots';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function session() {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('  [pageerror]', e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.log('  [console]', m.text()); });
  return { context, page };
}

const visible = (page, text) => page.getByText(text, { exact: false }).locator('visible=true').first();
/** Taps the button (or, failing that, the element) showing this text, as a finger would. */
async function tap(page, text) {
  const target = visible(page, text);
  await target.waitFor({ timeout: 20000 });
  // NutUI draws a press-feedback layer over the label; the tap lands on the button either way.
  await target.click({ force: true });
}

async function shot(page, name, waitText) {
  if (waitText) await visible(page, waitText).waitFor({ timeout: 20000 });
  await page.waitForTimeout(800); // Taro H5 pages slide in
  // Taro scrolls inside .taro_page; unroll it so the screenshot shows the whole page.
  const unroll = await page.addStyleTag({ content: 'body{overflow:visible!important}.taro_router{height:auto!important}.taro_page{position:relative!important;height:auto!important;overflow:visible!important}.taro_page:not(.taro_page_show){display:none!important}' });
  const file = join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await unroll.evaluate((el) => el.remove());
  console.log(`${name}: ${page.url()} -> ${file}`);
}

async function loginAs(page, label, { consent = true } = {}) {
  await page.goto(`${base}/`);
  await shot(page, 'login', '本地演示环境');
  await visible(page, label).click();
  if (consent) {
    // Only the first login of a persona (on a fresh database) asks for consent.
    await page.waitForURL(/packages|privacy/, { timeout: 20000 });
    if (!page.url().includes('privacy')) return;
    await visible(page, '我已阅读并同意').waitFor({ timeout: 20000 });
    await tap(page, '我已阅读并同意');
    await tap(page, '同意使用我的健康信息');
    await tap(page, '同意并继续');
  }
}

try {
  // Family member with all three contacts.
  {
    const { context, page } = await session();
    await page.goto(`${base}/`);
    await tap(page, '王秀英');
    // Needs a fresh database: a persona is asked only once.
    await shot(page, 'privacy', '隐私保护指引');
    await tap(page, '同意并继续');
    await shot(page, 'privacy-errors', '请先勾选');
    await tap(page, '我已阅读并同意');
    await tap(page, '同意使用我的健康信息');
    await tap(page, '同意并继续');
    await shot(page, 'member-contacts', '打电话');
    await tap(page, '出示就医服务卡');
    await shot(page, 'member-card', '卡号');
    await page.goBack();
    await tap(page, '谁查看了我家信息');
    await shot(page, 'member-access-log', '谁查看了我家信息');
    await context.close();
  }
  // Family member whose village contact is missing.
  {
    const { context, page } = await session();
    await loginAs(page, '冯建国');
    await shot(page, 'member-missing-contact', '还没有安排');
    await context.close();
  }
  // First-time user: binding.
  {
    const { context, page } = await session();
    await page.goto(`${base}/`);
    await tap(page, '李淑珍');
    await shot(page, 'bind', '核对您的身份');
    await tap(page, '核对并登录');
    await shot(page, 'bind-errors', '请填写');
    await context.close();
  }
  // Village contact person.
  {
    const { context, page } = await session();
    await loginAs(page, '王桂兰');
    await shot(page, 'contact-families', '我联系的家庭');
    await tap(page, '拨打');
    await shot(page, 'contact-reveal-confirm', '查看完整号码会被记录');
    await tap(page, '取消');
    // Read one number for real: the family then sees it in its access log.
    await tap(page, '拨打');
    await tap(page, '继续拨打');
    await page.waitForTimeout(1500);
    await shot(page, 'contact-revealed', '我联系的家庭');
    await context.close();
  }
  {
    // A fresh page: desktop Chromium answers the tel: link with an external-protocol prompt that
    // swallows further clicks (a phone hands it to the dialler instead).
    const { context, page } = await session();
    await loginAs(page, '王桂兰');
    await tap(page, '查看这户的联系人');
    await shot(page, 'contact-family-contacts', '只能查看');
    await context.close();
  }
  // The family sees who read its number.
  {
    const { context, page } = await session();
    await loginAs(page, '王秀英');
    await tap(page, '谁查看了我家信息');
    await shot(page, 'member-access-log-entries', '查看了');
    await context.close();
  }
  // Doctor, hospital, commission.
  for (const [label, name, wait] of [['陈立新', 'doctor-members', '我的签约居民'], ['吴静', 'hospital', '还没有开通'], ['郑国栋', 'commission-families', '辖区家庭']]) {
    const { context, page } = await session();
    await loginAs(page, label);
    await shot(page, name, wait);
    await context.close();
  }
} finally {
  await browser.close();
}
