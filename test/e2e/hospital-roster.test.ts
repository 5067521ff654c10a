import type { Browser, Page } from 'playwright-core';
import { elderReport, expectElderFriendly, launchBrowser, phoneContext } from './browser';
import { agreeToPrivacyIfAsked, appUrl, button, input, screenshot } from './flows';

/**
 * A township health centre's staff (钱芳 p_hosp02, 城关镇卫生院) put a doctor on the outpatient
 * roster from the schedule page: a refused form marks its fields and keeps what was typed; the
 * added doctor is listed and opened for setting the week. The doctor's name is this suite's own,
 * so suites that list the centre's doctors by name are not disturbed.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('the schedule page adds a doctor to the roster, with a notice and the doctor ready for their week', async () => {
  const context = await phoneContext(browser);
  const page: Page = await context.newPage();
  await page.goto(`${appUrl().replace(/\/$/, '')}/?persona=demo-openid-p_hosp02`);
  await agreeToPrivacyIfAsked(page, false, '本院排班和停诊');
  await button(page, '本院排班和停诊').click();
  await page.getByText('添加出诊医生').waitFor();

  await input(page, '医生姓名').fill('欧阳测');
  await button(page, '添加这位医生').click();
  await page.getByText('请选择科室').first().waitFor();
  await page.getByText('请填写职称').first().waitFor();
  expect(await input(page, '医生姓名').inputValue()).toBe('欧阳测');

  await input(page, '职称').fill('主治医师');
  await page.getByRole('radiogroup', { name: '科室' }).getByRole('radio', { name: '中医科' }).click();
  await button(page, '添加这位医生').click();
  await page.getByText('已添加中医科欧阳测 主治医师。请在上面为这位医生设置每周出诊的时间。').waitFor();
  await page.getByText('欧阳测 主治医师（中医科）每周出诊').waitFor();
  await page.getByRole('radio', { name: /欧阳测 主治医师（中医科，每周 0 个半天）/ }).waitFor();
  expect(await input(page, '医生姓名').inputValue()).toBe('');
  await screenshot(page, 'hospital-roster-added');
  expectElderFriendly(await elderReport(page));
});
