import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The mini-program confirms and warns with on-page notices (components/Notice.tsx, lib/flash.ts),
 * never with a toast: a toast's text is too small for elderly eyes and is gone before it is read.
 */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(tsx?|jsx?)$/.test(name) ? [path] : [];
  });
}

test('no toast anywhere in the mini-program source', () => {
  const files = sources('miniapp/src');
  expect(files.length).toBeGreaterThan(20);
  const withToast = files.filter((f) => /showToast/.test(readFileSync(f, 'utf8')));
  expect(withToast).toEqual([]);
});
