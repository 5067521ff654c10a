import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The api suites share one table; each builds its own county with `ledgerWorld(tag)`
 * (test/api/ledger-world.ts), whose ids all start with the tag. Two suites with one tag, or a tag
 * that begins another (`r` and `rp`: prefix-based slices of one would take in the other's items),
 * make the suites read each other's families in whatever order jest runs them.
 */
test('every ledger world has a tag of its own, none the beginning of another', () => {
  const dir = path.join(__dirname, '..', 'api');
  const tags = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/ledgerWorld\('([a-z0-9]+)'\)/g)].map((m) => ({ file: f, tag: m[1] })));
  expect(tags.length).toBeGreaterThan(10);
  const clashes = tags.flatMap((a, i) => tags.slice(i + 1).filter((b) => a.tag.startsWith(b.tag) || b.tag.startsWith(a.tag)).map((b) => `${a.file} "${a.tag}" / ${b.file} "${b.tag}"`));
  expect(clashes).toEqual([]);
});
