// The whole project uses zod's "mini" build: the classic build costs ~90 KB per Lambda bundle and in
// the mini-program, the mini build ~20 KB (TOOLCHAIN.md). Modules import it as
// `import * as z from './zod'`, so the Chinese locale is configured once wherever a schema is
// parsed. Re-exporting with `export *` (not a namespace object) lets esbuild drop what a bundle
// does not use; a re-exported namespace pulled ~330 KB of zod into every function.
import { config } from 'zod/mini';
import zhCN from 'zod/v4/locales/zh-CN.js';

config(zhCN());

export * from 'zod/mini';
