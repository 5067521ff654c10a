import type { Page } from 'playwright-core';
import { elderReport, expectElderFriendly, usePhonePage } from './browser';
import { agreeToPrivacyIfAsked, button, chooseDemoPersona, input, screenshot } from './flows';

/**
 * The hospital window: 吴静 finds a card holder who came without a booking by the physical card's
 * number, records the walk-in with the reductions given, and the county's commission sees the
 * visit on its dashboard. 张秀兰家 (f_0003, card QH20250003) is this file's walk-in family.
 */
const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

const CARD = 'QH20250003';

test('hospital staff find a family by card number and record a walk-in with its reductions', async () => {
  await chooseDemoPersona(page, '吴静 · 医院绿色通道');
  await agreeToPrivacyIfAsked(page, false, '窗口接待（没有预约的持卡人）');
  await button(page, '窗口接待（没有预约的持卡人）').click();
  const cardField = input(page, '服务卡号');
  await cardField.waitFor();

  // A wrong number: one plain answer, and nothing of any family is shown.
  await cardField.fill('QH00000000');
  await button(page, /^查找$/).click();
  await page.locator('.verdict', { hasText: '未找到' }).waitFor();
  await screenshot(page, 'walk-in-1-not-found');

  await cardField.fill(CARD.toLowerCase());
  await button(page, /^查找$/).click();
  const found = page.getByText(`已找到：就医服务卡 ${CARD}`);
  await found.waitFor();
  expect(await page.locator('.verdict', { hasText: '未找到' }).count()).toBe(0);
  await screenshot(page, 'walk-in-2-found');
  expectElderFriendly(await elderReport(page));

  // Another wrong number after a found family: the found family goes, only the answer stays.
  await cardField.fill('QH00000001');
  await button(page, /^查找$/).click();
  await page.locator('.verdict', { hasText: '未找到' }).waitFor();
  expect(await found.count()).toBe(0);
  await cardField.fill(CARD);
  await button(page, /^查找$/).click();
  await found.waitFor();

  await page.getByRole('radiogroup', { name: '就诊科室' }).getByRole('radio', { name: '全科' }).click();
  await page.locator('.choice', { hasText: '优先挂号' }).click();
  await page.locator('.choice', { hasText: '优先检查' }).click();
  await page.locator('.choice', { hasText: '安排了导诊陪诊' }).click();
  await input(page, '诊察费减免').fill('12');
  await input(page, '检查费减免').fill('35.5');
  await page.locator('.choice', { hasText: '实行了先诊疗后付费' }).click();
  await screenshot(page, 'walk-in-3-form');
  await button(page, '保存窗口就诊记录').click();
  const saved = page.getByText(/已记录 .+ 的窗口就诊：优先挂号、优先检查；陪诊；减免 47\.50 元；先诊疗后付费/);
  await saved.waitFor();
  // Today's list on the same page shows the visit.
  await page.locator('.card', { hasText: '减免 47.50 元' }).filter({ hasText: '由吴静记录' }).first().waitFor();
  await screenshot(page, 'walk-in-4-saved');
  expectElderFriendly(await elderReport(page));
});

test("the commission's dashboard shows the month's walk-in and its reductions", async () => {
  await chooseDemoPersona(page, '郑国栋 · 卫健委');
  await agreeToPrivacyIfAsked(page, false, '覆盖情况和月度台账');
  await button(page, '覆盖情况和月度台账').click();
  const section = page.locator('#green-channel');
  await section.waitFor();
  await section.scrollIntoViewIfNeeded();
  await section.getByText(/窗口直接 [1-9]/).first().waitFor();
  await section.locator('[data-institution="org_xyy"]').getByText(/减免 [1-9]\d* 人次，共 [\d.]+ 元/).waitFor();
  await screenshot(page, 'walk-in-5-dashboard');
});
