/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ELDER_KNOWN_DEFECTS } from './elder-known-defects';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core on a phone-sized viewport, and the elderly-friendly
 * bars the product holds every page to (DESIGN.md): text at least 18 px (typed text too), tap
 * targets at least 60 px with 12 px between them, nothing cut off or spilling at larger text
 * sizes, no phone number or date broken over two lines, no toasts, and no WCAG A/AA violations
 * from axe-core (contrast included).
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

/** A phone (375 wide unless told), remembering every toast its pages show (see watchToasts). */
export async function phoneContext(browser: Browser, width = 375): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // The selector goes along as the argument: the function runs in the page, without this module.
  await context.addInitScript(watchToasts, TOAST_SELECTOR);
  return context;
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

/** Targets closer than this invite the wrong tap (DESIGN.md: at least 12 px between targets). */
export const MIN_GAP_PX = 12;

/**
 * What counts as a toast: Taro's H5 toast and loading box, WeUI's and NutUI's. A confirmation in a
 * toast vanishes before an elder has read it; the product says things in on-page notices instead.
 */
const TOAST_SELECTOR = '.taro__toast, .weui-toast, .nut-toast, [class*="toast"]';

/**
 * Every toast a page shows is remembered from the first script on, so a toast counts even when it
 * is gone by the time the page is measured. Installed on each phone context.
 */
export function watchToasts(selector: string): void {
  const w = window as unknown as { __lianxinToasts?: { route: string; el: string }[] };
  w.__lianxinToasts = [];
  // Taro reuses one toast element: a toast counts each time it turns visible.
  let shown = new Set<Element>();
  const look = () => {
    const now = new Set<Element>();
    for (const el of document.querySelectorAll(selector)) {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) continue;
      now.add(el);
      // Counted against the page that showed it (a flow may have moved on by the time it is measured).
      const route = location.hash.replace(/^#/, '').split('?')[0] || '/';
      if (!shown.has(el)) w.__lianxinToasts?.push({ route, el: `${String(el.className)} "${((el as HTMLElement).innerText || '').trim().slice(0, 30)}"` });
    }
    shown = now;
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'class'] });
}

/** A defect the page shows, by kind; `el` names the element (or the pair) so a failure says where. */
export type ElderDefectKind = 'smallText' | 'smallTarget' | 'axe' | 'smallField' | 'toast' | 'offscreen' | 'clipped' | 'overflow' | 'overlap' | 'closeTargets' | 'invalidInput' | 'splitNumber' | 'page';
export interface ElderDefect {
  kind: ElderDefectKind;
  el: string;
  /** The page it happened on when not the page measured (a toast shown earlier in a flow). */
  route?: string;
}

export interface ElderReport {
  /** The page's route (hash path without the query), to match known defects. */
  route: string;
  /** The text size the page was measured at (1 = the WeChat standard). */
  textScale: number;
  minFontPx: number | null;
  minTargetPx: number | null;
  defects: ElderDefect[];
}

/** Runs in the page: everything measurable from the layout, no axe. */
function measureLayout({ minFont, minTarget, minGap }: { minFont: number; minTarget: number; minGap: number }) {
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
  };
  const describe = (el: Element) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
    const text = ((el as HTMLElement).innerText || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 24);
    return `${el.tagName.toLowerCase()}${cls}${text ? ` "${text}"` : ''}`;
  };
  const defects: { kind: string; el: string; route?: string }[] = [];
  const all = [...document.querySelectorAll('body *')].filter(visible);
  const ownText = (el: Element) => [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim());

  const fontSizes: number[] = [];
  for (const el of all) {
    if (!ownText(el)) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    fontSizes.push(px);
    if (px < minFont) defects.push({ kind: 'smallText', el: `${describe(el)} ${px}px` });
  }

  const clickable = 'button, a[href], input, textarea, select, [role=button], [role=link], [onclick], taro-button-core, taro-navigator-core, taro-checkbox-core, taro-radio-core, taro-switch-core, .nut-button, .nut-cell--clickable, .weui-picker__action';
  const targets = [...document.querySelectorAll(clickable)].filter(visible);
  const targetSizes: number[] = [];
  for (const el of targets) {
    const r = el.getBoundingClientRect();
    targetSizes.push(Math.min(r.width, r.height));
    if (Math.min(r.width, r.height) < minTarget) defects.push({ kind: 'smallTarget', el: `${describe(el)} ${Math.round(r.width)}x${Math.round(r.height)}` });
  }

  // What the user reads while typing is the field's own size: page text can pass while every text
  // box types at 13 px. A field spilling out of the frame drawn around it covers what follows.
  for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea')) {
    if (!visible(el)) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < minFont) defects.push({ kind: 'smallField', el: `${describe(el)} ${px}px` });
    const frame = el.parentElement?.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    if (frame && frame.height > 0 && (r.bottom > frame.bottom + 2 || r.right > frame.right + 2)) defects.push({ kind: 'overflow', el: `${describe(el)} spills out of its frame` });
  }

  // Cut off: past the screen's edge (nothing scrolls sideways on a phone page), or past the edge of
  // an ancestor that hides what overflows it. Only the outermost cut element is named.
  const vw = document.documentElement.clientWidth;
  const scrollsX = (el: Element) => /(auto|scroll)/.test(getComputedStyle(el).overflowX);
  const hides = (el: Element, axis: 'x' | 'y') => /(hidden|clip)/.test(axis === 'x' ? getComputedStyle(el).overflowX : getComputedStyle(el).overflowY);
  const scrolls = (el: Element, axis: 'x' | 'y') => /(auto|scroll)/.test(axis === 'x' ? getComputedStyle(el).overflowX : getComputedStyle(el).overflowY);
  const cut = new Set<Element>();
  const underCut = (el: Element) => {
    for (let a = el.parentElement; a; a = a.parentElement) if (cut.has(a)) return true;
    return false;
  };
  for (const el of all) {
    const r = el.getBoundingClientRect();
    if (r.width <= 8 || r.height <= 8 || underCut(el)) continue;
    let inScroller = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (scrollsX(a)) inScroller = true;
    if (!inScroller && (r.left < -1 || r.right > vw + 1)) {
      cut.add(el);
      defects.push({ kind: 'offscreen', el: `${describe(el)} (${Math.round(r.left)}..${Math.round(r.right)} of ${vw})` });
      continue;
    }
    // A picture cropped to its frame is a thumbnail by design (tapped to open whole); words are what must not be cut.
    if (/^(IMG|CANVAS|VIDEO)$/.test(el.tagName)) continue;
    // A date wheel shows a window onto its list by design.
    if (el.closest('.weui-picker__bd')) continue;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ar = a.getBoundingClientRect();
      const x = !scrolls(a, 'x') && hides(a, 'x') && (r.left < ar.left - 1 || r.right > ar.right + 1);
      const y = !scrolls(a, 'y') && hides(a, 'y') && (r.top < ar.top - 1 || r.bottom > ar.bottom + 1);
      if (x || y) {
        cut.add(el);
        defects.push({ kind: 'clipped', el: `${describe(el)} cut by ${describe(a).slice(0, 40)}` });
        break;
      }
      // Past a scroller the content is reachable by scrolling; stop there.
      if (scrolls(a, 'x') || scrolls(a, 'y')) break;
    }
  }
  // Text cut by its own box (an ellipsis, a fixed height): the rest of the words are not shown.
  for (const el of all) {
    const box = el.getBoundingClientRect();
    // Screen-reader-only text is 1 px on purpose.
    if (!ownText(el) || cut.has(el) || box.width <= 2 || box.height <= 2) continue;
    const s = getComputedStyle(el);
    const he = el as HTMLElement;
    const hidX = /(hidden|clip)/.test(s.overflowX) && he.scrollWidth > he.clientWidth + 1;
    const hidY = /(hidden|clip)/.test(s.overflowY) && he.scrollHeight > he.clientHeight + 1;
    if (hidX || hidY) defects.push({ kind: 'clipped', el: `${describe(el)} text cut by its own box` });
    // A text box whose words run out of its frame (a fixed height or width) and over its neighbours.
    if (s.overflowX === 'visible' && s.overflowY === 'visible' && s.display !== 'inline' && he.clientHeight > 0) {
      const r = el.getBoundingClientRect();
      const spillBottom = r.top + he.scrollHeight;
      const spillRight = r.left + he.scrollWidth;
      if (spillBottom > r.bottom + 2 || spillRight > r.right + 2) {
        const covers = [...(el.parentElement?.children ?? [])].some((sib) => {
          if (sib === el || !visible(sib)) return false;
          const q = sib.getBoundingClientRect();
          const overlapsSpill = q.left < spillRight && q.right > r.left && q.top < spillBottom && q.bottom > r.top;
          const overlapsBox = q.left < r.right && q.right > r.left && q.top < r.bottom && q.bottom > r.top;
          return overlapsSpill && !overlapsBox;
        });
        if (covers) defects.push({ kind: 'overflow', el: `${describe(el)} runs out of its box over the next` });
      }
    }
  }

  // Words over words: two texts (neither inside the other) whose boxes cross, as when a line
  // positioned on top of another or a negative margin lays one over the next at a larger text
  // size. Compared within one layer only: a sheet or dialog over the page is meant to cover it.
  const layer = (el: Element) => {
    for (let a: Element | null = el; a; a = a.parentElement) if (/(fixed|sticky)/.test(getComputedStyle(a).position)) return a;
    return null;
  };
  // The words' own boxes, a box per line (an element's box can be wider than its words).
  const wordBoxes = (el: Element) =>
    [...el.childNodes]
      .filter((n) => n.nodeType === 3 && (n.textContent ?? '').trim())
      .flatMap((n) => {
        const range = document.createRange();
        range.selectNodeContents(n);
        return [...range.getClientRects()];
      })
      .filter((r) => r.width > 2 && r.height > 2);
  // Screen-reader-only text (a 1 px box) is not seen.
  const seen = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 2 && r.height > 2;
  };
  // The date wheel's rows scroll under its own header and mask: the wheel shows them through its
  // window, so rows passing under 取消 / 确定 are how a wheel looks, not words laid over words.
  const texts = all
    .filter((el) => ownText(el) && !cut.has(el) && seen(el) && !el.closest('.weui-picker__bd'))
    .map((el) => ({ el, rects: wordBoxes(el), layer: layer(el) }))
    .filter((t) => t.rects.length);
  const crosses = (p: DOMRect, q: DOMRect) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 4 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 4;
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      if (a.layer !== b.layer || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      if (a.rects.some((p) => b.rects.some((q) => crosses(p, q)))) defects.push({ kind: 'overlap', el: `${describe(a.el)} over ${describe(b.el)}` });
    }
  }

  // Targets stacked or side by side with less than the gap between them (touching: 0 px).
  const boxes: { el: Element; r: DOMRect }[] = [];
  for (const el of targets) if (!boxes.some((b) => b.el.contains(el) || el.contains(b.el))) boxes.push({ el, r: el.getBoundingClientRect() });
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      // A sheet or wheel over the page is another layer: its buttons are not the page's neighbours.
      if (layer(boxes[i].el) !== layer(boxes[j].el)) continue;
      const a = boxes[i].r;
      const b = boxes[j].r;
      const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      const gapY = Math.max(b.top - a.bottom, a.top - b.bottom);
      const gapX = Math.max(b.left - a.right, a.left - b.right);
      // Boxes lying on each other are layers (a sheet over the page), not neighbours.
      const gap = overlapX > 0 && overlapY > 0 ? Infinity : overlapX > 0 ? gapY : overlapY > 0 ? gapX : Infinity;
      if (gap < minGap) defects.push({ kind: 'closeTargets', el: `${describe(boxes[i].el)} / ${describe(boxes[j].el)} ${Math.round(Math.max(gap, 0))}px apart` });
    }
  }

  // A phone number, date or time is read as one thing: "0311-" at a line's end and "86907120" on
  // the next, or "11月28" over "日", is misread. Broken over rows while it would fit on one line of
  // the block it sits in = a defect; one too long for a whole line may break. React renders
  // `电话：{phone}` as adjacent text nodes, so neighbouring text nodes are read as one run.
  const numberLike = new RegExp(
    [
      '0\\d{2,3}-\\d{7,8}',
      '1\\d{2}[ \\u00a0]?\\d{4}[ \\u00a0]?\\d{4}',
      '\\d{4}-\\d{2}-\\d{2}',
      '\\d{4}年\\d{1,2}月\\d{1,2}日',
      '\\d{1,2}月\\d{1,2}日',
      '\\d{1,2}:\\d{2}',
    ]
      .map((p) => `(?<!\\d)${p}(?!\\d)`)
      .join('|'),
    'g',
  );
  // The width a line of the block has: inline boxes (and .nowrap's inline-block) take theirs from it.
  const lineWidth = (el: Element) => {
    let b: Element | null = el;
    while (b && /^inline/.test(getComputedStyle(b).display)) b = b.parentElement;
    if (!b) return Infinity;
    const s = getComputedStyle(b);
    return (b as HTMLElement).clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  };
  const runs = new Map<Element, Text[][]>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    const parent = n.parentElement;
    if (!parent || /^(SCRIPT|STYLE|TEXTAREA)$/.test(parent.tagName) || parent.closest('.weui-picker__bd') || !visible(parent) || !seen(parent)) continue;
    const groups = runs.get(parent) ?? [];
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1].nextSibling === n) last.push(n);
    else groups.push([n]);
    runs.set(parent, groups);
  }
  for (const [parent, groups] of runs) {
    for (const run of groups) {
      const text = run.map((t) => t.data).join('');
      // Where a character of the run lies: its text node and the offset in it.
      const at = (i: number): [Text, number] => {
        for (const t of run) {
          if (i <= t.data.length) return [t, i];
          i -= t.data.length;
        }
        const t = run[run.length - 1];
        return [t, t.data.length];
      };
      for (const m of text.matchAll(numberLike)) {
        const range = document.createRange();
        range.setStart(...at(m.index ?? 0));
        range.setEnd(...at((m.index ?? 0) + m[0].length));
        const rects = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
        const rows: DOMRect[] = [];
        for (const r of rects) if (!rows.some((q) => Math.abs(q.top + q.height / 2 - (r.top + r.height / 2)) < Math.min(q.height, r.height) / 2)) rows.push(r);
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (rows.length > 1 && width <= lineWidth(parent) + 1) defects.push({ kind: 'splitNumber', el: `${describe(parent).slice(0, 40)}: "${m[0]}" over ${rows.length} lines` });
      }
    }
  }

  const w = window as unknown as { __lianxinToasts?: { route: string; el: string }[] };
  for (const t of w.__lianxinToasts ?? []) defects.push({ kind: 'toast', el: t.el, route: t.route });
  // A toast on screen now, in case the watcher was not installed on this context.
  for (const el of document.querySelectorAll('.taro__toast, .weui-toast, .nut-toast')) {
    if (visible(el) && !(w.__lianxinToasts ?? []).length) defects.push({ kind: 'toast', el: describe(el) });
  }

  return {
    route: location.hash.replace(/^#/, '').split('?')[0] || '/',
    minFontPx: fontSizes.length ? Math.min(...fontSizes) : null,
    minTargetPx: targetSizes.length ? Math.min(...targetSizes) : null,
    defects,
  };
}

/** Measures what is visible now: text and typed-text size, target size and spacing, off-screen and clipped elements, overflowing text boxes, phone numbers and dates broken over two lines, toasts and axe (the rules are the checks below). */
export async function elderReport(page: Page, { axe = true }: { axe?: boolean } = {}): Promise<ElderReport> {
  if (axe) await page.addScriptTag({ content: axeSource });
  const axeViolations = !axe ? [] : await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, help: v.help }));
  });
  const measured = await page.evaluate(measureLayout, { minFont: MIN_FONT_PX, minTarget: MIN_TARGET_PX, minGap: MIN_GAP_PX });
  const textScale = await currentTextScale(page);
  const defects = [...(measured.defects as ElderDefect[]), ...axeViolations.map((v): ElderDefect => ({ kind: 'axe', el: `${v.id} x${v.nodes}: ${v.help}` }))];
  return { route: measured.route, textScale, minFontPx: measured.minFontPx, minTargetPx: measured.minTargetPx, defects };
}

/**
 * Defects known on pages other work is fixing, by kind, page and (optionally) text size: the ONE
 * list to shrink as those fixes land. Anything not listed fails.
 */
export interface KnownElderDefect {
  kind: ElderDefectKind;
  route: string;
  /** Only at these text sizes; all when absent. */
  scales?: number[];
  why: string;
}

export function unexpectedDefects(report: ElderReport, known: readonly KnownElderDefect[]): ElderDefect[] {
  return report.defects.filter((d) => !known.some((k) => k.kind === d.kind && k.route === (d.route ?? report.route) && (!k.scales || k.scales.includes(report.textScale))));
}

/** Fails with the offending elements named, so a regression says where it is. */
export function expectElderFriendly(report: ElderReport, known: readonly KnownElderDefect[] = ELDER_KNOWN_DEFECTS) {
  expect({ route: report.route, textScale: report.textScale, defects: unexpectedDefects(report, known) }).toEqual({ route: report.route, textScale: report.textScale, defects: [] });
}

/**
 * Where the app keeps the text size on H5. WeChat tells the mini-program the user's font size
 * (关怀模式, 字体大小); the browser has no such setting, so the H5 build reads this stand-in and
 * applies it exactly as it applies WeChat's (miniapp/src/lib/text-scale.ts).
 */
export const TEXT_SCALE_STORAGE_KEY = 'lianxin.textScale';

/** Sets the text size the app starts with from now on in this context (takes effect on the next load). */
export async function setTextScale(page: Page, scale: number): Promise<void> {
  await page.evaluate(([key, s]) => localStorage.setItem(key as string, String(s)), [TEXT_SCALE_STORAGE_KEY, scale] as const);
}

/** The text size the app applied (1 when it applied none). */
export async function currentTextScale(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.documentElement.dataset.textScale ?? '1') || 1);
}

/**
 * After a form was sent with a required field left empty: each field marked invalid says what is
 * wrong in Chinese, next to it (aria-describedby), and at least one field is marked. Returns the
 * defects, empty when the form answers as it should.
 */
export async function invalidInputDefects(page: Page): Promise<ElderDefect[]> {
  const found = await page.evaluate(() => {
    const marked = [...document.querySelectorAll('[aria-invalid="true"]')].filter((el) => el.getBoundingClientRect().height > 0);
    const problems: string[] = [];
    if (!marked.length) problems.push('no field is marked aria-invalid after sending the form empty');
    for (const el of marked) {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      const texts = ids.map((id) => document.getElementById(id)).filter((d): d is HTMLElement => !!d && d.getBoundingClientRect().height > 0).map((d) => d.innerText);
      if (!texts.some((t) => /[\u4e00-\u9fff]/.test(t))) problems.push(`${el.getAttribute('aria-label') ?? el.tagName} is marked invalid without a visible Chinese message tied to it`);
    }
    return problems;
  });
  return found.map((el) => ({ kind: 'invalidInput' as const, el }));
}
