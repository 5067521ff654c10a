import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
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

/** Waits for the page to settle (Taro H5 pages slide in) and saves a full-page screenshot. */
export async function screenshot(page: Page, name: string) {
  await page.waitForTimeout(600);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}
