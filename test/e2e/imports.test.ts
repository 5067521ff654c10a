import type { Page } from 'playwright-core';
import { importColumns } from '../../domain';
import { demoIdNumber } from '../../local/seed/id-number';
import { elderReport, expectElderFriendly, usePhonePage } from './browser';
import { agreeToPrivacyIfAsked, appUrl, button, screenshot } from './flows';

const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

const csv = (headers: readonly string[], rows: string[][]) => Buffer.from(`\ufeff${[headers, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

/** Picks the file in the page's file chooser (H5: an <input type=file>), as the officer would. */
async function importFile(name: string, body: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await button(page, '选择文件并导入').click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: body });
}

// 柳林乡's officer 何文静 imports contact persons into her own township. A new contact in 柳林乡
// changes no figure or list another suite reads (the hand-over suite works in 城关镇).
test('a township officer imports contact persons: a bad file is reported row by row, the corrected one is applied', async () => {
  await page.goto(`${appUrl()}?persona=demo-openid-p_comm02`);
  await agreeToPrivacyIfAsked(page, false, '覆盖情况和月度台账');
  await button(page, '覆盖情况和月度台账').click();
  await button(page, '导入花名册').click();
  await page.getByText('整个文件要么全部导入').waitFor();
  await page.getByRole('radio', { name: '工作人员' }).click();
  await screenshot(page, 'imports-1-page');
  expectElderFriendly(await elderReport(page));

  const id = demoIdNumber('130199', '1982-03-04', 11, 'female');
  const row = ['孙丽娟', id, '13912340011', '村干部', 't_liulin', '柳林村村委会', '村计生专干', '0311-86901100'];
  const badId = `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;
  await importFile('联系人.csv', csv(importColumns.staff, [row.map((c) => (c === id ? badId : c))]));
  await page.getByText('没有导入：发现 1 处问题').waitFor({ timeout: 20_000 });
  await page.getByText('第 2 行 · 身份证号').waitFor();
  await page.getByText('身份证号校验位不正确，请核对是否抄错').waitFor();
  await screenshot(page, 'imports-2-rejected');
  expectElderFriendly(await elderReport(page));

  await importFile('联系人.csv', csv(importColumns.staff, [row]));
  await page.getByText('导入完成').waitFor({ timeout: 20_000 });
  await page.getByText('新写入 1 人，已在册未改动 0 人。').waitFor();
  await screenshot(page, 'imports-3-applied');
  expectElderFriendly(await elderReport(page));

  // Coming back to the page shows the last import's result.
  await page.reload();
  await page.getByText('新写入 1 人，已在册未改动 0 人。').waitFor();
});
