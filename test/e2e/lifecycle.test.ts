import type { Page } from 'playwright-core';
import { call, tokenFor } from '../support/api';
import { elderReport, expectElderFriendly, usePhonePage } from './browser';
import { agreeToPrivacy, appUrl, button, input, screenshot } from './flows';

// 秦桂兰家 (f_0012, 河湾村) is no other e2e suite's family: the commission records 尤志明's death
// and reissues the family's card, and the hospital is then refused the old card's QR.
const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

async function openRecord() {
  await page.goto(`${appUrl()}?persona=demo-openid-p_comm01`);
  const privacy = page.getByText('第一步：隐私保护指引');
  await privacy.or(button(page, '交接联系人')).first().waitFor({ timeout: 90_000 });
  if (await privacy.isVisible()) await agreeToPrivacy(page, false);
  // The agreement is saved before the record page is opened (it would send us back to the guide).
  await button(page, '交接联系人').waitFor();
  await page.goto(`${appUrl()}#/packages/lifecycle/family/index?familyId=f_0012`);
  // The first page of a run builds its chunks: give it the time a cold start takes.
  await page.getByText('变更记录').first().waitFor({ timeout: 90_000 });
}

test('the commission records a member\'s death; the record shows it and keeps it in the history', async () => {
  await openRecord();
  await screenshot(page, 'lifecycle-1-record');
  expectElderFriendly(await elderReport(page));
  await button(page, '登记成员亡故').click();
  await page.getByRole('radio', { name: '尤志明（配偶）' }).click();
  await screenshot(page, 'lifecycle-2-death-form');
  expectElderFriendly(await elderReport(page));
  await button(page, '登记亡故').last().click();
  await button(page, '确认登记').click();
  await page.getByText('已登记尤志明亡故').waitFor();
  await page.getByText('成员亡故').first().waitFor();
  await page.getByText(/尤志明（配偶）.*亡故/).first().waitFor();
  await screenshot(page, 'lifecycle-3-death-recorded');
  expectElderFriendly(await elderReport(page));
});

test('the commission reissues the card with a new number; the old QR is refused at the hospital at once', async () => {
  const member = await tokenFor('p_m0019');
  const hospital = await tokenFor('p_hosp01');
  const oldQr = (await call('GET', '/families/f_0012/card', { token: member })).body.qr.content as string;
  expect((await call('POST', '/hospital/card-checks', { token: hospital, body: { token: oldQr } })).status).toBe(200);
  await openRecord();
  await button(page, '补办服务卡').click();
  // A number in the wrong form is marked at the field, and nothing is reissued.
  await input(page, '新卡号').fill('x 1');
  await button(page, '补办新卡').click();
  await page.getByText('服务卡号应为 4 到 24 位大写字母、数字或连字符').first().waitFor();
  await input(page, '新卡号').fill('QH2025E2E12');
  await screenshot(page, 'lifecycle-4-reissue-form');
  expectElderFriendly(await elderReport(page));
  await button(page, '补办新卡').click();
  await page.getByText('已补办新卡 QH2025E2E12').waitFor();
  await page.getByText('补办服务卡').first().waitFor();
  await screenshot(page, 'lifecycle-5-reissued');
  const refused = await call('POST', '/hospital/card-checks', { token: hospital, body: { token: oldQr } });
  expect(refused.status).toBe(400);
  expect(refused.body.message).toContain('已挂失或已补办');
  const card = (await call('GET', '/families/f_0012/card', { token: member })).body;
  expect(card.cardNo).toBe('QH2025E2E12');
});
