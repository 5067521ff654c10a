import type { Page } from 'playwright-core';
import { addDays, beijingDate, formatChineseDate, PRIVACY_GUIDE_VERSION, weekdayOf } from '../../domain';
import { call, tokenFor } from '../support/api';
import { elderReport, expectElderFriendly, phoneContext, usePhonePage } from './browser';
import { agreeToPrivacy, agreeToPrivacyIfAsked, appUrl, button, chooseDemoPersona, screenshot } from './flows';

/**
 * 代办 in Chromium: the village cadre 王桂兰 opens 王秀英家 from her family list and books a priority
 * place for 李国强, who does not use the app; the family's own pages (王秀英's phone) show that
 * 王桂兰 did it, in the bookings and in "谁查看了我家信息".
 */
const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** A day at least two days ahead on which the county hospital's 全科 sits (Mon–Sat): places not yet released. */
function visitDay(): string {
  let d = addDays(beijingDate(new Date()), 3);
  while (weekdayOf(d) === 7) d = addDays(d, 1);
  return d;
}

test('a village cadre books for an elder who does not use the app; the family sees 由王桂兰代办', async () => {
  const day = visitDay();
  // 1. The cadre opens the family from her list.
  await chooseDemoPersona(page, '王桂兰 · 村（社区）联系人');
  await agreeToPrivacyIfAsked(page, false, '联系待办（台账）');
  const card = page.locator('.card', { hasText: '王秀英家' }).first();
  await card.waitFor();
  await card.locator('taro-button-core').filter({ hasText: '为这户代办' }).click();
  await page.getByText('为王秀英家代办').waitFor();
  await screenshot(page, 'acting-1-hub');
  expectElderFriendly(await elderReport(page));

  // 2. The member's own booking form, for the family.
  await button(page, '代为预约优先号').click();
  await page.getByText('您在为这户家庭代办').waitFor();
  // The family's usual place may be chosen already (one line with 换一个): open the lists either way.
  await page.getByText(/^1\. (选择医院|医院和科室)$/).waitFor();
  if (await button(page, '换一个').count()) await button(page, '换一个').click();
  await page.getByText('1. 选择医院').waitFor();
  await page.getByRole('radio', { name: '清河县人民医院' }).click();
  await page.getByRole('radio', { name: '全科' }).click();
  await page.getByRole('radio', { name: new RegExp(formatChineseDate(day)) }).click();
  await page.getByRole('radio', { name: /上午 08:00/ }).click();
  await page.getByText(/还剩 \d+ 个优先号/).first().waitFor();
  await page.getByRole('radio', { name: '李国强（配偶）' }).click();
  await screenshot(page, 'acting-2-book');
  expectElderFriendly(await elderReport(page));
  await button(page, '确认预约').click();

  // 3. Back on the family's page: the booking, stamped.
  await page.locator('.h1:visible', { hasText: '为王秀英家代办' }).waitFor();
  const line = page.locator('.card:visible', { hasText: '李国强 · 清河县人民医院' }).first();
  await line.getByText('由王桂兰代办').waitFor();
  await screenshot(page, 'acting-3-booked');
  expectElderFriendly(await elderReport(page));

  // 3b. The cadre moves it to the next clinic day through the member's own reschedule page.
  let nextDay = addDays(day, 1);
  while (weekdayOf(nextDay) === 7) nextDay = addDays(nextDay, 1);
  await line.locator('taro-button-core').filter({ hasText: '代为改约' }).click();
  await page.getByText('您在为这户家庭代办').waitFor();
  await page.getByRole('radio', { name: '全科' }).click();
  await page.getByRole('radio', { name: new RegExp(formatChineseDate(nextDay)) }).click();
  await page.getByRole('radio', { name: /上午 08:00/ }).click();
  await screenshot(page, 'acting-3b-reschedule');
  expectElderFriendly(await elderReport(page));
  await button(page, '确认改到这个时段').click();
  await page.locator('.h1:visible', { hasText: '为王秀英家代办' }).waitFor();
  const moved = page.locator('.card:visible', { hasText: '李国强 · 清河县人民医院' }).filter({ hasText: formatChineseDate(nextDay) }).first();
  await moved.getByText('由王桂兰代办').waitFor();

  // 4. 王秀英's phone: her family's bookings and access log say who acted.
  const member = await (await phoneContext(page.context().browser()!)).newPage();
  try {
    await chooseDemoPersona(member, '王秀英 · 家庭成员');
    const me = await call('GET', '/me', { token: await tokenFor('p_m0001') });
    if (me.body.consent?.privacyGuideVersion !== PRIVACY_GUIDE_VERSION) await agreeToPrivacy(member, false);
    await member.getByText('王桂兰').first().waitFor();
    await member.goto(`${appUrl()}?v=acting#/packages/booking/mine/index`, { waitUntil: 'domcontentloaded' });
    const mine = member.locator('.card', { hasText: '李国强 · 清河县人民医院' }).filter({ hasText: formatChineseDate(nextDay) }).first();
    await mine.getByText('由王桂兰代办', { exact: true }).waitFor();
    await screenshot(member, 'acting-4-family-bookings');
    expectElderFriendly(await elderReport(member));
    await member.goto(`${appUrl()}?v=acting2#/packages/family/access-log/index`, { waitUntil: 'domcontentloaded' });
    await member.getByText(/为李国强代办了预约优先号/).first().waitFor();
    await member.getByText('联系人和医生代办').waitFor();
    await screenshot(member, 'acting-5-family-log');
    expectElderFriendly(await elderReport(member));
  } finally {
    await member.context().close();
  }
});
