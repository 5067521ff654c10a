// The whole project uses zod's "mini" build: the classic build costs ~90 KB per Lambda bundle and in
// the mini-program, the mini build ~20 KB (TOOLCHAIN.md). Everything imports z from here so the
// Chinese locale is configured once, wherever a schema is parsed.
import * as z from 'zod/mini';
import zhCN from 'zod/v4/locales/zh-CN.js';

z.config(zhCN());

export { z };
