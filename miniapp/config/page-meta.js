/**
 * Taro build plugin for the WeChat build: puts a <page-meta> at the top of every page, whose
 * root-font-size (what 1rem is on that page) comes from the page's data `lxRootFontSize`, which the
 * app sets from the user's WeChat font size (src/lib/text-scale.ts).
 *
 * Why not Taro's own enablePageMeta: its template also writes a <navigation-bar> bound to empty data
 * (front colour black, no title), which would override every page's title bar from page.json.
 * Why a build step: every page gets it, including pages added later, without each page (or its
 * author) having to remember it.
 */
const { sources } = require('webpack');

const PAGE_META = '<page-meta root-font-size="{{lxRootFontSize}}"></page-meta>';

module.exports = (ctx) => {
  ctx.modifyBuildAssets(({ assets, miniPlugin }) => {
    for (const page of miniPlugin.pages) {
      if (page.isNative) continue;
      const name = `${page.name}.wxml`;
      const asset = assets[name];
      if (!asset) continue;
      const text = asset.source().toString();
      if (text.includes('<page-meta')) continue;
      // page-meta must be the page's first node; <import> before it is not a node.
      const withMeta = /^<import [^>]*\/>/.test(text) ? text.replace(/^(<import [^>]*\/>)/, `$1\n${PAGE_META}`) : `${PAGE_META}\n${text}`;
      assets[name] = new sources.RawSource(withMeta);
    }
  });
};
