/**
 * Bundle sizes per page: builds the widgets, then sums the gzip (level 9) and brotli bytes of everything a
 * page downloads through `loader.js` — the static import closure of the loader, the provider and the
 * page's widget entry, each file compressed on its own as it travels. Also the whole kit (`telkit.js`,
 * every chunk, the lazily loaded ones too) and each file. Checks that `loader.js` preloads exactly a
 * widget's closure. Exits non-zero over budget.
 *
 *   npm run bench:size
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = 'dist/telkit';
const KB = 1024;

/** A page through the loader: the entries it runs; its gzip budget in bytes. */
const PAGES: { name: string; entries: string[]; budget?: number }[] = [
  { name: 'loader.js alone', entries: ['loader.js'], budget: 1 * KB },
  { name: 'signup page (loader + provider + tk-signup)', entries: ['loader.js', 'provider.js', 'signup.js'], budget: 30 * KB },
  { name: 'login page (loader + provider + tk-login)', entries: ['loader.js', 'provider.js', 'login.js'], budget: 22 * KB },
  { name: 'profile page (loader + provider + tk-profile)', entries: ['loader.js', 'provider.js', 'profile.js'], budget: 26 * KB },
  { name: 'confirm page (loader + provider + tk-confirm)', entries: ['loader.js', 'provider.js', 'confirm.js'] },
  { name: "BFF's /set-password page (password-setup.js)", entries: ['password-setup.js'] },
];
const KIT_BUDGET = 48 * KB;

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
const short = (file: string) => file.replace(/-[\w-]{8}\.js$/, '.js');

type Row = { name: string; files: string[]; min: number; gzip: number; brotli: number; budget?: number };
const measure = (name: string, files: string[], budget?: number): Row => ({
  name,
  files,
  min: files.reduce((n, f) => n + read(f).length, 0),
  gzip: files.reduce((n, f) => n + gzip(f), 0),
  brotli: files.reduce((n, f) => n + brotli(f), 0),
  budget,
});

const pages = PAGES.map((p) => measure(p.name, closure(p.entries), p.budget));
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

// loader.js preloads each widget's closure, so a page needs one round trip after the loader.
const loader = read('loader.js').toString('utf8');
const literal = /JSON\.parse\(('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)/.exec(loader)?.[1] ?? "'{}'";
const preload = JSON.parse((0, eval)(literal) as string) as Record<string, string[]>; // a string literal of our own build
const tags: Record<string, string> = { 'tk-provider': 'provider.js', 'tk-signup': 'signup.js', 'tk-confirm': 'confirm.js', 'tk-login': 'login.js', 'tk-password-setup': 'password-setup.js', 'tk-profile': 'profile.js' };
for (const [tag, entry] of Object.entries(tags)) {
  const expected = closure([entry]);
  const actual = [...(preload[tag] ?? [])].sort();
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    console.log(`loader.js preloads for <${tag}> ${JSON.stringify(actual)}, its closure is ${JSON.stringify(expected)}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
