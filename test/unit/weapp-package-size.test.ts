import { existsSync } from 'node:fs';
import { MAIN_PACKAGE_BUDGET_BYTES, measureWeappPackages, WECHAT_PACKAGE_LIMIT_BYTES } from '../../bench/weapp-size';

// Sizes are deterministic for a given build, so the budgets are asserted here as well as in bench/.
// `npm test` builds miniapp/dist before jest runs.
const built = existsSync('miniapp/dist/app.json');

test('the WeChat build exists (npm test builds it first)', () => {
  expect(built).toBe(true);
});

test('the main package stays within 1 MB and every subpackage within WeChat’s 2 MB', () => {
  const { packages } = measureWeappPackages();
  const main = packages.find((p) => p.name === 'main')!;
  expect(main.bytes).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET_BYTES);
  for (const p of packages) expect({ name: p.name, bytes: p.bytes, ok: p.bytes <= WECHAT_PACKAGE_LIMIT_BYTES }).toMatchObject({ ok: true });
  // Feature pages live in subpackages from the start.
  expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(['packages/account', 'packages/family', 'packages/staff']));
});
