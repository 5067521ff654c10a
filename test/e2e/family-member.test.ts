import type { Page } from 'playwright-core';
import { PRIVACY_GUIDE_VERSION } from '../../domain';
import { call, tokenFor } from '../support/api';
import { elderReport, expectElderFriendly, usePhonePage } from './browser';
import { agreeToPrivacy, button, chooseDemoPersona, input, screenshot, forgetConsent } from './flows';

// The people this suite walks through the privacy guide as first-time users.
beforeAll(() => forgetConsent('p_m0001', 'p_m0010'));

const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

test('a family member logs in, agrees to the privacy guide, sees three contacts and the service card', async () => {
  await chooseDemoPersona(page, '王秀英 · 家庭成员');

  await page.getByText('第一步：隐私保护指引').waitFor();
  // Both choices are required: continuing without them explains what is missing and stays.
  await button(page, '同意并继续').click();
  await page.getByText('第一步：隐私保护指引').waitFor();
  await screenshot(page, 'member-1-privacy');
  expectElderFriendly(await elderReport(page));
  await agreeToPrivacy(page, true);

  // The family's contacts: township leader, village cadre and the family doctor, each with a call button.
  for (const name of ['王桂兰', '张建华', '陈立新']) await page.getByText(name, { exact: true }).first().waitFor();
  await page.getByText('社区居委会主任').first().waitFor();
  await page.getByText('城关镇卫生院家庭医生团队').first().waitFor();
  expect(await page.getByText('打电话', { exact: true }).count()).toBeGreaterThanOrEqual(3);
  await screenshot(page, 'member-2-contacts');
  expectElderFriendly(await elderReport(page));

  // The consent reached the server, with the health-data decision apart.
  const me = await call('GET', '/me', { token: await tokenFor('p_m0001') });
  expect(me.body.consent).toMatchObject({ privacyGuideVersion: PRIVACY_GUIDE_VERSION, healthData: true });

  await button(page, '出示就医服务卡').click();
  await page.getByText('QH20250001').waitFor();
  await page.getByText(/15 分钟内有效/).waitFor();
  const qr = page.getByLabel('就医服务卡二维码').locator('img').first();
  await qr.waitFor();
  const qrState = await qr.evaluate((img) => ({ src: (img as HTMLImageElement).src.slice(0, 22), loaded: (img as HTMLImageElement).naturalWidth > 0, width: img.getBoundingClientRect().width }));
  expect(qrState).toMatchObject({ src: 'data:image/gif;base64,', loaded: true });
  expect(qrState.width).toBeGreaterThanOrEqual(240);
  for (const holder of ['王秀英', '李国强']) await page.getByText(holder).locator('visible=true').first().waitFor();
  await screenshot(page, 'member-3-card');
  expectElderFriendly(await elderReport(page));
});

test('a family without its village contact is told so plainly, with whom to call', async () => {
  await chooseDemoPersona(page, '冯建国 · 家庭成员');
  await agreeToPrivacy(page, false);
  await page.getByText('还没有安排村（社区）联系人').waitFor();
  await page.getByText(/清河县卫健委人口家庭科/).first().waitFor();
  await page.getByText('张建华', { exact: true }).first().waitFor();
  await screenshot(page, 'member-4-missing-contact');
  expectElderFriendly(await elderReport(page));
});

test('a member imported but not yet bound proves who she is, keeping what she typed after a mistake', async () => {
  await chooseDemoPersona(page, '李淑珍 · 家庭成员（未绑定）');
  await page.getByText('核对您的身份').waitFor();
  await input(page, '姓名').fill('李淑珍');
  await input(page, /身份证号后 6 位/).fill('000000');
  await input(page, '手机号').fill('13831100005');
  await button(page, '核对并登录').click();
  await page.getByText(/不一致/).first().waitFor();
  // Nothing typed is lost.
  await expect(input(page, '姓名').inputValue()).resolves.toBe('李淑珍');
  await expect(input(page, '手机号').inputValue()).resolves.toBe('13831100005');
  await screenshot(page, 'member-5-bind-error');
  expectElderFriendly(await elderReport(page));

  const { idNumberOf, families, UNBOUND_PERSON_ID } = await import('../../local/seed/demo-county');
  const member = families.flatMap((f) => f.members).find((m) => m.personId === UNBOUND_PERSON_ID)!;
  await input(page, /身份证号后 6 位/).fill(idNumberOf(member.personId, member.birthDate, member.gender).slice(-6));
  await button(page, '核对并登录').click();
  await agreeToPrivacy(page, true);
  await page.getByText('王桂兰', { exact: true }).first().waitFor();
});
