import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/keys';
import { SCREENSHOT_DIR } from './browser';

/** Steps a real user takes in the H5 build, shared by the e2e suites. */
export const appUrl = () => {
  const url = process.env.LIANXIN_API_URL;
  if (!url) throw new Error('LIANXIN_API_URL is not set: run through jest (global-setup starts the stack)');
  return `${url}/`;
};

export async function chooseDemoPersona(page: Page, label: string) {
  await page.goto(appUrl());
  await page.getByRole('button', { name: label, exact: true }).click();
}

/** NutUI renders a button's label inside the button element, which takes the tap. */
export const button = (page: Page, text: string | RegExp) => page.locator('taro-button-core').filter({ hasText: text });

/** Taro wraps each <input> in a taro-input-core element that carries the label. */
export const input = (page: Page, label: string | RegExp) => page.getByLabel(label).locator('input');

export async function agreeToPrivacy(page: Page, healthData: boolean) {
  await page.getByText('第一步：隐私保护指引').waitFor();
  await page.getByRole('checkbox', { name: /我已阅读并同意/ }).click();
  await page.getByRole('radio', { name: healthData ? '同意使用我的健康信息' : /^不同意/ }).click();
  await button(page, '同意并继续').click();
}

/**
 * Makes these demo people first-time users again (no recorded agreement on their profile), for a
 * suite that walks through the privacy guide: the e2e files share one stack, and another suite may
 * have had the same persona agree already, in whatever order jest runs the files.
 */
export async function forgetConsent(...personIds: string[]) {
  for (const personId of personIds) {
    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.person(personId), UpdateExpression: 'REMOVE consent', ConditionExpression: 'attribute_exists(pk)' }));
  }
}

/**
 * For a persona two suites share (柳林乡's township officer: signing and ledger), whichever runs
 * first agrees to the privacy guide: agree if it is asked, else wait for the home page's `homeButton`.
 */
export async function agreeToPrivacyIfAsked(page: Page, healthData: boolean, homeButton: string) {
  const privacy = page.getByText('第一步：隐私保护指引');
  await privacy.or(button(page, homeButton)).first().waitFor();
  if (await privacy.isVisible()) await agreeToPrivacy(page, healthData);
}

/**
 * Opens the date wheel behind the button named `label` and confirms it untouched: 确定 (the last
 * action of the wheel's header) takes the first day offered, which the forms make today.
 */
export async function pickFirstDay(page: Page, label: string | RegExp) {
  await page.getByRole('button', { name: label }).click();
  const wheel = page.locator('.weui-picker__hd').filter({ visible: true }).first();
  await wheel.waitFor();
  await wheel.locator('.weui-picker__action').last().click();
  await wheel.waitFor({ state: 'hidden' });
}

/** Waits for the page to settle (Taro H5 pages slide in) and saves a full-page screenshot. */
export async function screenshot(page: Page, name: string) {
  await page.waitForTimeout(600);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** A finger drawing a zigzag across the canvas, as touch events on the <canvas> element. */
export async function drawSignature(page: Page) {
  // Draw only once the pad listens (it waits for the canvas to be laid out first).
  const canvas = page.locator('#sign-pad canvas[data-ready="true"]');
  await canvas.waitFor();
  await canvas.evaluate((el) => {
    const rect = el.getBoundingClientRect();
    const touch = (x: number, y: number) => new Touch({ identifier: 1, target: el, clientX: rect.left + x, clientY: rect.top + y });
    const fire = (type: string, x: number, y: number) =>
      el.dispatchEvent(new TouchEvent(type, { bubbles: true, cancelable: true, touches: type === 'touchend' ? [] : [touch(x, y)], changedTouches: [touch(x, y)] }));
    fire('touchstart', 20, 40);
    for (let i = 1; i <= 20; i++) fire('touchmove', 20 + i * 14, i % 2 ? 160 : 60);
    fire('touchend', 300, 100);
  });
}
