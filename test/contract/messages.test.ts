/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { catalogues, defineCatalogue, format, placeholderMismatches, placeholders } from '../../contract/i18n.js';
import { locales } from '../../contract/locales.js';

// Every catalogue of the widgets and the BFF, found by where catalogues live (`messages.ts`, or
// `<widget>.messages.ts` beside a widget that shares a folder): a new feature is checked without being listed here.
import.meta.glob(['../../contract/messages/*.ts', '../../widgets/**/*messages.ts'], { eager: true });
const all = [...catalogues()];

describe('message catalogues', () => {
  it('are found: the kit, each widget, and the texts the BFF sends', () => {
    expect(all.map((c) => c.feature)).toEqual(expect.arrayContaining(['kit', 'signup', 'portal', 'pin-step', 'password-setup', 'profile', 'confirm', 'field-errors', 'problems']));
    expect(new Set(all.map((c) => c.feature)).size).toBe(all.length); // a feature name is a file name: unique
  });

  it.each(all.map((c) => [c.feature, c] as const))('%s: every built-in locale has its file, with the placeholders of the German text', async (_, catalogue) => {
    for (const locale of locales) {
      await catalogue.load(locale);
      expect(catalogue.has(locale)).toBe(true);
      expect(placeholderMismatches(catalogue, locale), `${catalogue.feature}/${locale}.ts`).toEqual([]);
    }
  });

  it('a translation that drops or adds a placeholder is caught', async () => {
    const broken = defineCatalogue('broken-fixture', { a: 'Noch {n} Versuche', b: 'Hallo {name}', c: 'Ohne' }, async () => ({
      default: { a: 'tries left', b: 'Hello {name} {extra}', c: 'Without' },
    }));
    await broken.load('en');
    expect(placeholderMismatches(broken, 'en')).toEqual([
      { key: 'a', source: ['n'], found: [] },
      { key: 'b', source: ['name'], found: ['extra', 'name'] },
    ]);
  });

  it('fills placeholders; one without a value stays visible', () => {
    expect(format('Schritt {index} von {count}', { index: 1, count: 3 })).toBe('Schritt 1 von 3');
    expect(format('Hallo {name}')).toBe('Hallo {name}');
    expect(placeholders('{b} und {a} und {b}')).toEqual(['a', 'b']);
  });
});
