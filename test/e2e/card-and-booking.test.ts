import type { Page } from 'playwright-core';
import { addDays, beijingDate } from '../../domain';
import { call, tokenFor } from '../support/api';
import { elderReport, expectElderFriendly, usePhonePage } from './browser';
import { agreeToPrivacyIfAsked, button, chooseDemoPersona, screenshot } from './flows';

/**
 * The service card's QR at large text sizes, the hospital's card check verdicts, and booking in
 * three taps. 冯建国 (f_0006) is this file's booking member; 王秀英's card is only looked at.
 */
const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** WeChat's larger text sizes, as the elder audit applies them: the root font size multiplied. */
async function textScale(p: Page, scale: number) {
  await p.evaluate((s) => {
    const root = document.documentElement;
    root.style.fontSize = '';
    root.style.fontSize = `calc(${getComputedStyle(root).fontSize} * ${s})`;
  }, scale);
}

test('the card QR stays whole and square on screen at 1.0, 1.5 and 2.0 text size', async () => {
  await chooseDemoPersona(page, '王秀英 · 家庭成员');
  await agreeToPrivacyIfAsked(page, false, '出示就医服务卡');
  await button(page, '出示就医服务卡').click();
  const qr = page.getByLabel('就医服务卡二维码').locator('img').first();
  await qr.waitFor();
  const viewport = page.viewportSize()!;
  for (const scale of [1, 1.5, 2]) {
    await textScale(page, scale);
    await qr.scrollIntoViewIfNeeded();
    const box = (await qr.boundingBox())!;
    expect({ scale, left: box.x >= 0, right: box.x + box.width <= viewport.width, top: box.y >= 0, bottom: box.y + box.height <= viewport.height }).toEqual({ scale, left: true, right: true, top: true, bottom: true });
    expect(Math.abs(box.width - box.height)).toBeLessThan(1);
    expect(box.width).toBeGreaterThanOrEqual(240);
    await page.screenshot({ path: `test-artifacts/e2e/card-qr-scale-${scale}.png` });
  }
});

test('the card check says a wrong or expired code plainly, and a new check clears the last result', async () => {
  await chooseDemoPersona(page, '吴静 · 医院绿色通道');
  await agreeToPrivacyIfAsked(page, false, '打开今天的优先就医名单');
  await button(page, '打开今天的优先就医名单').click();
  const code = page.locator('input[aria-label="服务卡二维码内容"]');
  await code.waitFor();
  const check = async (content: string) => {
    await code.fill(content);
    await button(page, '核验就医服务卡').click();
  };

  const card = await call('GET', '/families/f_0001/card', { token: await tokenFor('p_m0001') });
  await check(card.body.qr.content);
  const valid = page.getByText('就医服务卡有效：QH20250001');
  await valid.waitFor();
  await screenshot(page, 'card-check-1-valid');

  // A wrong code: said on the page, in red and large, and the last patient's green result is gone.
  await check('LX1.GAYDAMI.1.TBK2QO.TBK3FW.AAAAAAAAAAAAAAAAAAAA');
  const invalid = page.locator('.verdict', { hasText: '服务卡二维码无效' });
  await invalid.waitFor();
  expect(await valid.count()).toBe(0);
  const look = await invalid.evaluate((el) => ({ color: getComputedStyle(el).color, size: parseFloat(getComputedStyle(el).fontSize) }));
  expect(look).toEqual({ color: 'rgb(155, 28, 28)', size: expect.any(Number) });
  expect(look.size).toBeGreaterThanOrEqual(22);
  await screenshot(page, 'card-check-2-invalid');
  expectElderFriendly(await elderReport(page));

  // Not a code at all (a short text): the same plain answer, not "please scan".
  await check('12345');
  await page.locator('.verdict', { hasText: '服务卡二维码无效' }).waitFor();
  expect(await page.getByText('请扫描或粘贴服务卡二维码').count()).toBe(0);

  // Valid again, then an expired code: the green result goes, the expiry is said.
  await check(card.body.qr.content);
  await valid.waitFor();
  const old = await call('GET', '/families/f_0001/card', { token: await tokenFor('p_m0001'), headers: { 'x-test-now': new Date(Date.now() - 20 * 60_000).toISOString() } });
  await check(old.body.qr.content);
  await page.locator('.verdict', { hasText: '服务卡二维码已过期' }).waitFor();
  expect(await valid.count()).toBe(0);
  await screenshot(page, 'card-check-3-expired');
});

test('booking in three taps from home: the hospital, the department used last and the first day with places are chosen already', async () => {
  // 冯建国 booked 全科 at the county hospital before (and cancelled): that is his history.
  const token = await tokenFor('p_m0010');
  const from = addDays(beijingDate(new Date()), 1);
  const sessions = await call('GET', `/institutions/org_xyy/sessions?date=${from}&departmentId=qk&days=7`, { token });
  const open = sessions.body.items.find((s: { bookable: boolean }) => s.bookable);
  const past = await call('POST', '/families/f_0006/bookings', { token, body: { institutionId: 'org_xyy', sessionId: open.sessionId, memberId: 'p_m0010' } });
  expect(past.status).toBe(201);
  expect((await call('POST', `/families/f_0006/bookings/${past.body.bookingId}/cancel`, { token, body: {} })).status).toBe(200);

  await chooseDemoPersona(page, '冯建国 · 家庭成员');
  await agreeToPrivacyIfAsked(page, false, '预约优先就医');
  let taps = 0;
  const tap = async (target: ReturnType<Page['locator']>) => {
    taps += 1;
    await target.click();
  };

  await tap(button(page, '预约优先就医'));
  const sessionGroup = page.getByRole('radiogroup', { name: '选择时段' }).first();
  await sessionGroup.waitFor();
  // Chosen already: the county hospital and 全科, shown as one line (not two lists), and the first
  // day with places (shown first).
  await page.getByText('清河县人民医院 · 全科', { exact: true }).waitFor();
  expect(await page.getByRole('radio', { name: '清河县人民医院' }).count()).toBe(0);
  expect(await button(page, '换一个').count()).toBe(1);
  const day = page.getByRole('radiogroup', { name: '选择日期' }).getByRole('radio', { checked: true });
  expect(await day.textContent()).toContain('有优先号');
  // Morning before afternoon, whatever can be booked.
  const times = await page.locator('.text-lg.strong').allTextContents();
  const starts = times.map((t) => /(\d\d:\d\d)/.exec(t)?.[1]).filter(Boolean);
  expect(starts).toEqual([...starts].sort());
  await screenshot(page, 'booking-taps-1-form');
  expectElderFriendly(await elderReport(page));

  await tap(sessionGroup.getByRole('radio').first());
  await tap(button(page, '确认预约'));
  await page.getByText('预约成功').waitFor();
  expect(taps).toBeLessThanOrEqual(3);
  await page.getByText(/全科/).locator('visible=true').first().waitFor();
  await screenshot(page, 'booking-taps-2-confirmed');

  // 再约一次 on the cancelled booking: the same department again, a session and a confirm away.
  await button(page, '查看我家的全部预约').click();
  await button(page, '再约一次').first().click();
  await page.getByRole('radiogroup', { name: '选择时段' }).first().waitFor();
  await page.getByText('清河县人民医院 · 全科', { exact: true }).waitFor();
  await screenshot(page, 'booking-taps-3-again');
  // 换一个 opens the lists, the choice still marked.
  await button(page, '换一个').click();
  expect(await page.getByRole('radio', { name: '清河县人民医院' }).getAttribute('aria-checked')).toBe('true');
  expect(await page.getByRole('radio', { name: '全科' }).getAttribute('aria-checked')).toBe('true');
  // Another day than the one just booked (the same session again would be refused).
  await page.getByRole('radiogroup', { name: '选择日期' }).getByRole('radio', { checked: false, name: /有优先号/ }).first().click();
  await page.getByRole('radiogroup', { name: '选择时段' }).first().getByRole('radio').first().click();
  await button(page, '确认预约').click();
  await page.getByText('预约成功').waitFor();
});
