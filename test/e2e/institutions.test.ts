import type { Browser, BrowserContext, Page } from 'playwright-core';
import { elderReport, expectElderFriendly, launchBrowser, phoneContext } from './browser';
import { agreeToPrivacyIfAsked, button, chooseDemoPersona, input, screenshot } from './flows';

/**
 * The commission's 机构管理 on the H5 build. 郑国栋 (county officer) adds a township health
 * service centre with a department, serving 城关镇: first refused on the page (nothing filled),
 * then saved and listed. 王秀英 (东关社区, 城关镇) is offered it and its department when booking.
 * The officer then retires it, so the demo county's list is as before for the suites after.
 */
const NAME = '城南社区卫生服务中心';

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function as(label: string, homeButton: string, healthData = false): Promise<Page> {
  const context = await phoneContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  await chooseDemoPersona(page, label);
  await agreeToPrivacyIfAsked(page, healthData, homeButton);
  return page;
}

/** Taro keeps earlier pages in the DOM, hidden: wait for the visible copy. */
const seen = (page: Page, text: string | RegExp) => page.getByText(text).locator('visible=true').first().waitFor();
const choice = (page: Page, text: string) => page.locator('.choice').filter({ hasText: text }).locator('visible=true').first();
const field = (page: Page, label: string) => input(page, label).locator('visible=true').first();

test('the county officer adds an institution with a department; a family of a township it serves is offered it in booking', async () => {
  const officer = await as('郑国栋 · 卫健委', '定点机构管理');
  await button(officer, '定点机构管理').click();
  await seen(officer, '清河县人民医院');
  await seen(officer, '定点服务：城关镇、柳林乡');
  await screenshot(officer, 'institutions-1-list');
  expectElderFriendly(await elderReport(officer));

  await button(officer, '新增定点机构').click();
  await seen(officer, '定点服务的乡镇');
  // Nothing filled: the page's own check marks the first field, nothing is sent.
  await button(officer, '保存定点机构').click();
  await seen(officer, '请填写机构名称');
  await field(officer, '机构名称').fill(NAME);
  await choice(officer, '乡镇卫生院').click();
  await choice(officer, '一级').click();
  await field(officer, '地址').fill('清河县城关镇南关路 20 号');
  await field(officer, '绿色通道电话').fill('0311-86903120');
  await field(officer, '绿色通道服务时间').fill('周一至周五 8:00-17:00');
  await field(officer, '绿色通道地点').fill('一楼挂号窗口旁');
  await field(officer, '接待人员').fill('值班护士在挂号窗口等候');
  await field(officer, '新科室名称').fill('康复科');
  await button(officer, '添加这个科室').click();
  await seen(officer, '删除康复科');
  await choice(officer, '城关镇').click();
  await screenshot(officer, 'institutions-2-form');
  expectElderFriendly(await elderReport(officer));
  await button(officer, '保存定点机构').click();
  await seen(officer, `已保存“${NAME}”。`);
  await seen(officer, `修改${NAME}`);
  await screenshot(officer, 'institutions-3-saved');
  expectElderFriendly(await elderReport(officer));

  const member = await as('王秀英 · 家庭成员', '预约优先就医', true);
  await button(member, '预约优先就医').click();
  // Her usual place may be chosen already (one line with 换一个): open the lists to see the new one.
  await member.getByText(/^1\. (选择医院|医院和科室)$/).waitFor();
  if (await button(member, '换一个').count()) await button(member, '换一个').click();
  await member.getByText('1. 选择医院').waitFor();
  await member.getByRole('radio', { name: NAME }).click();
  await member.getByRole('radio', { name: '康复科' }).waitFor();
  await screenshot(member, 'institutions-4-offered');
  expectElderFriendly(await elderReport(member));

  // Retired: no bookings there yet, so it goes at once and is marked so.
  await button(officer, `停用${NAME}`).click();
  await button(officer, '确定停用').click();
  await seen(officer, `已停用“${NAME}”，预约时不再显示。`);
  await seen(officer, '（已停用）');
  await screenshot(officer, 'institutions-5-retired');
  expectElderFriendly(await elderReport(officer));
}, 180_000);
