import { describe, expect, it } from 'vitest';
import { signupTextKind, textProblem, unstorablePaths } from '../../contract/rules.js';
import { signupSchema } from '../../contract/signup.js';
import { businessSignup, professionalSignup } from './fixtures.js';

describe('free text (contract/rules.ts)', () => {
  it.each([
    ['name', 'Zoë-Marie O’Brien', undefined],
    ['name', 'J.R.R. Tolkien', undefined],
    ['name', 'Prof. Dr. med.', undefined],
    ['name', 'Anna evil.example', 'text_url'],
    ['name', 'www.x', 'text_url'],
    ['name', 'EVIL.COM', 'text_url'],
    ['name', 'Anna\nB', 'text_invisible'],
    ['name', 'Anna\u202E', 'text_invisible'],
    ['name', 'An\u200Dna', 'text_invisible'],
    ['name', 'Anna\u2068', 'text_invisible'],
    ['name', 'Anna 2', 'name_characters'],
    ['name', 'Anna <b>', 'name_characters'],
    ['address', 'St.Gallen', undefined],
    ['address', 'Frankfurt a.M.', undefined],
    ['address', 'Meier & Partner (Zürich) AG, 1&1', undefined],
    ['address', 'Straße des 17. Juni 12a/3', undefined],
    ['address', 'Shop: https://x', 'address_characters'],
    ['address', 'Web.de AG', 'text_url'],
    ['address', 'a@b', 'address_characters'],
    // web addresses in any case (review: mixed-case endings and `WWW.` passed)
    ['name', 'paypal.Com', 'text_url'],
    ['name', 'Evil-Bank.Net', 'text_url'],
    ['name', 'Bitte zahlen an Evil-Bank.Net sofort', 'text_url'],
    ['name', 'Anna Sparkasse.De', 'text_url'],
    ['name', 'WWW.Evil', 'text_url'],
    ['name', 'Www.x', 'text_url'],
    ['address', 'Evil-Bank.cOM AG', 'text_url'],
    ['name', '𝐄𝐯𝐢𝐥.𝐂𝐨𝐦', 'text_url'],
    ['address', 'Ｅｖｉｌ.Ｃｏｍ', 'text_url'],
    // …while names and places with dots stay fine
    ['name', 'J.R.R.', undefined],
    ['name', 'Dr. Anna', undefined],
    ['name', 'J.Li', undefined],
    ['name', 'J.De Vries', undefined],
    ['address', 'St. Gallen', undefined],
    ['address', 'St.Moritz', undefined],
    ['address', 'Freiburg i.Br.', undefined],
    ['address', 'Müller & Söhne GmbH', undefined],
    ['address', 'Max Mustermann e.K.', undefined],
    ['address', 'Meier u.Co. KG', undefined],
    // every default-ignorable code point is invisible (review: these rendered as nothing and passed)
    ['name', 'evil-bank.c\u034Fom', 'text_invisible'],
    ['name', 'An\u3164na', 'text_invisible'],
    ['name', 'Anna\uFE0F', 'text_invisible'],
    ['name', 'An\uFE00na', 'text_invisible'],
    ['name', 'An\u115Fna', 'text_invisible'],
    ['name', 'An\uFFA0na', 'text_invisible'],
    ['address', 'Ber\u180Blin', 'text_invisible'],
    ['address', 'Berlin\u{E0041}', 'text_invisible'],
    ['text', 'Label\u034F', 'text_invisible'],
    ['text', 'Label: https://ok.example — fine', undefined],
    ['text', 'tab\there', 'text_invisible'],
  ] as const)('%s %j → %s', (kind, value, problem) => {
    expect(textProblem(kind, value)).toBe(problem);
  });

  it('the widget finds the same kind for each field as the schema applies', () => {
    const cases: [Record<string, any>, string][] = [];
    const walk = (value: unknown, path: string[], root: Record<string, any>) => {
      if (typeof value === 'string' && signupTextKind(path.join('.'))) cases.push([root, path.join('.')]);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], root);
    };
    for (const make of [professionalSignup, businessSignup]) walk(make(), [], make());
    expect(cases.length).toBeGreaterThan(15);
    for (const [, path] of cases) {
      const kind = signupTextKind(path)!;
      for (const bad of ['a evil.example', 'a\u200Bb', 'a<b>']) {
        const body = (path.startsWith('contact') || path.startsWith('company') ? businessSignup : professionalSignup)() as Record<string, any>;
        const keys = path.split('.');
        let node = body;
        for (const k of keys.slice(0, -1)) node = node[k];
        node[keys.at(-1)!] = bad;
        const result = signupSchema.safeParse(body);
        const issue = result.error?.issues.find((i) => i.path.join('.') === path);
        expect(issue?.message, `${path} ${JSON.stringify(bad)}`).toBe(textProblem(kind, bad));
      }
    }
  });

  it('unstorablePaths finds NUL and lone surrogates in values and keys, and stops at 32 levels', () => {
    expect(unstorablePaths({ a: 'ok', b: ['x\u0000'], c: { 'k\ud800': 1, d: '\udc00' }, e: 'ok\ud83d\ude00' })).toEqual(['b.0', 'c.k\ud800', 'c.d']);
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(unstorablePaths(deep)).toHaveLength(1);
  });
});
