/**
 * The WeChat build itself (miniapp/dist, built by `npm run build:weapp`), rendered by
 * miniprogram-simulate with WeChat's own template compiler. The network is stubbed at wx.request
 * with a fixture checked against the domain schema, so the fixture cannot drift from the contract.
 *
 * Glue (TOOLCHAIN.md, "Testing the mini-program"): Taro pages call App()/Page(), which the
 * simulator does not provide; App is recorded, Page becomes a Component whose `attached` runs the
 * page's onLoad/onShow/onReady.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  contactKindLabels,
  FamilyContactsResponse,
  PRIVACY_GUIDE_VERSION,
  Session,
  type FamilyContactsResponse as FamilyContacts,
  type Session as SessionT,
} from '../../domain';

const dist = path.resolve(__dirname, '../../miniapp/dist');
const API_BASE = 'http://127.0.0.1:8787';

const contacts: FamilyContacts = {
  familyId: 'f_0001',
  familyName: '王秀英家',
  villageName: '东关社区',
  townshipName: '城关镇',
  contacts: [
    {
      kind: 'village_cadre',
      personId: 'p_cadre01',
      name: '王桂兰',
      title: '社区居委会主任',
      organisation: '东关社区居委会',
      phone: '13703110201',
    },
    {
      kind: 'township_leader',
      personId: 'p_lead01',
      name: '张建华',
      title: '镇党委副书记',
      organisation: '城关镇人民政府',
      phone: '13903110101',
    },
    {
      kind: 'doctor',
      personId: 'p_doc01',
      name: '陈立新',
      title: '全科医生（团队长）',
      organisation: '城关镇卫生院',
      phone: '0311-86905120',
      team: {
        name: '城关镇卫生院家庭医生团队',
        members: [
          { name: '陈立新', role: 'gp', phone: '0311-86905120' },
          { name: '周敏', role: 'nurse', phone: '0311-86905121' },
        ],
      },
    },
  ],
  missing: [],
};

const session: SessionT = {
  token: 'test-token',
  expiresAt: new Date(Date.now() + 30 * 60 * 1000).toISOString(),
  me: {
    personId: 'p_m0001',
    name: '王秀英',
    role: 'member',
    familyId: 'f_0001',
    consent: {
      privacyGuideVersion: PRIVACY_GUIDE_VERSION,
      agreedAt: '2026-11-20T09:00:00+08:00',
      healthData: true,
      healthDataDecidedAt: '2026-11-20T09:00:00+08:00',
    },
  },
};

type WxOptions = Record<string, any> & { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

const built = existsSync(path.join(dist, 'app.js'));
const requests: { url: string; method: string; header: Record<string, string> }[] = [];
let makePhoneCall: jest.Mock;
let page: any;

/** Polls until `check` passes: Taro renders asynchronously after setData. */
async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const text = () => (page.dom as HTMLElement).textContent ?? '';

// The WeChat runtime has a template for each native element Taro renders; an element without one
// (e.g. an icon-font <i> from a component library) silently renders nothing on a phone.
const missingTemplates: string[] = [];
const warn = console.warn;

beforeAll(() => {
  if (!built) return;
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    const first = String(args[0]);
    const m = /Template `(tmpl_\w+)` not found/.exec(first);
    if (m) missingTemplates.push(m[1]);
    else warn(...args);
  });
  // The fixtures are real contract values: if domain/ changes, this fails before anything renders.
  FamilyContactsResponse.parse(contacts);
  Session.parse(session);

  const g = global as any;
  g.wx = require('miniprogram-simulate/src/api');
  const wx = g.wx;

  // The simulator's storage is a no-op; the app keeps its session there.
  const storage = new Map<string, unknown>([['lianxin.session', session]]);
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '');
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value);
  wx.removeStorageSync = (key: string) => void storage.delete(key);

  wx.request = jest.fn((opts: WxOptions) => {
    requests.push({ url: opts.url, method: opts.method ?? 'GET', header: opts.header ?? {} });
    const ok = opts.url === `${API_BASE}/families/f_0001/contacts`;
    const res = ok
      ? { statusCode: 200, data: contacts, header: {} }
      : { statusCode: 404, data: { error: 'not_found', message: '没有找到' }, header: {} };
    setTimeout(() => {
      opts.success?.({ ...res, errMsg: 'request:ok' });
      opts.complete?.({ ...res, errMsg: 'request:ok' });
    }, 0);
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  });
  makePhoneCall = jest.fn((opts: WxOptions) => {
    setTimeout(() => {
      opts.success?.({ errMsg: 'makePhoneCall:ok' });
      opts.complete?.({ errMsg: 'makePhoneCall:ok' });
    }, 0);
  });
  wx.makePhoneCall = makePhoneCall;

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
          this.route = 'packages/family/contacts/index';
          this.onLoad?.({});
          this.onShow?.();
          this.onReady?.();
        },
      },
    });
  };

  require(path.join(dist, 'app.js'));
  const simulate = require('miniprogram-simulate');
  const id = simulate.load(path.join(dist, 'packages/family/contacts/index'), { compiler: 'official', rootPath: dist });
  page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
});

const maybe = built ? test : test.skip;

test('the WeChat build exists (npm test builds it first)', () => {
  expect(built).toBe(true);
});

maybe('renders the family and each contact with the role label from domain/', async () => {
  await until(() => text().includes('王桂兰'), 'the contacts to render');
  expect(text()).toContain('王秀英家');
  for (const c of contacts.contacts) {
    expect(text()).toContain(c.name);
    expect(text()).toContain(contactKindLabels[c.kind]);
  }
  expect(text()).toContain('城关镇卫生院家庭医生团队');
  expect(text()).not.toContain('还没有安排');

  // Authenticated GETs of the family in the session only: its contacts, and its conversations for
  // the unread count on the 消息 entry.
  expect(requests).toEqual([
    expect.objectContaining({ url: `${API_BASE}/families/f_0001/contacts`, method: 'GET', header: expect.objectContaining({ Authorization: 'Bearer test-token' }) }),
    expect.objectContaining({ url: `${API_BASE}/families/f_0001/threads`, method: 'GET', header: expect.objectContaining({ Authorization: 'Bearer test-token' }) }),
  ]);
});

maybe('tapping 打电话 on a contact calls that contact’s number', async () => {
  await until(() => text().includes('王桂兰'), 'the contacts to render');
  const root = page.dom as HTMLElement;
  // Each contact card holds exactly one "打电话" button, in the order of the response.
  const callButtons = await until(() => {
    // The label is a text node next to the icon, so match elements by their own text.
    const found = [...root.querySelectorAll('*')].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim() === '打电话'),
    );
    return found.length === contacts.contacts.length ? found : undefined;
  }, 'one 打电话 button per contact');

  for (const [i, contact] of contacts.contacts.entries()) {
    makePhoneCall.mockClear();
    tap(callButtons[i]);
    await until(() => makePhoneCall.mock.calls.length > 0, `wx.makePhoneCall for ${contact.name}`);
    expect(makePhoneCall).toHaveBeenCalledTimes(1);
    expect(makePhoneCall.mock.calls[0][0]).toEqual(expect.objectContaining({ phoneNumber: contact.phone }));
  }
});

maybe('every element on the page has a WeChat template (nothing silently missing on a phone)', async () => {
  await until(() => text().includes('王桂兰'), 'the contacts to render');
  expect(missingTemplates).toEqual([]);
});

/** A finger tap as WeChat delivers it: a `tap` event that bubbles from the touched node. */
function tap(el: Element) {
  let node: any = el;
  while (node && !node.__wxElement) node = node.parentNode;
  if (!node) throw new Error('no exparser node behind the element');
  // j-component's own dispatch (the one its wrappers use) needs only the DOM node.
  const { prototype } = require('j-component/src/render/component');
  prototype.dispatchEvent.call({ dom: node }, 'tap');
}
