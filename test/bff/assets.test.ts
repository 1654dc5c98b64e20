import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../bff/lib/context.js';
import { negotiateEncoding } from '../../bff/lib/static-files.js';
import { assetsFrom } from '../../bff/routes/assets.js';

/** Issue 11.12: `/telkit/*` compressed by Accept-Encoding, hashed chunks immutable, the loader revalidated by ETag. */
const root = mkdtempSync(join(tmpdir(), 'telkit-assets-'));
mkdirSync(join(root, 'chunks'));
const loader = `// loader\n${'export const entries = { "tk-signup": () => import("./chunks/signup-abc123.js") };\n'.repeat(200)}`;
const chunk = `export class TkSignup extends HTMLElement {}\n${'// a hashed chunk of the widget build\n'.repeat(300)}`;
writeFileSync(join(root, 'loader.js'), loader);
writeFileSync(join(root, 'chunks', 'signup-abc123.js'), chunk);
writeFileSync(join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]));

const app = new Hono<AppEnv>().route('/telkit', assetsFrom(root));
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('/telkit/* assets', () => {
  it('brotli when accepted, else gzip, else plain; always Vary: Accept-Encoding', async () => {
    const br = await get('/telkit/loader.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(loader.length / 10);
    expect(brotliDecompressSync(brBytes).toString()).toBe(loader);

    const gz = await get('/telkit/loader.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(loader);

    const plain = await get('/telkit/loader.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(loader);
    // Each encoding is its own representation, with its own validator.
    expect(new Set([br, gz, plain].map((r) => r.headers.get('etag'))).size).toBe(3);
  });

  it('hashed chunks are cached for a year, immutable; the loader five minutes, then revalidated (ETag, 304)', async () => {
    const c = await get('/telkit/chunks/signup-abc123.js', { 'accept-encoding': 'br' });
    expect(c.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(c.headers.get('access-control-allow-origin')).toBe('*');

    const first = await get('/telkit/loader.js', { 'accept-encoding': 'br' });
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/telkit/loader.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=300');
    // The validator of another encoding (or a weak one) names the same file.
    expect((await get('/telkit/loader.js', { 'if-none-match': `W/${etag}` })).status).toBe(304);
    expect((await get('/telkit/loader.js', { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('decides on the file read, not the path as sent: `chunks/..%2floader.js` is the loader, not immutable', async () => {
    for (const path of ['/telkit/chunks/..%2floader.js', '/telkit/chunks/%2e%2e%2Floader.js', '/telkit/chunks/x/..%2f..%2floader.js']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toBe(loader);
      expect(res.headers.get('cache-control'), path).toBe('public, max-age=300');
    }
    // …and the other way round: a chunk reached through a detour is still a chunk.
    expect((await get('/telkit/x/..%2fchunks/signup-abc123.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('images are not compressed again', async () => {
    const png = await get('/telkit/logo.png', { 'accept-encoding': 'br' });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-encoding')).toBeNull();
    expect(png.headers.get('vary')).toBeNull();
  });

  it('reads Accept-Encoding with its q-values', () => {
    expect(negotiateEncoding('br')).toBe('br');
    expect(negotiateEncoding('gzip;q=0.5, br;q=0')).toBe('gzip');
    expect(negotiateEncoding('identity')).toBeUndefined();
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding(undefined)).toBeUndefined();
  });
});
