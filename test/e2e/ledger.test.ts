import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { elderReport, expectElderFriendly, usePhonePage } from './browser';
import { agreeToPrivacy, appUrl, button, chooseDemoPersona, screenshot, agreeToPrivacyIfAsked, forgetConsent } from './flows';

// The people this suite walks through the privacy guide as first-time users.
beforeAll(() => forgetConsent('p_lead01'));

const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** A family's card on the due list. */
const dueCard = (familyName: string) => page.locator('.due').filter({ hasText: familyName });

// Personas no other e2e file uses, so the privacy step is theirs to take: the township leader
// 张建华 (six families in 城关镇) and the ledger seed's 柳林乡 officer 孟凡荣.
test('a township contact logs a home visit and the family leaves the overdue list', async () => {
  await chooseDemoPersona(page, '张建华 · 乡镇联系人');
  await agreeToPrivacy(page, false);
  await button(page, '联系待办（台账）').click();
  // 张建华 visited 王秀英家 25 days ago and called 冯建国家 20 days ago (local/seed/ledger.ts): all six
  // are overdue, the families he has no record of in 30 days first.
  await page.getByText('超期 6 户，共 6 户').waitFor();
  await dueCard('赵德明家').getByText('超期', { exact: true }).waitFor();
  expect(await page.locator('.due').last().textContent()).toContain('王秀英家');
  await screenshot(page, 'ledger-1-due');
  expectElderFriendly(await elderReport(page));

  await dueCard('赵德明家').locator('taro-button-core').filter({ hasText: '记录联系' }).click();
  await page.getByText('联系方式').first().waitFor();
  await page.getByRole('radio', { name: '登门走访' }).click();
  await page.getByLabel('身体情况（可不填）').locator('textarea').fill('血压 150/90，已提醒按时服药');
  // Any day within the ledger's range can be entered; today is chosen already.
  await page.getByRole('button', { name: /^哪一天：/ }).waitFor();
  await screenshot(page, 'ledger-2-record');
  expectElderFriendly(await elderReport(page));
  await button(page, '保存记录').click();

  // The confirmation is on the list the form went back to, and stays there, not a toast that fades.
  await page.getByText('已记录：赵德明家，登门走访').waitFor();
  await page.getByText('超期 5 户，共 6 户').waitFor();
  await dueCard('赵德明家').getByText('上次走访：今天').waitFor();
  await page.waitForTimeout(2000);
  expect(await page.getByText('已记录：赵德明家，登门走访').isVisible()).toBe(true);
  expect(await dueCard('赵德明家').getByText('超期', { exact: true }).count()).toBe(0);
  await screenshot(page, 'ledger-3-due-after');
});

test('a township commission officer sees the coverage figures and downloads the monthly ledger', async () => {
  await page.goto(`${appUrl()}?persona=demo-openid-p_comm02`);
  await agreeToPrivacyIfAsked(page, false, '覆盖情况和月度台账');
  await button(page, '覆盖情况和月度台账').click();
  await page.getByText('全部（6 户）').waitFor();
  await page.getByText('联系人齐全的家庭：6 / 6（100%）').first().waitFor();
  // Signed among the members who want a family doctor, both counts in words (no-break spaces).
  await page.getByText(/^已签约\s\d+\s人 \/ 有意愿\s\d+\s人（\d+%）$/).first().waitFor();
  // 柳林乡 only: 城关镇's families are not on the work list.
  await page.locator('.stale').filter({ hasText: '蒋立军家' }).waitFor();
  expect(await page.locator('.stale').filter({ hasText: '城关镇' }).count()).toBe(0);
  // Requests and the quarter's survey, as counts in words (the overdue warning is words, not colour).
  await page.getByText('还没办完的诉求').first().waitFor();
  await page.getByText('其中已超过期限').first().waitFor();
  await page.getByText(/^\d{4}年第[一二三四]季度回访$/).first().waitFor();
  await screenshot(page, 'ledger-4-dashboard');
  expectElderFriendly(await elderReport(page));

  const [download] = await Promise.all([page.waitForEvent('download'), button(page, '下载本月台账（Excel）').click()]);
  expect(download.suggestedFilename()).toMatch(/^连心台账-\d{4}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['覆盖情况', '联系记录', '按家庭汇总', '按联系人汇总', '交接记录', '绿色通道']);
  const coverage = wb.getWorksheet('覆盖情况')!;
  expect(coverage.rowCount).toBe(2);
  const towns = [coverage.getRow(2).values as unknown[]];
  expect(towns.map((v) => [v[1], v[2], v[3]])).toEqual([['柳林乡', 6, 6]]);
  const contactRows = wb.getWorksheet('联系记录')!.rowCount - 1;
  const monthContacts = towns.reduce((n, v) => n + Number(v[9]), 0);
  expect(contactRows).toBe(monthContacts);
});
