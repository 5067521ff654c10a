import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const domainDir = path.resolve(__dirname, '../../domain');
const srcDir = path.resolve(__dirname, '../src');
const isH5 = process.env.TARO_ENV === 'h5';

// The weapp build talks to a configured API host; the H5 build is served by the same origin as
// the API (local runtime), so it uses relative URLs.
const apiBase = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:8787';

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'lianxin',
    date: '2026-11-22',
    // NutUI's stylesheets are written for a 375-wide design, ours for 750 (TOOLCHAIN.md).
    designWidth(input) {
      const file = typeof input === 'object' && input ? input.file : undefined;
      if (file?.replace(/\\+/g, '/').includes('@nutui')) return 375;
      return 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Each build empties its own output folder, so the two targets must not share one.
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    // Every page gets a <page-meta>: its root-font-size carries the user's text size (page-meta.js).
    plugins: isH5 ? [] : [path.resolve(__dirname, 'page-meta.js')],
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase),
      // {"message.new":"<template id>",...} from the mini-program console (subscription messages).
      'process.env.TARO_APP_WECHAT_TEMPLATE_IDS': JSON.stringify(process.env.TARO_APP_WECHAT_TEMPLATE_IDS || '{}'),
    },
    alias: {
      // Request/response schemas and types are shared with the backend; never copy them.
      '@domain': domainDir,
      '@': srcDir,
      // zod/mini's index re-exports its own namespace as `z`; webpack then cannot see which
      // functions are used and keeps all of zod, locales included (+430 KB in the main package).
      // The module it re-exports has the same API without that self-reference.
      'zod/mini$': path.join(path.dirname(require.resolve('zod/package.json')), 'v4/mini/external.js'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // A --watch build would otherwise prebundle all of NutUI (3.65 MB) into the main package.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    mini: {
      // domain/ lives outside the Taro project; without this Babel would skip it.
      compile: { include: [domainDir] },
      postcss: {
        // rem, not rpx: rpx follows only the screen's width, so WeChat's font size could never
        // enlarge anything. rem follows the page's root font size, which each page's <page-meta>
        // sets to the design unit times the user's text size (src/lib/text-scale.ts), as the H5
        // build does on <html>. 1rem stays 40 design px (Taro's rem base), on both builds.
        pxtransform: { enable: true, config: { targetUnit: 'rem' } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      miniCssExtractPluginOption: { ignoreOrder: true },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [domainDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return merge({}, baseConfig);
});
