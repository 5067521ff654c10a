import type { Page } from 'playwright-core';
import { elderReport, expectElderFriendly, usePhonePage } from './browser';
import { agreeToPrivacy, chooseDemoPersona, screenshot, forgetConsent } from './flows';

// The people this suite walks through the privacy guide as first-time users.
beforeAll(() => forgetConsent('p_cadre01', 'p_doc01', 'p_comm01'));

const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

test('a village contact person sees the families assigned to her and no others', async () => {
  await chooseDemoPersona(page, '王桂兰 · 村（社区）联系人');
  await agreeToPrivacy(page, false);
  for (const family of ['王秀英家', '赵德明家', '李淑珍家']) await page.getByText(family).first().waitFor();
  expect(await page.getByText('孙长海家').count()).toBe(0);
  // Contact persons may see the family's type; phones are masked until asked for.
  await page.getByText('失独家庭').first().waitFor();
  await page.getByText('138****0001').first().waitFor();
  await screenshot(page, 'contact-1-families');
  expectElderFriendly(await elderReport(page));
});

test('a family doctor sees the members signed to them, without the family type', async () => {
  await chooseDemoPersona(page, '陈立新 · 家庭医生');
  await agreeToPrivacy(page, true);
  await page.getByText('王秀英').first().waitFor();
  await page.getByText('孙长海').first().waitFor();
  expect(await page.getByText('失独家庭').count()).toBe(0);
  expect(await page.getByText('韩永福').count()).toBe(0);
  // Members who have not agreed to share health data: the doctor is told so, not shown "none".
  await page.getByText('本人还没有同意在线共享健康信息').first().waitFor();
  await screenshot(page, 'doctor-1-members');
  expectElderFriendly(await elderReport(page));
});

test('a county commission officer sees the whole county', async () => {
  await chooseDemoPersona(page, '郑国栋 · 卫健委');
  await agreeToPrivacy(page, false);
  await page.getByText('王秀英家').first().waitFor();
  await screenshot(page, 'commission-1-families');
  expectElderFriendly(await elderReport(page));
});
