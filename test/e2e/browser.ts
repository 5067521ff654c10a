/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core on a phone-sized viewport, and the elderly-friendly
 * bars the product holds every page to (DESIGN.md): text at least 18 px, tap targets at least
 * 60 px, no WCAG A/AA violations from axe-core (contrast included).
 */
export const MIN_FONT_PX = 18;
export const MIN_TARGET_PX = 60;
export const SCREENSHOT_DIR = 'test-artifacts/e2e';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/**
 * Registers the hooks for a suite: one browser per file, a fresh phone-sized context (empty
 * storage, so no session) per test. Returns a getter for the current test's page.
 */
export function usePhonePage(): () => Page {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await phoneContext(browser);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });
  return () => page;
}

const axeSource = readFileSync(createRequire(`${process.cwd()}/package.json`).resolve('axe-core/axe.min.js'), 'utf8');

export interface ElderReport {
  minFontPx: number | null;
  smallText: { el: string; px: number }[];
  minTargetPx: number | null;
  smallTargets: { el: string; w: number; h: number }[];
  axeViolations: { id: string; nodes: number; help: string }[];
}

/** Measures what is visible now; same rules as ../shared/tools/elder-audit.mjs. */
export async function elderReport(page: Page): Promise<ElderReport> {
  await page.addScriptTag({ content: axeSource });
  const axeViolations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, help: v.help }));
  });
  const measured = await page.evaluate(
    ({ minFont, minTarget }) => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
      };
      const describe = (el: Element) => `${el.tagName.toLowerCase()} "${((el as HTMLElement).innerText || '').trim().slice(0, 20)}"`;
      const texts: { el: string; px: number }[] = [];
      for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim());
        if (own && visible(el)) texts.push({ el: describe(el), px: parseFloat(getComputedStyle(el).fontSize) });
      }
      const clickable = 'button, a[href], input, textarea, select, [role=button], [role=link], [onclick], taro-button-core, taro-navigator-core, taro-checkbox-core, taro-radio-core, taro-switch-core, .nut-button, .nut-cell--clickable, .weui-picker__action';
      const targets: { el: string; w: number; h: number }[] = [];
      for (const el of document.querySelectorAll(clickable)) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        targets.push({ el: describe(el), w: Math.round(r.width), h: Math.round(r.height) });
      }
      return {
        minFontPx: texts.length ? Math.min(...texts.map((t) => t.px)) : null,
        smallText: texts.filter((t) => t.px < minFont),
        minTargetPx: targets.length ? Math.min(...targets.map((t) => Math.min(t.w, t.h))) : null,
        smallTargets: targets.filter((t) => Math.min(t.w, t.h) < minTarget),
      };
    },
    { minFont: MIN_FONT_PX, minTarget: MIN_TARGET_PX },
  );
  return { ...measured, axeViolations };
}

/** Fails with the offending elements named, so a regression says where it is. */
export function expectElderFriendly(report: ElderReport) {
  expect({ smallText: report.smallText, smallTargets: report.smallTargets, axeViolations: report.axeViolations }).toEqual({
    smallText: [],
    smallTargets: [],
    axeViolations: [],
  });
}
