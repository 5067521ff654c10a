import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** WeChat counts each package's files: the main package is everything outside subpackage roots. */
export const MAIN_PACKAGE_BUDGET_BYTES = 1024 * 1024;
export const WECHAT_PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function measureWeappPackages(distDir = 'miniapp/dist') {
  const appJson = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const sizes = new Map<string, number>([['main', 0], ...roots.map((r) => [r, 0] as [string, number])]);
  for (const file of filesUnder(distDir)) {
    const rel = relative(distDir, file);
    // Source maps are not uploaded to WeChat.
    if (rel.endsWith('.map')) continue;
    const owner = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main';
    sizes.set(owner, sizes.get(owner)! + statSync(file).size);
  }
  const packages = [...sizes].map(([name, bytes]) => {
    const budget = name === 'main' ? MAIN_PACKAGE_BUDGET_BYTES : WECHAT_PACKAGE_LIMIT_BYTES;
    return { name, bytes, budgetBytes: budget, withinBudget: bytes <= budget };
  });
  const total = packages.reduce((sum, p) => sum + p.bytes, 0);
  return { packages, totalBytes: total };
}
