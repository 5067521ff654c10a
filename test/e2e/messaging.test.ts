import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { elderReport, expectElderFriendly, phoneContext, usePhonePage } from './browser';
import { agreeToPrivacy, button, chooseDemoPersona, screenshot } from './flows';

const currentPage = usePhonePage();

/** The other suites may have had this persona agree already (one stack for all e2e files). */
async function agreeIfAsked(p: Page, healthData: boolean) {
  try {
    await p.getByText('第一步：隐私保护指引').waitFor({ timeout: 6000 });
  } catch {
    return;
  }
  await agreeToPrivacy(p, healthData);
}
let page: Page;
beforeEach(() => {
  page = currentPage();
});

// A 1×1 PNG, as a photo from the album.
const photo = join(mkdtempSync(join(tmpdir(), 'lianxin-e2e-')), 'photo.png');
writeFileSync(photo, Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b4944415478da63f8ff1f0003000100ffa5d5a4e20000000049454e44ae426082', 'hex'));

test('a member sends a message with a photo; the village cadre sees it unread at the top and replies; the member reads the reply', async () => {
  // The member, 王秀英, writes to her village cadre from the contacts page.
  await chooseDemoPersona(page, '王秀英 · 家庭成员');
  await agreeIfAsked(page, true);
  await page.getByText('您家的联系人', { exact: true }).waitFor();
  const cadreCard = page.locator('.contact').filter({ hasText: '王桂兰' });
  await button(cadreCard as unknown as Page, '发消息').click();
  await page.getByText('还没有消息').waitFor();
  await page.getByLabel('写消息').locator('textarea').fill('王主任，家里水管冻裂了，能帮忙找人修一下吗？<b>谢谢</b>');
  await button(page, '发送').click();
  await page.getByText('家里水管冻裂了').waitFor();
  // Text is shown as typed, not as markup.
  await page.getByText('<b>谢谢</b>', { exact: false }).waitFor();
  const chooser = page.waitForEvent('filechooser');
  await button(page, '发图片').click();
  await (await chooser).setFiles(photo);
  await page.locator('.bubble__image, .field__error').first().waitFor();
  const problem = await page.locator('.field__error').allTextContents();
  expect(problem).toEqual([]);
  await page.getByText('已送达').first().waitFor();
  await screenshot(page, 'messaging-1-member-sent');
  expectElderFriendly(await elderReport(page));

  // The cadre, in her own phone.
  const cadre = await (await phoneContext(page.context().browser()!)).newPage();
  await chooseDemoPersona(cadre, '王桂兰 · 村（社区）联系人');
  await agreeIfAsked(cadre, false);
  await button(cadre, /消息（2 条未读）/).click();
  const first = cadre.locator('.inbox-item').first();
  await first.getByText('王秀英家').waitFor();
  await first.getByText('2 条未读').waitFor();
  await screenshot(cadre, 'messaging-2-cadre-inbox');
  expectElderFriendly(await elderReport(cadre));
  await first.click();
  await cadre.getByText('家里水管冻裂了').waitFor();
  await cadre.getByLabel('写消息').locator('textarea').fill('好的，我下午带维修师傅过去。');
  await button(cadre, '发送').click();
  await cadre.getByText('我下午带维修师傅过去').waitFor();
  await screenshot(cadre, 'messaging-3-cadre-replied');
  expectElderFriendly(await elderReport(cadre));

  // Back with the member: the conversation page polls and shows the reply, and her messages read.
  await page.getByText('我下午带维修师傅过去').waitFor({ timeout: 15_000 });
  await page.getByText('对方已读').first().waitFor({ timeout: 15_000 });
  await screenshot(page, 'messaging-4-member-reply');
  // Her home page: no unread messages left.
  await page.goBack();
  await button(page, /^消息$/).waitFor({ timeout: 15_000 });
  expect(await button(page, /未读/).count()).toBe(0);
  await cadre.context().close();
});

test('a member opens a consultation and answers yes to the triage question: 120 comes first', async () => {
  await chooseDemoPersona(page, '冯建国 · 家庭成员');
  await agreeIfAsked(page, true);
  const doctorCard = page.locator('.contact').filter({ hasText: '家庭医生' }).first();
  await button(doctorCard as unknown as Page, '在线咨询').click();
  await page.getByText('是否有胸痛、呼吸困难、意识不清等急症？').first().waitFor();
  await page.getByRole('radio', { name: '有', exact: true }).click();
  await page.getByText('请马上打 120 急救电话').waitFor();
  await screenshot(page, 'messaging-5-triage-urgent');
  expectElderFriendly(await elderReport(page));
  await page.getByLabel('主题').locator('input').fill('胸口疼');
  await page.getByLabel('说说情况').locator('textarea').fill('早上起来胸口闷疼');
  await button(page, '发给家庭医生').click();
  await page.getByText('急症请马上打 120').waitFor();
  await page.getByText('等待医生回复').waitFor();
  await screenshot(page, 'messaging-6-consultation');
});
