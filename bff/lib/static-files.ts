import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export type Encoding = 'br' | 'gzip';

/** A file as served: its bytes, type and ETag, and its compressed forms (made at first use, then kept). */
export interface StaticFile {
  /** Where the file lies below the root, normalised (`chunks/../loader.js` → `loader.js`, `/` separated). */
  path: string;
  body: Buffer;
  type: string;
  /** Strong validator of the identity bytes; a compressed form adds `-br` / `-gzip` inside the quotes. */
  etag: string;
  /** Whether compressing is worth it (text, not images). */
  compressible: boolean;
  encoded(encoding: Encoding): Promise<Buffer>;
}

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const compress = (encoding: Encoding, body: Buffer) =>
  encoding === 'br'
    ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipped(body, { level: 9 });

/** The best encoding the request accepts (`Accept-Encoding`, q-values honoured): brotli, then gzip, else none. */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined;
}

function staticFile(path: string, body: Buffer, type: string): StaticFile {
  const encodings = new Map<Encoding, Promise<Buffer>>();
  return {
    path,
    body,
    type,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    compressible: COMPRESSIBLE.test(type),
    encoded(encoding) {
      let pending = encodings.get(encoding);
      if (!pending) encodings.set(encoding, (pending = compress(encoding, body)));
      return pending;
    },
  };
}

/**
 * Reads files below `root` by a URL path; never outside it. Files are cached after the first read (they
 * are build output, fixed for the life of the process), and so are their compressed forms.
 */
export function staticFiles(root: string) {
  const cache = new Map<string, Promise<StaticFile | undefined>>();
  return function read(path: string): Promise<StaticFile | undefined> | undefined {
    const decoded = decodeUrlPath(path);
    if (decoded === undefined) return undefined;
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    if (relative.startsWith('..') || relative.includes(`${sep}..${sep}`) || relative.includes('\0')) return undefined;
    const type = TYPES[extname(relative)];
    if (!type) return undefined;
    const file = join(root, relative);
    let pending = cache.get(file);
    if (!pending) {
      pending = readFile(file).then(
        (body) => staticFile(relative.split(sep).join('/'), body, type),
        () => undefined,
      );
      cache.set(file, pending);
      pending.then((f) => f ?? cache.delete(file));
    }
    return pending;
  };
}

/** `%C3%A4` → `ä`; undefined for malformed escapes (`%ff`), which name no file. */
function decodeUrlPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
