import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

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

/**
 * Reads files below `root` by a URL path; never outside it. Files are cached after the first read (they
 * are build output, fixed for the life of the process).
 */
export function staticFiles(root: string) {
  const cache = new Map<string, Promise<Buffer | undefined>>();
  return function read(path: string): Promise<{ body: Buffer; type: string } | undefined> | undefined {
    const decoded = decodeUrlPath(path);
    if (decoded === undefined) return undefined;
    const relative = normalize(decoded).replace(/^([/\\])+/, '');
    if (relative.startsWith('..') || relative.includes(`${sep}..${sep}`) || relative.includes('\0')) return undefined;
    const type = TYPES[extname(relative)];
    if (!type) return undefined;
    const file = join(root, relative);
    let pending = cache.get(file);
    if (!pending) {
      pending = readFile(file).catch(() => undefined);
      cache.set(file, pending);
      pending.then((b) => b ?? cache.delete(file));
    }
    return pending.then((body) => body && { body, type });
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
