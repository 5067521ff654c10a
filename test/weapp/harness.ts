/**
 * Glue for rendering one page of the WeChat build (miniapp/dist, `npm run build:weapp`) with
 * miniprogram-simulate and WeChat's own template compiler (TOOLCHAIN.md, "Testing the
 * mini-program"). Taro pages call App()/Page(), which the simulator does not provide: App is
 * recorded, Page becomes a Component whose `attached` runs the page's onLoad/onShow/onReady.
 * The network is stubbed at wx.request by the test's `respond`, whose fixtures the test checks
 * against the domain schemas so they cannot drift from the contract. Call `loadPage` once per test
 * file, in beforeAll.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Session } from '../../domain';

export const dist = path.resolve(__dirname, '../../miniapp/dist');
export const API_BASE = 'http://127.0.0.1:8787';
export const built = existsSync(path.join(dist, 'app.js'));

/** Any wx.* call's options: the simulator's API is untyped JavaScript. */
type WxOptions = Record<string, any> & { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void }; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SentRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data: unknown;
}
export type Respond = (req: SentRequest) => { statusCode: number; data: unknown } | undefined;

export interface LoadedPage {
  /** The page's rendered text. */
  text: () => string;
  root: () => HTMLElement;
  requests: SentRequest[];
  /** Elements rendered without a WeChat template: they would be blank on a phone. */
  missingTemplates: string[];
  /** The page's data as WeChat holds it (what its template binds to). */
  data: () => Record<string, unknown>;
  /** wx API calls the test may assert (navigateTo, makePhoneCall). */
  calls: { navigateTo: WxOptions[]; makePhoneCall: WxOptions[] };
}

/** Calls back as WeChat does: success then complete, on a later tick. */
function answer(opts: WxOptions, res: Record<string, unknown>) {
  setTimeout(() => {
    opts.success?.(res);
    opts.complete?.(res);
  }, 0);
}

/** What the WeChat client says about itself: the user's font size and the window (defaults: standard size, 375 wide). */
export interface ClientInfo {
  fontSizeScaleFactor?: number;
  windowWidth?: number;
}

export function loadPage(route: string, session: Session, respond: Respond, query: Record<string, string> = {}, client: ClientInfo = {}): LoadedPage {
  const loaded: LoadedPage = {
    text: () => root().textContent ?? '',
    root: () => root(),
    data: () => page.data,
    requests: [],
    missingTemplates: [],
    calls: { navigateTo: [], makePhoneCall: [] },
  };
  // The simulator's objects are untyped JavaScript; the glue below only wires them together.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  let page: any;
  const root = () => page.dom as HTMLElement;
  const warn = console.warn;
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    const m = /Template `(tmpl_\w+)` not found/.exec(String(args[0]));
    if (m) loaded.missingTemplates.push(m[1]);
    else warn(...args);
  });

  const g = global as any;
  g.wx = require('miniprogram-simulate/src/api');
  const wx = g.wx;
  const windowWidth = client.windowWidth ?? 375;
  wx.getAppBaseInfo = () => ({ fontSizeScaleFactor: client.fontSizeScaleFactor ?? 1, fontSizeSetting: 17 * (client.fontSizeScaleFactor ?? 1) });
  wx.getWindowInfo = () => ({ windowWidth, windowHeight: 812, screenWidth: windowWidth, screenHeight: 812, pixelRatio: 2 });
  // The simulator's storage is a no-op; the app keeps its session there.
  const storage = new Map<string, unknown>([['lianxin.session', session]]);
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '');
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value);
  wx.removeStorageSync = (key: string) => void storage.delete(key);
  wx.request = (opts: WxOptions) => {
    const req: SentRequest = { url: opts.url, method: opts.method ?? 'GET', header: opts.header ?? {}, data: opts.data };
    loaded.requests.push(req);
    const res = respond(req) ?? { statusCode: 404, data: { error: 'not_found', message: '没有找到' } };
    answer(opts, { ...res, header: {}, errMsg: 'request:ok' });
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };
  wx.navigateTo = (opts: WxOptions) => {
    loaded.calls.navigateTo.push(opts);
    answer(opts, { errMsg: 'navigateTo:ok' });
  };
  wx.makePhoneCall = (opts: WxOptions) => {
    loaded.calls.makePhoneCall.push(opts);
    answer(opts, { errMsg: 'makePhoneCall:ok' });
  };

  let app: any;
  g.App = (cfg: any) => {
    app = cfg;
    cfg.onLaunch?.call(cfg, { path: 'pages/index/index', query: {}, scene: 1001 });
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [];
  g.Page = (cfg: Record<string, any>) => {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(cfg)) if (typeof value === 'function') methods[key] = value;
    g.Component({
      data: cfg.data ?? {},
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = route;
          this.onLoad?.(query);
          this.onShow?.();
          this.onReady?.();
        },
      },
    });
  };

  require(path.join(dist, 'app.js'));
  const simulate = require('miniprogram-simulate');
  const id = simulate.load(path.join(dist, route), { compiler: 'official', rootPath: dist });
  page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  /* eslint-enable @typescript-eslint/no-explicit-any */
  return loaded;
}

/** Polls until `check` passes: Taro renders asynchronously after setData. */
export async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Elements whose own text (not a child's) is `label`: a button's label sits next to its icon. */
export function byOwnText(root: Element, label: string): Element[] {
  return [...root.querySelectorAll('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim() === label));
}

/** A finger tap as WeChat delivers it: a `tap` event that bubbles from the touched node. */
export function tap(el: Element) {
  let node: any = el; // eslint-disable-line @typescript-eslint/no-explicit-any -- exparser's DOM link is untyped
  while (node && !node.__wxElement) node = node.parentNode;
  if (!node) throw new Error('no exparser node behind the element');
  // j-component's own dispatch (the one its wrappers use) needs only the DOM node.
  const { prototype } = require('j-component/src/render/component');
  prototype.dispatchEvent.call({ dom: node }, 'tap');
}

/** A fresh signed-in session for `me`, consent given, checked against the domain schema. */
export function sessionFor(me: Omit<Session['me'], 'consent'>, consentVersion: string): Session {
  return {
    token: 'test-token',
    expiresAt: new Date(Date.now() + 30 * 60 * 1000).toISOString(),
    me: {
      ...me,
      consent: { privacyGuideVersion: consentVersion, agreedAt: '2026-11-20T09:00:00+08:00', healthData: true, healthDataDecidedAt: '2026-11-20T09:00:00+08:00' },
    },
  };
}
