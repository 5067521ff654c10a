import type { Page } from 'playwright-core';
import { elderReport, expectElderFriendly, usePhonePage } from './browser';
import { agreeToPrivacyIfAsked, appUrl, button, input, screenshot } from './flows';

// The county officer 郑国栋 publishes; 卫秀兰 (褚福生家, f_0008, 柳林村) reads it and has it read
// aloud, then opens her family's 帮扶清单. She is no other suite's persona.
const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

const TITLE = `冬天出门防滑倒${Date.now().toString(36).slice(-4)}`;
const TEXT = '下雪结冰的日子尽量少出门。出门请穿防滑的鞋，走路慢一点，最好拄拐杖或有人陪着。摔倒后不要急着起身，先打电话给家人或联系人。';

test('the commission publishes an article and sees how many families opened it', async () => {
  await page.goto(`${appUrl()}?persona=demo-openid-p_comm01`);
  await agreeToPrivacyIfAsked(page, false, '发布政策宣传文章');
  await button(page, '发布政策宣传文章').click();
  await page.getByText('文章发给全县的计划生育特殊家庭。').waitFor();
  // Nothing typed: the page says what is missing, with the field marked.
  await button(page, /^发布$/).click();
  await page.getByText('请填写标题（至少 2 个字）').first().waitFor();
  await input(page, '标题').fill(TITLE);
  await page.getByLabel('正文').locator('textarea').fill(TEXT);
  await screenshot(page, 'information-1-publish');
  expectElderFriendly(await elderReport(page));
  await button(page, /^发布$/).click();
  await page.getByText(`已发布《${TITLE}》，发给：全县特殊家庭。`).waitFor();
  await page.locator('.card').filter({ hasText: TITLE }).getByText('已有 0 户家庭打开阅读').waitFor();
  await screenshot(page, 'information-2-published');
});

test('a family member finds the new article from home in one tap and has it read aloud', async () => {
  // Chromium here has no voices: record what the page asks speechSynthesis to say, change nothing.
  await page.addInitScript(() => {
    const w = window as unknown as { __spoken: Array<{ lang: string; text: string }> };
    w.__spoken = [];
    const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
    window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      w.__spoken.push({ lang: u.lang, text: u.text });
      speak(u);
    };
  });
  await page.goto(`${appUrl()}?persona=demo-openid-p_m0013`);
  await agreeToPrivacyIfAsked(page, false, '我能享受的帮扶');
  const entry = button(page, /政策与健康知识（\d+ 篇新文章）/);
  await entry.waitFor();
  await screenshot(page, 'information-3-home');
  await entry.click();
  const item = page.locator('.article-item').filter({ hasText: TITLE });
  await item.getByText('未读').waitFor();
  await screenshot(page, 'information-4-list');
  expectElderFriendly(await elderReport(page));
  await item.locator('taro-button-core').filter({ hasText: '阅读和朗读' }).click();
  await page.getByText(TEXT).waitFor();
  await button(page, /^朗读$/).click();
  await page.waitForFunction(() => (window as unknown as { __spoken: unknown[] }).__spoken.length > 0);
  const spoken = await page.evaluate(() => (window as unknown as { __spoken: Array<{ lang: string; text: string }> }).__spoken);
  expect(spoken).toEqual([{ lang: 'zh-CN', text: `${TITLE}。${TEXT}` }]);
  await screenshot(page, 'information-5-article');
  expectElderFriendly(await elderReport(page));

  // Back on the list the article is read.
  await page.goBack();
  await page.locator('.article-item[data-read="yes"]').filter({ hasText: TITLE }).waitFor();
});

test("the family's 帮扶清单 is one tap from home, each item with whom to call", async () => {
  await page.goto(`${appUrl()}?persona=demo-openid-p_m0013`);
  await agreeToPrivacyIfAsked(page, false, '我能享受的帮扶');
  await button(page, '我能享受的帮扶').click();
  await page.getByText('就医服务卡和“五个优先”').waitFor();
  for (const title of ['联系人常来看您', '卫秀兰的家庭医生', '慢性病长处方（一次开 4 到 8 周的药）', '心理关爱和陪伴', '有困难，提诉求']) await page.getByText(title, { exact: true }).waitFor();
  await button(page, '打给刘秀梅').first().waitFor();
  await page.locator('.entitlement').getByText('137 0311 0203').first().waitFor();
  await screenshot(page, 'information-6-entitlements');
  expectElderFriendly(await elderReport(page));
});

test('the author sees the family counted', async () => {
  await page.goto(`${appUrl()}?persona=demo-openid-p_comm01`);
  await agreeToPrivacyIfAsked(page, false, '发布政策宣传文章');
  await button(page, '发布政策宣传文章').click();
  await page.locator('.card').filter({ hasText: TITLE }).getByText('已有 1 户家庭打开阅读').waitFor();
});
