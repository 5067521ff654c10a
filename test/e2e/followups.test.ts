import type { Browser, Page } from 'playwright-core';
import { elderReport, expectElderFriendly, launchBrowser, phoneContext } from './browser';
import { agreeToPrivacy, appUrl, button, input, screenshot, forgetConsent } from './flows';

// The people this suite walks through the privacy guide as first-time users.
beforeAll(() => forgetConsent('p_m0014', 'p_doc03'));

/**
 * A chronic follow-up end to end on the H5 build: 蒋立军 (p_m0014, seeded stable, with a long
 * prescription running out in 4 days) sends a high blood pressure → his doctor 马德福 (p_doc03) sees
 * it first and replies → he asks for a refill → the doctor approves and marks it ready → he sees
 * "ready for pickup". People no other e2e suite uses; each is opened with `?persona=`.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openAs(openid: string): Promise<Page> {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto(`${appUrl().replace(/\/$/, '')}/?persona=${openid}`);
  return page;
}

test('high blood pressure → the doctor sees it first and replies → refill requested, approved, ready for pickup → the doctor updates the health file', async () => {
  const member = await openAs('demo-openid-p_m0014');
  await agreeToPrivacy(member, true);
  await button(member, '我的健康：随访和长处方').click();
  await member.getByText('蒋立军的健康').waitFor();
  await member.getByText('血压（mmHg），最近 10 次').waitFor();
  await screenshot(member, 'followups-1-member-readings');
  expectElderFriendly(await elderReport(member));

  await button(member, '填写随访').first().click();
  await member.getByText('量好血压、血糖后填在下面').waitFor();
  await input(member, '高压（收缩压）').fill('186');
  await input(member, '低压（舒张压）').fill('104');
  await input(member, '脉搏（次/分）').fill('88');
  await member.getByRole('checkbox', { name: '头晕' }).click();
  await member.getByRole('radio', { name: '一般' }).click();
  await screenshot(member, 'followups-2-member-form');
  expectElderFriendly(await elderReport(member));
  await button(member, '交给医生').click();
  await member.getByText('您的读数超出了安全范围').waitFor();
  await member.getByText(/休息 15 分钟后再测一次/).waitFor();
  await member.getByText(/拨打 120/).first().waitFor();
  await screenshot(member, 'followups-3-member-urgent-advice');
  expectElderFriendly(await elderReport(member));

  const doctor = await openAs('demo-openid-p_doc03');
  await agreeToPrivacy(doctor, true);
  await button(doctor, '随访待办和续方审核').click();
  const first = doctor.locator('.queue-card').first();
  await first.getByText('紧急').waitFor();
  await first.getByText('蒋立军').waitFor();
  await first.getByText(/读数异常：血压过高/).waitFor();
  await screenshot(doctor, 'followups-4-doctor-queue');
  expectElderFriendly(await elderReport(doctor));
  await first.locator('taro-button-core').filter({ hasText: '查看读数并回复' }).click();
  await doctor.getByText('血压 186/104 mmHg').waitFor();
  await doctor.getByLabel('给居民的建议').locator('textarea').fill('请先躺下休息，半小时后再量一次，我下午上门看您。');
  await button(doctor, '回复居民').click();
  await doctor.getByText(/已回复：请先躺下休息/).waitFor();
  await screenshot(doctor, 'followups-5-doctor-replied');

  await member.goto(`${appUrl().replace(/\/$/, '')}/?persona=demo-openid-p_m0014#/packages/health/readings/index`);
  await member.getByText('请先躺下休息，半小时后再量一次，我下午上门看您。').waitFor();
  await button(member, '我的长处方和续方').click();
  await member.getByText('我的长处方', { exact: true }).locator('visible=true').first().waitFor();
  await member.getByRole('radio', { name: '柳林乡卫生院药房' }).click();
  await button(member, '申请续方').click();
  await member.getByText(/现在：已提交，等医生审核/).waitFor();
  expect(await member.getByText(/已完成：已提交/).count()).toBe(0);
  await screenshot(member, 'followups-6-member-refill-submitted');
  expectElderFriendly(await elderReport(member));

  await doctor.reload();
  await doctor.getByText('续方申请', { exact: true }).waitFor();
  await button(doctor, '同意续方').click();
  await button(doctor, '药已备好，通知取药').click();
  await doctor.getByText('续方申请', { exact: true }).waitFor({ state: 'detached' });

  await member.reload();
  await member.getByText(/已完成：药已备好，可以去取药（柳林乡卫生院药房）/).waitFor();
  await screenshot(member, 'followups-7-member-ready-for-pickup');
  expectElderFriendly(await elderReport(member));

  // The doctor, still on 蒋立军's file, updates his health file; a refused save keeps what was typed.
  await button(doctor, '修改健康档案').click();
  await doctor.getByText(/蒋立军（上次更新/).waitFor();
  // The existing file is filled in: conditions ticked, medicines listed.
  await expectChecked(doctor.getByRole('checkbox', { name: '高血压' }), true);
  await expect(input(doctor, '第 2 种药的名称').inputValue()).resolves.toBe('阿司匹林肠溶片');

  await doctor.getByRole('checkbox', { name: '2型糖尿病' }).click();
  await input(doctor, /^其他疾病/).fill('骨质疏松、前列腺增生');
  await doctor.getByRole('radio', { name: '半失能' }).click();
  await button(doctor, '再加一种药').click();
  await input(doctor, '第 3 种药的用法（可以不填）').fill('每日 2 次，每次 1 片');
  await input(doctor, /^过敏/).fill('青霉素');
  // A medicine with a usage but no name is refused on the page, and nothing typed is lost.
  await button(doctor, '保存健康档案').click();
  await doctor.getByText('请填写药品名称').first().waitFor();
  await expect(input(doctor, '第 3 种药的用法（可以不填）').inputValue()).resolves.toBe('每日 2 次，每次 1 片');
  await expect(input(doctor, /^其他疾病/).inputValue()).resolves.toBe('骨质疏松、前列腺增生');
  await expect(input(doctor, /^过敏/).inputValue()).resolves.toBe('青霉素');
  await input(doctor, '第 3 种药的名称').fill('二甲双胍片');
  await doctor.getByRole('radio', { name: '病情稳定', exact: true }).click();
  await screenshot(doctor, 'followups-8-doctor-health-file');
  expectElderFriendly(await elderReport(doctor));
  await button(doctor, '保存健康档案').click();
  await doctor.getByText(/健康档案已保存。下次随访：/).waitFor();
  await screenshot(doctor, 'followups-9-doctor-health-file-saved');

  await button(doctor, '返回居民档案').click();
  await doctor.getByText(/慢病：高血压、2型糖尿病、骨质疏松、前列腺增生/).waitFor();
  await doctor.getByText('自理能力：半失能').waitFor();
  await doctor.getByText('用药：氨氯地平片、阿司匹林肠溶片、二甲双胍片').waitFor();
  await doctor.getByText('过敏：青霉素').waitFor();
});

async function expectChecked(locator: ReturnType<Page['getByRole']>, checked: boolean) {
  await expect(locator.getAttribute('aria-checked')).resolves.toBe(String(checked));
}

