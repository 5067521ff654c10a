import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FORMER_SERVICE_CARD_NAMES, SERVICE_CARD, privacyGuide } from '../../domain';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|scss)$/.test(name) ? [path] : [];
  });
}

describe('the service card has one name', () => {
  test(`no page, message or handler calls it anything but ${SERVICE_CARD}`, () => {
    // domain/card.ts names the former names once, to forbid them here.
    const files = ['miniapp/src', 'functions', 'domain'].flatMap((d) => sources(join(root, d))).filter((f) => !f.endsWith(join('domain', 'card.ts')));
    const found = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return FORMER_SERVICE_CARD_NAMES.filter((name) => text.includes(name)).map((name) => `${relative(root, f)}: ${name}`);
    });
    expect(found).toEqual([]);
  });

  test('the card page is titled with it (page configs are read at build time, apart from the domain)', () => {
    const config = readFileSync(join(root, 'miniapp/src/packages/family/card/index.config.ts'), 'utf8');
    expect(config).toContain(`navigationBarTitleText: '${SERVICE_CARD}'`);
  });

  test('the privacy guide (plain literals, so bundles can drop it) uses the same name', () => {
    expect(privacyGuide.healthDataConsent.body).toContain(SERVICE_CARD);
  });
});
