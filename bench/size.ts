/**
 * Bundle sizes per entry: builds the widgets, then prints minified, gzip (level 9) and brotli bytes of
 * every entry and of the shared chunk, with what each entry adds on top of the shared chunk.
 * Exits non-zero when a budget is exceeded.
 *
 *   npm run bench:size
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = 'dist/telkit';
/** gzip budgets in bytes. */
const BUDGETS: Record<string, number> = {
  'loader.js': 2 * 1024,
  'shared chunk': 16 * 1024,
  'signup.js over shared': 20 * 1024,
};

if (!process.argv.includes('--no-build')) execSync('npx vite build --logLevel warn', { stdio: 'inherit' });

const read = (file: string) => readFileSync(join(DIST, file));
const gzip = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const brotli = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Files an entry loads before it runs: its static imports, transitively. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = read(file).toString('utf8');
  for (const match of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w{}\s,*$]+from\s*)?["'](\.\.?\/[^"']+)["']/g)) {
    const target = join(file, '..', match[1]!).replace(/\\/g, '/');
    staticGraph(target, seen);
  }
  return seen;
}

const chunks = readdirSync(join(DIST, 'chunks')).filter((f) => f.endsWith('.js'));
const shared = chunks.find((f) => f.startsWith('shared-'));
if (!shared) throw new Error('no shared chunk in the build');
const sharedFile = `chunks/${shared}`;
const entries = readdirSync(DIST).filter((f) => f.endsWith('.js'));

type Row = { name: string; min: number; gzip: number; brotli: number; note?: string };
const rows: Row[] = [];
const measure = (name: string, files: string[], note?: string): Row => {
  const body = Buffer.concat(files.map(read));
  return { name, min: body.length, gzip: files.reduce((n, f) => n + gzip(read(f)), 0), brotli: files.reduce((n, f) => n + brotli(read(f)), 0), note };
};

rows.push(measure('shared chunk', [sharedFile], 'Lit, core, provider, primitives'));
for (const entry of entries) {
  const graph = [...staticGraph(entry)];
  const own = graph.filter((f) => f !== sharedFile);
  rows.push(measure(entry, [entry], graph.includes(sharedFile) ? `+ shared; adds ${own.length} file(s)` : 'stand-alone'));
  if (own.length > 1) rows.push(measure(`${entry} over shared`, own));
}
for (const chunk of chunks.filter((f) => f !== shared)) rows.push(measure(`chunks/${chunk.replace(/-[\w-]{8}\.js$/, '.js')}`, [`chunks/${chunk}`], 'loaded on demand'));

let failed = false;
console.log('\nfile                               min B   gzip B  brotli B  budget (gzip)');
for (const r of rows) {
  const budget = BUDGETS[r.name];
  const over = budget !== undefined && r.gzip > budget;
  failed ||= over;
  console.log(
    `${r.name.padEnd(32)} ${String(r.min).padStart(8)} ${String(r.gzip).padStart(8)} ${String(r.brotli).padStart(9)}  ${
      budget === undefined ? '' : `${budget} ${over ? 'OVER BUDGET' : 'ok'}`
    }${r.note ? `  (${r.note})` : ''}`,
  );
}
process.exit(failed ? 1 : 0);
