/**
 * The user's WeChat font size (设置 > 字体大小, 关怀模式) enlarges the WeChat build, not only the
 * H5 one. The chain under test, all from miniapp/dist: the stylesheets are in rem (not rpx, which
 * follows only the screen's width), every page's template binds <page-meta root-font-size> to its
 * data, and the app puts 1rem at the user's size into that data. The simulator has no layout, so
 * the sizes are resolved here from the built stylesheets: a text's rem times its page's rem.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FamilyContactsResponse, PRIVACY_GUIDE_VERSION, type FamilyContactsResponse as FamilyContacts } from '../../domain';
import { API_BASE, built, dist, loadPage, sessionFor, until } from './harness';

const session = sessionFor({ personId: 'p_m0001', name: '王秀英', role: 'member', familyId: 'f_0001' }, PRIVACY_GUIDE_VERSION);
const contacts: FamilyContacts = FamilyContactsResponse.parse({
  familyId: 'f_0001',
  familyName: '王秀英家',
  villageName: '东关社区',
  townshipName: '城关镇',
  contacts: [{ kind: 'village_cadre', personId: 'p_cadre01', name: '王桂兰', title: '社区居委会主任', organisation: '东关社区居委会', phone: '13703110201' }],
  missing: [],
});

const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));

/** A size as the stylesheet gives it, in rem (px divided by the page's 1rem). */
function remOf(value: string, rootPx: number): number | undefined {
  const m = /^(-?[\d.]+)(rem|px)$/.exec(value.trim());
  if (!m) return undefined;
  return m[2] === 'rem' ? Number(m[1]) : Number(m[1]) / rootPx;
}

/** Each text on the page with its size in CSS px: its own or nearest ancestor's font-size, in the page's rem. */
function textSizes(root: HTMLElement, rootPx: number): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent?.trim()).join('');
    if (!own) continue;
    for (let a: Element | null = el; a && a !== root.parentElement; a = a.parentElement) {
      const declared = getComputedStyle(a).fontSize;
      if (!declared) continue;
      const rem = remOf(declared, rootPx);
      // A size behind a CSS variable is NutUI's; the bars are checked on our own sizes.
      if (rem !== undefined) sizes.set(own, rem * rootPx);
      break;
    }
  }
  return sizes;
}

async function render(fontSizeScaleFactor: number) {
  jest.resetModules();
  document.head.querySelectorAll('style').forEach((s) => s.remove());
  const page = loadPage('packages/family/contacts/index', session, (req) => (req.url === `${API_BASE}/families/f_0001/contacts` ? { statusCode: 200, data: contacts } : undefined), {}, { fontSizeScaleFactor, windowWidth: 375 });
  await until(() => page.text().includes('王桂兰'), 'the contacts to render');
  // WeChat applies app.wxss to every page; the simulator loads only the page's own stylesheet.
  const wxss = require('miniprogram-simulate/src/wxss');
  const style = document.createElement('style');
  style.innerHTML = wxss.compile(wxss.getContent(path.join(dist, 'app.wxss')), { prefix: 'main', rootPath: dist });
  document.head.prepend(style);
  const rootFontSize = String(page.data().lxRootFontSize ?? '');
  return { rootFontSize, sizes: textSizes(page.root(), parseFloat(rootFontSize)) };
}

const maybe = built ? test : test.skip;

maybe('no stylesheet of the WeChat build sizes anything in rpx (rpx ignores the user’s font size)', () => {
  const withRpx = files(dist).filter((f) => f.endsWith('.wxss') && /\d+rpx/.test(readFileSync(f, 'utf8')));
  expect(withRpx.map((f) => path.relative(dist, f))).toEqual([]);
});

maybe('every page binds its root font size to the user’s text size', () => {
  const app = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as { pages: string[]; subPackages: { root: string; pages: string[] }[] };
  const pages = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  expect(pages.length).toBeGreaterThan(40);
  const without = pages.filter((p) => !/^<import [^>]*\/>\s*<page-meta root-font-size="\{\{lxRootFontSize\}\}">/.test(readFileSync(path.join(dist, `${p}.wxml`), 'utf8')));
  expect(without).toEqual([]);
});

maybe('at WeChat font size 1.5 the page’s text is 1.5 times the standard size', async () => {
  const standard = await render(1);
  const large = await render(1.5);
  // 1rem is the design's 40 px of 750: 20 CSS px on a 375-wide phone, times the user's size.
  expect(standard.rootFontSize).toBe('20px');
  expect(large.rootFontSize).toBe('30px');
  expect(standard.sizes.size).toBeGreaterThan(4);
  for (const [text, px] of standard.sizes) {
    expect({ text, px: px >= 18 }).toEqual({ text, px: true });
    expect({ text, ratio: Math.round(((large.sizes.get(text) ?? 0) / px) * 100) / 100 }).toEqual({ text, ratio: 1.5 });
  }
});

maybe('WeChat’s largest sizes stop at twice the standard; its smaller ones at the standard', async () => {
  expect((await render(3)).rootFontSize).toBe('40px');
  expect((await render(0.85)).rootFontSize).toBe('20px');
});
