import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root: the nearest directory, from the working directory up, that holds the route
 * table and the lock file. Found from `process.cwd()` rather than `import.meta.url` because the
 * same code runs as ESM under tsx (`npm run synth`, the benchmark) and as CommonJS under jest,
 * where `import.meta` does not exist.
 */
export function findRepoRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'functions', 'routes.ts')) && existsSync(path.join(dir, 'package-lock.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No repository root (functions/routes.ts + package-lock.json) above ${from}`);
    dir = parent;
  }
}

export const repoRoot = findRepoRoot();

/** The source file of a handler module named in the route table, e.g. `me/get-me`. */
export const handlerEntry = (handler: string) => path.join(repoRoot, 'functions', `${handler}.ts`);
