/**
 * Bundle sizes per page: builds the widgets, then sums the gzip (level 9) and brotli bytes of everything a
 * page downloads through `loader.js` — the loader and what it imports for `tk-provider` and the page's
 * widget, with their static imports, each file compressed on its own as it travels. Also the whole kit
 * (`telkit.js`, every chunk, the lazily loaded ones too) and each file. Checks that `loader.js` preloads
 * exactly what each tag loads, and that each catalogue's non-default locale is a chunk of its own that no
 * page downloads up front. Exits non-zero over budget.
 *
 *   npm run bench:size
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defaultLocale, locales } from '../contract/locales.js';

const DIST = 'dist/telkit';
const KB = 1024;

/** A page: the tags the loader loads on it (or, without the loader, entries); its gzip budget in bytes. */
const PAGES: { name: string; tags?: string[]; entries?: string[]; budget?: number }[] = [
  { name: 'loader.js alone', tags: [], budget: 1 * KB },
  { name: 'signup page (loader + provider + tk-signup)', tags: ['tk-provider', 'tk-signup'], budget: 30 * KB },
  { name: 'login page (loader + provider + tk-login)', tags: ['tk-provider', 'tk-login'], budget: 22 * KB },
  { name: 'profile page (loader + provider + tk-profile)', tags: ['tk-provider', 'tk-profile'], budget: 26 * KB },
  { name: 'sub-users page (loader + provider + tk-sub-users)', tags: ['tk-provider', 'tk-sub-users'], budget: 32 * KB },
  { name: 'locations page (loader + provider + tk-locations)', tags: ['tk-provider', 'tk-locations'], budget: 30 * KB },
  { name: 'porting page (loader + provider + tk-porting)', tags: ['tk-provider', 'tk-porting'], budget: 40 * KB },
  { name: 'port orders page (loader + provider + tk-port-orders)', tags: ['tk-provider', 'tk-port-orders'], budget: 32 * KB },
  { name: 'credential reset page (loader + provider + tk-credential-reset)', tags: ['tk-provider', 'tk-credential-reset'], budget: 30 * KB },
  { name: 'confirm page (loader + provider + tk-confirm)', tags: ['tk-provider', 'tk-confirm'] },
  { name: "BFF's /set-password page (password-setup.js)", entries: ['password-setup.js'] },
];
/**
 * Every feature's code, the lazily loaded too: it grows with features by design (splitting code off a page
 * costs the kit), so each flow adds its share when it states its page budget. 48 KB held the signup and the
 * portal's first version; 56 KB since issues 11 and 12 (done screen, change forms, "forgot password", PIN
 * resends, drafts, history, live summary), with every page back within its own budget. 70 KB with issue 13's
 * `tk-sub-users` (its share about 13.8 KB: the list 5 KB, the lazily loaded steps 6.3 KB, the English texts 2.3 KB).
 * 83 KB with issue 14's `tk-locations` (its share about 12.6 KB: the overview with all its German texts 6.1 KB,
 * the lazily loaded steps 2.4 KB, the English texts 2 KB, the provider's acting banner 1.5 KB with its
 * English, and 0.6 KB in the signup, profile, provider and loader).
 * 136 KB with issue 16's `tk-porting` and `tk-port-orders` (their share about 53 KB: the wizard's frame and first
 * steps 7.4 KB, the numbers step 8.8 KB, the later steps 15.2 KB of which about 9.5 KB are the transliteration
 * tables for login-name suggestions, the porting rules 1.1 KB, the orders' list 5.7 KB and detail 6.6 KB, the
 * English texts 8.9 KB). Issue 16 asked for a whole kit of 72 KB: the kit weighed 84,915 B (82.9 KB) before it — see
 * bench/README.md.
 * 144 KB with issue 17's `tk-credential-reset` (its share about 8.5 KB: the widget whole — overview, warning and
 * consent, result, the filter's status, masked addresses read out in words — with its German texts and the
 * credential rules 6.6 KB, the English texts 1.8 KB; the loader paid for its new tag by preloading without the
 * chunk it imports and a short name for the bundler's runtime; the login in place of a list widget is one helper).
 * 160 KB with issue 18's second factors (the login's and password setup's share about 8 KB: passkey sign-in 1.3 KB,
 * the code step for app, recovery code and passkey with "use another method" 1.4 KB, the setup without a
 * mobile number 3 KB, English texts 1.5 KB; the profile's factors about 4 KB more, the signup's choice
 * of the second factor about 1.3 KB with its English). The login page paid for its passkey hook by moving the
 * wizards' texts out of the kit catalogue (`primitives/wizard.messages.ts`); the porting page, which loads the
 * signup's chunk, for the signup's hook by moving the order's body to `ordering.ts`, the choice's rule to
 * `second-factor.ts` and the done screen's text to its own catalogue (bench/README.md).
 */
const KIT_BUDGET = 160 * KB;

if (!process.argv.includes('--no-build')) execSync('npx vite build --logLevel warn', { stdio: 'inherit' });

const read = (file: string) => readFileSync(join(DIST, file));
const gzip = (file: string) => gzipSync(read(file), { level: 9 }).length;
const brotli = (file: string) => brotliCompressSync(read(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Files an entry loads before it runs: its static imports, transitively. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = read(file).toString('utf8');
  for (const match of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w{}\s,*$]+from\s*)?["'](\.\.?\/[^"']+)["']/g)) {
    staticGraph(join(file, '..', match[1]!).replace(/\\/g, '/'), seen);
  }
  return seen;
}
const closure = (entries: string[]) => [...new Set(entries.flatMap((e) => [...staticGraph(e)]))].sort();

const chunks = readdirSync(join(DIST, 'chunks'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `chunks/${f}`);
const entries = readdirSync(DIST).filter((f) => f.endsWith('.js'));
const short = (file: string) => file.replace(/-[\w-]{7,8}\.js$/, '.js');

type Row = { name: string; files: string[]; min: number; gzip: number; brotli: number; budget?: number };
const measure = (name: string, files: string[], budget?: number): Row => ({
  name,
  files,
  min: files.reduce((n, f) => n + read(f).length, 0),
  gzip: files.reduce((n, f) => n + gzip(f), 0),
  brotli: files.reduce((n, f) => n + brotli(f), 0),
  budget,
});

// What the loader imports for each tag (the chunk that defines the element), and what it preloads.
const loader = read('loader.js').toString('utf8');
const imports = Object.fromEntries([...loader.matchAll(/"(tk-[a-z-]+)":\(\)=>import\("\.\/([^"]+)"\)/g)].map((m) => [m[1]!, m[2]!]));
const literal = /JSON\.parse\(('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)/.exec(loader)?.[1] ?? "'{}'";
const preload = JSON.parse((0, eval)(literal) as string) as Record<string, string[]>; // a string literal of our own build

const pages = PAGES.map((p) => measure(p.name, closure(p.entries ?? ['loader.js', ...p.tags!.map((tag) => imports[tag]!)]), p.budget));
const kit = measure('whole kit (telkit.js + every chunk)', [...new Set([...closure(['telkit.js']), ...chunks])].sort(), KIT_BUDGET);

let failed = false;
const line = (r: Row) => {
  const over = r.budget !== undefined && r.gzip > r.budget;
  failed ||= over;
  const verdict = r.budget === undefined ? '' : `${r.budget} ${over ? `OVER BUDGET by ${r.gzip - r.budget} B` : 'ok'}`;
  return `${r.name.padEnd(48)} ${String(r.min).padStart(7)} ${String(r.gzip).padStart(7)} ${String(r.brotli).padStart(8)}  ${verdict}`;
};
console.log(`\n${'page'.padEnd(48)} ${'min B'.padStart(7)} ${'gzip B'.padStart(7)} ${'brotli B'.padStart(8)}  budget (gzip)`);
for (const r of [...pages, kit]) {
  console.log(line(r));
  console.log(`${''.padEnd(4)}${r.files.map(short).join(', ')}`);
}
console.log(`\n${'file'.padEnd(48)} ${'min B'.padStart(7)} ${'gzip B'.padStart(7)} ${'brotli B'.padStart(8)}`);
for (const file of [...entries, ...chunks]) console.log(line(measure(short(file), [file])));

// loader.js preloads what each tag loads, so a page needs one round trip after the loader.
for (const tag of ['tk-provider', 'tk-signup', 'tk-confirm', 'tk-login', 'tk-password-setup', 'tk-profile', 'tk-sub-users', 'tk-locations', 'tk-porting', 'tk-port-orders', 'tk-credential-reset']) {
  const expected = imports[tag] ? closure([imports[tag]]).filter((f) => f !== imports[tag]).map((f) => f.replace(/^chunks\//, '')) : [];
  const actual = [...(preload[tag] ?? [])].sort();
  if (!imports[tag] || JSON.stringify(actual) !== JSON.stringify(expected)) {
    console.log(`loader.js preloads for <${tag}> ${JSON.stringify(actual)}, what it loads is ${JSON.stringify(expected)}`);
    failed = true;
  }
}
// Each non-default locale of each catalogue is a chunk of its own (`locale-<locale>-<feature>`), fetched
// when first used, and no page downloads one up front.
const sources = (file: string): string[] =>
  existsSync(join(DIST, `${file}.map`)) ? (JSON.parse(read(`${file}.map`).toString('utf8')) as { sources: string[] }).sources : [];
for (const file of chunks) {
  const locale = sources(file).filter((s) => {
    const found = /\/(?:[\w-]+\/messages|messages\/[\w-]+)\/([\w-]+)\.ts$/.exec(s)?.[1];
    return found !== undefined && found !== defaultLocale && (locales as string[]).includes(found);
  });
  if (locale.length > 0 && (!/^chunks\/locale-/.test(file) || sources(file).length !== 1)) {
    console.log(`${short(file)} holds ${sources(file).join(', ')}: a locale file belongs in a chunk of its own`);
    failed = true;
  }
}
for (const page of pages) {
  const eager = page.files.filter((f) => /^chunks\/locale-/.test(f));
  if (eager.length) {
    console.log(`${page.name} downloads ${eager.map(short).join(', ')} up front`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
