import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keys } from '../../functions/lib/db/keys';
import { getItem } from '../api/support-table';
import { elderReport, expectElderFriendly, launchBrowser, phoneContext } from './browser';
import { agreeToPrivacy, button, chooseDemoPersona, drawSignature, screenshot, agreeToPrivacyIfAsked, forgetConsent } from './flows';

// The people this suite walks through the privacy guide as first-time users.
beforeAll(() => forgetConsent('p_m0015', 'p_doc04', 'p_cadre02'));

/**
 * Family-doctor signing end to end on the H5 build: 沈丽华 (柳林村, not signed) applies, the
 * 柳林乡 team lead 高志远 accepts, she signs on the canvas and sees her contract; the county
 * township officer's coverage figure rises by one. Each person in a fresh phone context.
 */
let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function as(label: string, firstTime: boolean, healthData = false): Promise<Page> {
  const context = await phoneContext(browser);
  contexts.push(context);
  const page = await context.newPage();
  await chooseDemoPersona(page, label);
  if (firstTime) await agreeToPrivacy(page, healthData);
  return page;
}

/** Taro keeps earlier pages in the DOM, hidden: wait for the visible copy. */
const seen = (page: Page, text: string | RegExp) => page.getByText(text).locator('visible=true').first().waitFor();

async function signedFigure(page: Page): Promise<number> {
  const text = await page.locator('#coverage-totals').innerText();
  const match = /已签约\s*(\d+)\s*人/.exec(text);
  if (!match) throw new Error(`no figure in: ${text}`);
  return Number(match[1]);
}

test('an unsigned member applies, the team lead accepts, she signs on the canvas; coverage rises', async () => {
  // The township officer of 柳林乡 (the county officer belongs to staff.test.ts, which consents for him).
  const officer = await as('何文静 · 乡镇卫健办', false);
  await agreeToPrivacyIfAsked(officer, false, '家庭医生签约情况');
  await button(officer, '家庭医生签约情况').click();
  await officer.locator('#coverage-totals').waitFor();
  const before = await signedFigure(officer);
  await screenshot(officer, 'signing-1-coverage-before');
  expectElderFriendly(await elderReport(officer));

  const member = await as('沈丽华 · 家庭成员', true);
  await button(member, '签约家庭医生').click();
  await seen(member, '柳林乡“1+1+1”家庭医生团队');
  await seen(member, '高志远，全科医生（团队长）');
  await screenshot(member, 'signing-2-member-apply');
  expectElderFriendly(await elderReport(member));
  await button(member, '申请签约').click();
  await seen(member, /已提交签约申请/);
  await seen(member, '申请已提交，等家庭医生团队答复');
  await screenshot(member, 'signing-3-member-applied');

  const lead = await as('高志远 · 家庭医生团队长', true);
  await button(lead, '签约申请与续约').click();
  await seen(lead, '沈丽华，58 岁');
  // 朱宝山's contract ends in 20 days: the team is reminded.
  await seen(lead, /朱宝山，河湾村/);
  await screenshot(lead, 'signing-4-lead-applications');
  expectElderFriendly(await elderReport(lead));
  await button(lead, '同意签约').click();
  await seen(lead, '没有等待处理的签约申请。');
  await seen(lead, '已同意沈丽华的签约申请，等本人签字确认');

  await member.reload();
  // Her own card comes first; her husband 蒋立军 is signed too.
  await seen(member, '沈丽华（配偶）');
  await button(member, '查看签约和服务记录').first().click();
  await seen(member, '团队已同意签约，请您签字确认。');
  await seen(member, /随访：每年 12 次/);
  await screenshot(member, 'signing-5-contract-to-sign');
  expectElderFriendly(await elderReport(member));
  await button(member, '签字确认').click();
  await seen(member, '请在下面框里签名');
  await drawSignature(member);
  await seen(member, '确认签字');
  expect(await member.getByText('还没有签名。').locator('visible=true').count()).toBe(0);
  await screenshot(member, 'signing-6-signature');
  expectElderFriendly(await elderReport(member));
  await button(member, '确认签字').click();
  await seen(member, /本人手写签字：沈丽华/);
  // The signature page closes; the contract page it returns to confirms it on the page.
  await seen(member, '签字已保存');
  await screenshot(member, 'signing-7-contract-signed');
  expectElderFriendly(await elderReport(member));

  // The image reached the server as a PNG with the time.
  const state = await getItem(keys.signingState('p_m0015'));
  const contract = await getItem(keys.signingContract('p_m0015', state!.contractId));
  expect(contract?.confirmation).toMatchObject({ kind: 'signature', imageKind: 'png', byName: '沈丽华' });
  expect(contract?.confirmation.bytes).toBeGreaterThan(500);
  expect(contract?.confirmation.key).toMatch(/^sign\/f_\w+\/ct_\w+\/p_m0015\/[0-9a-f-]+\.png$/);

  await officer.reload();
  await officer.locator('#coverage-totals').waitFor();
  expect(await signedFigure(officer)).toBe(before + 1);
  await screenshot(officer, 'signing-8-coverage-after');
}, 240_000);

test('a cadre sees the poor family he supports and its medical-cost ledger', async () => {
  const cadre = await as('赵永强 · 村（社区）联系人', true);
  await button(cadre, '政策帮扶台账').click();
  await seen(cadre, /待办报销：1 笔/);
  await screenshot(cadre, 'signing-9-policy-families');
  expectElderFriendly(await elderReport(cadre));
  await button(cadre, '查看和录入费用').click();
  await seen(cadre, /今年自付 5,910.00 元/);
  await screenshot(cadre, 'signing-10-ledger');
  expectElderFriendly(await elderReport(cadre));
});
