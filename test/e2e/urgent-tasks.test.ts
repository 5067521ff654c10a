import type { Page } from 'playwright-core';
import { call, tokenFor } from '../support/api';
import { elderReport, expectElderFriendly, setTextScale, usePhonePage } from './browser';
import { agreeToPrivacyIfAsked, appUrl, button, screenshot } from './flows';

/**
 * An admission reaches the family's contact at once: 钱玉珍 (p_m0004, 赵德明家 f_0002) asks the
 * county hospital for a bed and its green-channel officer 吴静 accepts it (over the API, as the
 * admission pages have their own suite); the village contact 王桂兰 (p_cadre01) finds 今天去看望 on
 * top of her due list, opens the record form from the task and records the home visit, and the
 * task is gone. No other e2e suite admits a member of f_0002.
 */
const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

const taskCard = () => page.locator('.urgent-task').filter({ hasText: '钱玉珍' });

test('the contact sees the admission task on top of her due list and records the visit against it', async () => {
  const asked = await call('POST', '/families/f_0002/admissions', {
    token: await tokenFor('p_m0004'),
    body: { institutionId: 'org_xyy', memberId: 'p_m0004', reason: '头晕乏力，需要住院检查' },
    headers: { 'Idempotency-Key': `urgent-e2e-${Date.now()}` },
  });
  expect(asked.status).toBe(201);
  const accepted = await call('POST', `/hospital/admissions/${asked.body.admissionId}/decision`, { token: await tokenFor('p_hosp01'), body: { accept: true, reason: '内科 2 病区 8 床' } });
  expect(accepted.status).toBe(200);

  await page.goto(`${appUrl()}?persona=demo-openid-p_cadre01`);
  await agreeToPrivacyIfAsked(page, false, '联系待办（台账）');
  await button(page, '联系待办（台账）').click();
  await page.getByText(/^今天去看望（\d+ 项）$/).waitFor();
  await taskCard().getByText('钱玉珍 住院').waitFor();
  await taskCard().getByText('赵德明家，住院：清河县人民医院').waitFor();
  // On top: the task comes before every family's card.
  const taskTop = (await taskCard().boundingBox())!.y;
  const firstFamilyTop = (await page.locator('.due').first().boundingBox())!.y;
  expect(taskTop).toBeLessThan(firstFamilyTop);
  await screenshot(page, 'urgent-1-due-task');
  expectElderFriendly(await elderReport(page));
  // At a larger WeChat text size (applied on the next load) the task still reads and taps well.
  for (const scale of [1.5, 2]) {
    await setTextScale(page, scale);
    await page.reload();
    await taskCard().getByText('钱玉珍 住院').waitFor();
    await screenshot(page, `urgent-1-due-task-${scale}`);
    expectElderFriendly(await elderReport(page));
  }
  await setTextScale(page, 1);
  await page.reload();
  await taskCard().getByText('钱玉珍 住院').waitFor();

  await taskCard().locator('taro-button-core').filter({ hasText: '记录看望' }).click();
  await page.getByText('这是看望任务').waitFor();
  // The form opens on 登门走访 already: one tap on save closes the task.
  expect(await page.getByRole('radio', { name: '登门走访' }).getAttribute('aria-checked')).toBe('true');
  await page.getByLabel('身体情况（可不填）').locator('textarea').fill('在医院看望，精神还好');
  await screenshot(page, 'urgent-2-record');
  expectElderFriendly(await elderReport(page));
  await button(page, '保存记录').click();

  await page.getByText('已记录看望：赵德明家，登门走访').waitFor();
  await taskCard().waitFor({ state: 'detached' });
  await screenshot(page, 'urgent-3-due-after');
});
