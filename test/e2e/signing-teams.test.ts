import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { db, tableName } from '../../functions/lib/db/client';
import type { PersonItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import { countyDoctorItem } from '../../functions/lib/db/staff-directory';
import { person } from '../api/signing-fixture';
import { getItem } from '../api/support-table';
import { elderReport, expectElderFriendly, launchBrowser, phoneContext } from './browser';
import { agreeToPrivacyIfAsked, button, chooseDemoPersona, drawSignature, input, screenshot } from './flows';

/**
 * The teams page and the home-visit signing on the H5 build. 何文静 (柳林乡's health office)
 * defines a team: first refused on the page (no name) and by the server (河湾村 is served by
 * another team), the form keeping what she chose, then saved (南洼村's responsible doctor chosen:
 * 林慧 rather than the lead) and listed. 陈立新 (城关镇 team lead)
 * signs 冯建国 (西街村, not signed) at home on his phone and 冯建国 signs on it; the contract shows.
 * A fresh GP who belongs to no team yet is written for the new team, so no seeded doctor changes team.
 */
const NEW_GP = 'p_e2egp01';
// A village code per run: the team's village stays taken in the table after the suite.
const VILLAGE = `v_nw${Date.now().toString(36)}`;

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  const gp = person(NEW_GP, '孙全科', 'doctor', { title: '全科医生', organisation: '柳林乡卫生院' });
  await db().send(new PutCommand({ TableName: tableName(), Item: gp }));
  // The county's doctor directory is what the page's lookup by staff number reads.
  await db().send(new PutCommand({ TableName: tableName(), Item: countyDoctorItem(gp as unknown as PersonItem, 'c_qinghe') }));
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function as(label: string, homeButton: string): Promise<Page> {
  const context = await phoneContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  await chooseDemoPersona(page, label);
  await agreeToPrivacyIfAsked(page, false, homeButton);
  return page;
}

/** Taro keeps earlier pages in the DOM, hidden: wait for the visible copy. */
const seen = (page: Page, text: string | RegExp) => page.getByText(text).locator('visible=true').first().waitFor();
const choice = (page: Page, text: string) => page.locator('.choice').filter({ hasText: text }).locator('visible=true').first();

test('commission staff define a team: refusals mark the fields and keep the form; the saved team is listed', async () => {
  const officer = await as('何文静 · 乡镇卫健办', '覆盖情况和月度台账');
  await button(officer, '覆盖情况和月度台账').click();
  await button(officer, '家庭医生服务团队').click();
  await seen(officer, '柳林乡“1+1+1”家庭医生团队');
  await seen(officer, '高志远，全科医生（团队长）');
  await screenshot(officer, 'teams-1-list');
  expectElderFriendly(await elderReport(officer));

  await button(officer, '新建服务团队').click();
  await choice(officer, '河湾村').click();
  // A number no doctor of the county has: refused on the page, nothing added.
  await input(officer, '按编号添加医务人员').fill('p_doc90');
  await button(officer, '查找这位医务人员').click();
  await seen(officer, '本县没有这个编号的医务人员，请核对人员编号');
  await screenshot(officer, 'teams-2a-unknown-staff');
  expectElderFriendly(await elderReport(officer));
  // The right number shows who it is (name, workplace) before the officer adds them.
  await input(officer, '按编号添加医务人员').fill(NEW_GP);
  await button(officer, '查找这位医务人员').click();
  await seen(officer, '柳林乡卫生院，全科医生');
  await screenshot(officer, 'teams-2b-staff-found');
  expectElderFriendly(await elderReport(officer));
  await button(officer, '确认添加孙全科').click();
  await seen(officer, '孙全科，柳林乡卫生院全科医生');
  expect(await officer.getByText(`编号 ${NEW_GP}`).count()).toBe(0);
  await officer.locator('.choice-wrap').filter({ hasText: '孙全科（全科医生）' }).click();
  // No name: the page's own check marks the field.
  await button(officer, '保存团队').click();
  await seen(officer, '请填写团队名称');
  await input(officer, '团队名称').fill('南洼村家庭医生团队');
  // 河湾村 has a team: the server's 400 names the village; everything chosen stays.
  await button(officer, '保存团队').click();
  await seen(officer, '河湾村：这个村已由其他团队服务');
  expect(await input(officer, '团队名称').inputValue()).toBe('南洼村家庭医生团队');
  await screenshot(officer, 'teams-2-refused');
  expectElderFriendly(await elderReport(officer));

  await choice(officer, '河湾村').click();
  await input(officer, '其他村（社区）编号').fill(VILLAGE);
  await input(officer, '其他村（社区）名称').fill('南洼村');
  await button(officer, '加上这个村').click();
  // With no village doctor the lead is 南洼村's responsible doctor by default; the officer adds 林慧 and chooses her.
  await seen(officer, '南洼村的负责医生');
  await seen(officer, '孙全科，全科医生（默认）');
  await choice(officer, '林慧，清河县人民医院').click();
  await officer.locator('.choice-wrap').filter({ hasText: '林慧，全科医生' }).locator('visible=true').first().click();
  await screenshot(officer, 'teams-2c-responsible');
  expectElderFriendly(await elderReport(officer));
  await button(officer, '保存团队').click();
  await seen(officer, '已保存“南洼村家庭医生团队”。');
  await seen(officer, '服务：南洼村');
  await seen(officer, '孙全科，全科医生（团队长）');
  await screenshot(officer, 'teams-3-saved');
  expectElderFriendly(await elderReport(officer));
  const served = await getItem(keys.villageTeam(VILLAGE));
  expect(served).toMatchObject({ entity: 'villageTeam' });
  expect(await getItem(keys.team(served!.teamId))).toMatchObject({ responsibleByVillage: { [VILLAGE]: 'p_doc05' } });
}, 180_000);

test("a doctor signs a member at home; the member signs on the doctor's phone and the contract shows", async () => {
  const doctor = await as('陈立新 · 家庭医生', '签约申请与续约');
  await button(doctor, '签约申请与续约').click();
  await button(doctor, '上门签约').click();
  await seen(doctor, /冯建国，\d+ 岁/);
  await screenshot(doctor, 'home-visit-1-candidates');
  expectElderFriendly(await elderReport(doctor));
  await button(doctor, '为冯建国上门签约').click();
  await seen(doctor, '基础服务包（免费）');
  await choice(doctor, '慢性病管理包').click();
  await screenshot(doctor, 'home-visit-2-package');
  expectElderFriendly(await elderReport(doctor));
  await button(doctor, '确认签约，请本人签字').click();

  await seen(doctor, '请在下面框里签名');
  await drawSignature(doctor);
  await button(doctor, '确认签字').click();

  await seen(doctor, /冯建国已签字确认/);
  await seen(doctor, '服务包：基础服务包、慢性病管理包');
  await screenshot(doctor, 'home-visit-3-contract');
  expectElderFriendly(await elderReport(doctor));
  const state = await getItem(keys.signingState('p_m0010'));
  expect(state).toMatchObject({ state: 'signed' });
  const contract = await getItem(keys.signingContract('p_m0010', state!.contractId));
  expect(contract).toMatchObject({ source: 'home_visit', confirmation: { kind: 'signature', imageKind: 'png', byName: '冯建国' } });
}, 180_000);
