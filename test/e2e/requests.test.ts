import type { Page } from 'playwright-core';
import { elderReport, expectElderFriendly, usePhonePage } from './browser';
import { agreeToPrivacy, appUrl, button, forgetConsent, screenshot } from './flows';

// 李国强 (王秀英's husband, f_0001) raises a request; the family's village contact 王桂兰 answers it.
// 李国强 is no other suite's persona, so the privacy step is his; 王桂兰 may have agreed elsewhere.
beforeAll(() => forgetConsent('p_m0002'));

const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

const TEXT = '老伴腿脚不便，想请人陪同去县医院复查';

test('a family member raises a request, sees the quarterly questions, and follows the answer on the timeline', async () => {
  await page.goto(`${appUrl()}?persona=demo-openid-p_m0002`);
  await agreeToPrivacy(page, false);
  // The quarter's two questions wait on the home page until the family answers.
  await page.getByText('回访（两个问题）').waitFor();
  await screenshot(page, 'requests-1-home-survey');
  await button(page, '我的诉求：有困难告诉我们').click();
  await page.getByText('提过的诉求').waitFor();
  // Nothing chosen: the page says what is missing and keeps what was typed.
  await page.getByLabel('需要帮什么忙').locator('textarea').fill(TEXT);
  await button(page, '提交诉求').click();
  // Said at the form and under the group it is about, which is marked.
  await page.getByText('请先选择是哪方面的事').first().waitFor();
  await page.locator('[role=radiogroup][aria-invalid=true]').waitFor();
  expect(await page.getByLabel('需要帮什么忙').locator('textarea').inputValue()).toBe(TEXT);
  await page.getByRole('radio', { name: '看病就医' }).click();
  await button(page, '提交诉求').click();
  const card = page.locator('.rq').filter({ hasText: TEXT });
  await card.getByText('已提交，待办理').first().waitFor();
  await card.getByText('经办人：王桂兰').waitFor();
  await screenshot(page, 'requests-2-family-raised');
  expectElderFriendly(await elderReport(page));
});

test('the village contact moves it on and the family sees every step', async () => {
  await page.goto(`${appUrl()}?persona=demo-openid-p_cadre01`);
  const privacy = page.getByText('第一步：隐私保护指引');
  await privacy.or(button(page, '诉求办理')).first().waitFor();
  if (await privacy.isVisible()) await agreeToPrivacy(page, false);
  await button(page, '诉求办理').click();
  const card = page.locator('.rq').filter({ hasText: TEXT });
  await card.waitFor();
  await screenshot(page, 'requests-3-staff-list');
  expectElderFriendly(await elderReport(page));
  await card.locator('taro-button-core').filter({ hasText: '办理这条诉求' }).click();
  await card.getByRole('radio', { name: '已办结' }).click();
  await card.getByLabel('办理说明（可不填）').locator('textarea').fill('已联系村医周三上午陪同复查');
  await screenshot(page, 'requests-4-staff-update');
  await card.locator('taro-button-core').filter({ hasText: '保存办理进度' }).click();
  // Closed requests leave the contact's list.
  await page.locator('.rq').filter({ hasText: TEXT }).waitFor({ state: 'detached' });
  await page.getByText('已保存办理结果，家属会看到').waitFor();

  await page.goto(`${appUrl()}?persona=demo-openid-p_m0002`);
  await button(page, '我的诉求：有困难告诉我们').click();
  const family = page.locator('.rq').filter({ hasText: TEXT });
  await family.getByText('已联系村医周三上午陪同复查').waitFor();
  expect(await family.locator('.rq__status').textContent()).toBe('已办结');
  await screenshot(page, 'requests-5-family-timeline');
  expectElderFriendly(await elderReport(page));
});

test('commission staff hand a family over on the hand-over page and the family sees the new contact at once', async () => {
  // 吴振华家 (西街村) passes from 赵永强 to 王桂兰; no other suite reads this family's village contact.
  await page.goto(`${appUrl()}?persona=demo-openid-p_comm01`);
  const privacy = page.getByText('第一步：隐私保护指引');
  await privacy.or(button(page, '交接联系人')).first().waitFor();
  if (await privacy.isVisible()) await agreeToPrivacy(page, false);
  await button(page, '交接联系人').click();
  await page.getByRole('radio', { name: /^吴振华家/ }).click();
  await page.getByRole('radio', { name: '村（社区）联系人：现在是赵永强' }).click();
  await page.getByRole('radio', { name: /^王桂兰/ }).click();
  await screenshot(page, 'requests-6-handover');
  expectElderFriendly(await elderReport(page));
  await button(page, '确认交接').click();
  await page.getByText('吴振华家的村（社区）联系人已由赵永强交接给王桂兰').waitFor();
  await screenshot(page, 'requests-7-handover-done');

  await page.goto(`${appUrl()}?persona=demo-openid-p_m0008`);
  const memberPrivacy = page.getByText('第一步：隐私保护指引');
  await memberPrivacy.or(page.getByText('王桂兰', { exact: true }).first()).first().waitFor();
  if (await memberPrivacy.isVisible()) await agreeToPrivacy(page, false);
  await page.getByText('王桂兰', { exact: true }).first().waitFor();
  expect(await page.getByText('赵永强', { exact: true }).count()).toBe(0);
  await screenshot(page, 'requests-8-family-new-contact');
});
