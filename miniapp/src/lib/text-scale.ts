import { hooks } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { isH5 } from '../api/config';

/**
 * The user's text size. WeChat tells a mini-program the font size its user chose (设置 > 通用 >
 * 字体大小, and 关怀模式, which sets the largest standard step): getAppBaseInfo's
 * fontSizeScaleFactor, the chosen size over the standard one (17 px on iOS, 16 px on Android). The
 * app scales every size by it: 1rem is the design's 40 px column (20 CSS px on a 375-wide phone)
 * times this factor, so text, targets and spacing grow together and the page reflows to the width.
 *
 * Never below 1: the design's standard size is already the elders' floor (18 px body text), and
 * WeChat's "smaller" step would push text under it. Never above 2: past that a phone line holds
 * two or three characters; WeChat's largest step (关怀模式 +5 on a 414 screen) is 1.5.
 */
export const MIN_TEXT_SCALE = 1;
export const MAX_TEXT_SCALE = 2;
/** WeChat's standard font size on iOS, for clients that give fontSizeSetting only. */
const WECHAT_STANDARD_PX = 17;

/**
 * The browser has no WeChat setting: the H5 build reads this stand-in, so a demo or a test can show
 * the app at a user's larger text size through the same code path (test/e2e/browser.ts setTextScale).
 */
export const H5_TEXT_SCALE_KEY = 'lianxin.textScale';

export function clampTextScale(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= MIN_TEXT_SCALE) return MIN_TEXT_SCALE;
  return Math.min(Math.round(n * 100) / 100, MAX_TEXT_SCALE);
}

interface WechatFontInfo {
  fontSizeScaleFactor?: number;
  fontSizeSetting?: number;
}

/** The factor from WeChat's own setting (1 when the client does not say). */
export function wechatTextScale(info: WechatFontInfo | undefined): number {
  if (!info) return 1;
  if (info.fontSizeScaleFactor) return clampTextScale(info.fontSizeScaleFactor);
  if (info.fontSizeSetting) return clampTextScale(info.fontSizeSetting / WECHAT_STANDARD_PX);
  return 1;
}

/** The text size to use now. */
export function readTextScale(): number {
  if (isH5) {
    try {
      return clampTextScale(window.localStorage.getItem(H5_TEXT_SCALE_KEY));
    } catch {
      return 1; // storage blocked (private mode): the standard size
    }
  }
  try {
    // getAppBaseInfo since base library 2.20.1; older clients have the same fields on getSystemInfoSync.
    const info = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync();
    return wechatTextScale(info as WechatFontInfo);
  } catch {
    return 1;
  }
}

/**
 * 1rem before the user's text size, in CSS px: the design's 40 px column of a 750-wide design
 * (20 px on a 375-wide phone), kept within 20-40 px so a narrow phone does not shrink text under
 * the floor and a tablet does not blow it up. The H5 build computes the same in app.scss.
 */
export function designRemPx(windowWidth: number): number {
  return Math.min(Math.max((windowWidth * 40) / 750, 20), 40);
}

/** The root font size for a page of the WeChat build: 1rem at the user's text size. */
export function rootFontSize(scale: number, windowWidth: number): string {
  return `${Math.round(designRemPx(windowWidth) * scale * 100) / 100}px`;
}

function windowWidth(): number {
  try {
    // getWindowInfo since base library 2.20.1; older clients have the field on getSystemInfoSync.
    const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
    return info.windowWidth || 375;
  } catch {
    return 375;
  }
}

/** The page data field the build binds <page-meta root-font-size> to (config/page-meta.js). */
export const PAGE_ROOT_FONT_SIZE_KEY = 'lxRootFontSize';

/** Taro's page object as handed to WeChat's Page(): only its initial data matters here. */
interface PageObject {
  data?: Record<string, unknown>;
}

/**
 * Applies the text size to every page. Sizes are in rem on both builds (config/index.ts), so one
 * root font size enlarges text, targets and spacing together.
 *
 * H5: the factor goes on the document root; app.scss multiplies <html>'s font size by it. The data
 * attribute says what was applied (the e2e checks read it).
 *
 * WeChat: a page's rem is its <page-meta root-font-size>; every page has one, bound to the page's
 * data `lxRootFontSize` (config/page-meta.js). The value goes into each page's initial data as Taro
 * registers the page, so its first frame is already at the user's size (no jump) and no page has to
 * do anything.
 */
export function applyTextScale(scale: number): void {
  if (isH5) {
    const root = document.documentElement;
    root.style.setProperty('--lx-text-scale', String(scale));
    root.dataset.textScale = String(scale);
    return;
  }
  const size = rootFontSize(scale, windowWidth());
  hooks.tap('modifyPageObject', (page: PageObject) => {
    const data = page.data ?? {};
    page.data = { ...data, [PAGE_ROOT_FONT_SIZE_KEY]: size };
  });
}
