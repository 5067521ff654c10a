import type { Page } from 'playwright-core';
import { importColumns } from '../../domain';
import { demoIdNumber } from '../../local/seed/id-number';
import { elderReport, expectElderFriendly, usePhonePage } from './browser';
import { agreeToPrivacyIfAsked, appUrl, button, input, screenshot } from './flows';

const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

const csv = (rows: string[][]) => Buffer.from(`\ufeff${[importColumns.staff, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

// The county officer 郑国栋 works in 柳林乡 here: the hand-over suite works in 城关镇, and a helper
// added to 褚福生家 changes no figure another suite reads (helpers are not a required place).
test('the commission officer imports staff, adds a doctor by form and assigns a social helper to a family', async () => {
  await page.goto(`${appUrl()}?persona=demo-openid-p_comm01`);
  await agreeToPrivacyIfAsked(page, false, '人员管理');
  await button(page, '人员管理').click();
  await page.getByText('按岗位查看').waitFor();
  await screenshot(page, 'people-1-list');
  expectElderFriendly(await elderReport(page));

  // Import: the staff template's 岗位 takes every post; this file brings a 计生协会员.
  await button(page, '用表格导入人员').click();
  await page.getByText('整个文件要么全部导入').waitFor();
  const helperId = demoIdNumber('130199', '1971-07-07', 31, 'male');
  const chooser = page.waitForEvent('filechooser');
  await button(page, '选择文件并导入').click();
  await (await chooser).setFiles({ name: '人员.csv', mimeType: 'text/csv', buffer: csv([['赵爱民', helperId, '13912340031', '计生协会员', 't_liulin', '柳林乡计生协会', '会员', '0311-86901131']]) });
  await page.getByText('导入完成').waitFor({ timeout: 20_000 });
  await page.getByText('新写入 1 人，已在册未改动 0 人。').waitFor();
  await screenshot(page, 'people-2-imported');
  expectElderFriendly(await elderReport(page));
  await page.goBack();

  // A doctor by form, with the institution and team role.
  await button(page, '添加人员').click();
  await page.getByText('岗位').locator('visible=true').first().waitFor();
  await page.getByRole('radio', { name: '医生', exact: true }).click();
  await input(page, /^姓名$/).fill('林晓燕');
  await input(page, /^身份证号$/).fill(demoIdNumber('130199', '1986-06-06', 32, 'female'));
  await input(page, /^手机号/).fill('13912340032');
  await input(page, /^单位$/).fill('柳林乡卫生院');
  await input(page, /^职务$/).fill('全科医生');
  await input(page, /^公示电话/).fill('0311-86908112');
  await input(page, /^单位编号/).fill('org_llwsy');
  await page.getByRole('checkbox', { name: '全科医生' }).click();
  await screenshot(page, 'people-3-add-doctor');
  expectElderFriendly(await elderReport(page));
  await button(page, /^添加$/).click();
  await page.getByText('已添加林晓燕（医生）').waitFor();
  await page.goBack();
  await page.getByText('林晓燕（医生）').waitFor();

  // The imported helper takes on 褚福生家 beside its other contacts.
  await button(page, '安排联系人和帮扶人员').click();
  await page.getByRole('radio', { name: '柳林乡', exact: true }).click();
  await page.getByRole('radio', { name: /^帮扶人员/ }).click();
  await page.getByRole('radio', { name: /^赵爱民/ }).click();
  await page.getByRole('checkbox', { name: /^褚福生家/ }).click();
  await screenshot(page, 'people-4-assign');
  expectElderFriendly(await elderReport(page));
  await button(page, '确认安排').click();
  await page.getByText('已把 1 户家庭的志愿者安排为赵爱民').waitFor();
});
