import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { routes } from '../../functions/routes';

/**
 * The route table says which routes take an Idempotency-Key; the handlers and the api tests must
 * agree with it. A handler that writes a marker on a route not marked idempotent would have its
 * marker silently dropped (the stack gives it none), and a marked route without a test could lose
 * its replay or its 409 unnoticed.
 */
const root = path.resolve(__dirname, '../..');
const source = (handler: string) => readFileSync(path.join(root, 'functions', `${handler}.ts`), 'utf8');
const apiTests = readdirSync(path.join(root, 'test/api'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(path.join(root, 'test/api', f), 'utf8'))
  .join('\n');

const marked = routes.filter((r) => (r as { idempotent?: boolean }).idempotent);

it('some routes take an Idempotency-Key', () => {
  expect(marked.length).toBeGreaterThan(0);
});

it.each(routes.map((r) => [r.id, r.handler, Boolean((r as { idempotent?: boolean }).idempotent)] as const))(
  '%s (%s): the handler uses the idempotency marker exactly when the route is marked idempotent',
  (_id, handler, idempotent) => {
    expect(/\bidempotency\b/.test(source(handler))).toBe(idempotent);
  },
);

it.each(marked.map((r) => [r.id]))('%s has an idempotency test (expectIdempotent with its route id)', (id) => {
  expect(apiTests).toMatch(new RegExp(`route: '${id.replace('.', '\\.')}'`));
});
