import type { Page } from 'playwright-core';
import { elderReport, expectElderFriendly, setTextScale, usePhonePage } from './browser';
import { agreeToPrivacyIfAsked, appUrl, button, input, pickFirstDay, screenshot } from './flows';

// The township officer 何文静 (柳林乡) raises a problem and makes the village cadre 刘秀梅 responsible;
// 刘秀梅 finds it on her home page and records the rectification; the officer sees it rectified.
const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

const WHAT = `柳林村有家庭本月未走访${Date.now().toString(36).slice(-4)}`;

test('a township officer raises a problem, a village cadre rectifies it, the ledger shows it done', async () => {
  await page.goto(`${appUrl()}?persona=demo-openid-p_comm02`);
  await agreeToPrivacyIfAsked(page, false, '问题台账（整改）');
  await button(page, '问题台账（整改）').click();
  await button(page, '登记新问题').click();
  await page.getByText('所属乡镇：柳林乡').waitFor();
  // Nothing filled in: the page says what is missing and marks the fields.
  await button(page, /^登记问题$/).click();
  await page.getByText('请选择问题类别').first().waitFor();
  await page.getByRole('radio', { name: '走访慰问' }).click();
  await page.getByLabel('存在的问题').locator('textarea').fill(WHAT);
  await input(page, '责任单位').fill('柳林乡人民政府');
  await input(page, '责任领导').fill('李卫东');
  await page.getByRole('radio', { name: /^刘秀梅/ }).click();
  await page.getByLabel('整改措施').locator('textarea').fill('本周内入户走访，并补记联系台账');
  // The deadline: today, the first day the date wheel offers.
  await pickFirstDay(page, /整改时限/);
  await screenshot(page, 'problems-1-raise');
  expectElderFriendly(await elderReport(page));
  await button(page, /^登记问题$/).click();
  await page.getByText(/已登记：柳林乡，走访慰问，责任人刘秀梅/).waitFor();
  await screenshot(page, 'problems-2-raised');

  // The cadre: a notice on her home page, one tap to her list, the rectification recorded.
  await page.goto(`${appUrl()}?persona=demo-openid-p_cadre03`);
  await agreeToPrivacyIfAsked(page, false, '我的整改任务');
  await page.getByText(/您有 \d+ 项整改任务/).waitFor();
  await screenshot(page, 'problems-3-cadre-home');
  await button(page, '我的整改任务').click();
  const card = page.locator('.card').filter({ hasText: WHAT });
  await card.waitFor();
  await card.locator('taro-button-core').filter({ hasText: '记录整改情况' }).click();
  await card.locator('taro-button-core').filter({ hasText: '提交整改情况' }).click();
  await page.getByText('请填写整改情况').first().waitFor();
  await card.getByLabel('整改情况').locator('textarea').fill('12月8日已入户走访孙家，补记了联系台账');
  await screenshot(page, 'problems-4-rectify');
  expectElderFriendly(await elderReport(page));
  await card.locator('taro-button-core').filter({ hasText: '提交整改情况' }).click();
  await page.getByText('已记录整改完成：柳林乡，走访慰问。').waitFor();

  // The officer's ledger: rectified, with what was done and by whom.
  await page.goto(`${appUrl()}?persona=demo-openid-p_comm02`);
  await button(page, '问题台账（整改）').click();
  const done = page.locator('.card').filter({ hasText: WHAT });
  await done.getByText('已整改').first().waitFor();
  await done.getByText(/整改情况：12月8日已入户走访孙家/).waitFor();
  await screenshot(page, 'problems-5-ledger');
  expectElderFriendly(await elderReport(page));
  // At 1.5x text (WeChat's larger font), the same ledger holds the bars too.
  await setTextScale(page, 1.5);
  await page.reload();
  await page.locator('.card').filter({ hasText: WHAT }).waitFor();
  await screenshot(page, 'problems-6-ledger-1.5');
  expectElderFriendly(await elderReport(page));
});
