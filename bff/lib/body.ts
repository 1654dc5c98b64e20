import type { IncomingMessage } from 'node:http';
import type { HonoRequest, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context.js';
import { ApiError } from './errors.js';

const tooLarge = () => new ApiError(413, 'payload_too_large');

/**
 * Reads the request body once, refusing more than `maxBytes` with a 413, and leaves its text in Hono's
 * body cache, where `c.req.text()`, `c.req.json()` and the validators find it.
 *
 * Under @hono/node-server it reads Node's request stream itself: asking Hono for the body builds a fetch
 * `Request` with a web stream (and reading JSON after text built a `Response` more), about a tenth of
 * a signup's CPU. Elsewhere (`app.request` in tests) Hono's `bodyLimit` does it.
 */
export function readBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const fallback = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    const incoming = c.env?.incoming;
    if (!incoming || incoming.readableEnded || incoming.readableFlowing !== null) return fallback(c, next);
    if (Number(incoming.headers['content-length']) > maxBytes) throw tooLarge();
    cache(c.req, (await readIncoming(incoming, maxBytes, tooLarge)).toString('utf8'));
    await next();
  };
}

/** Text as read; JSON parsed when first asked for (a rejected promise if malformed, as Hono's own). */
function cache(req: HonoRequest, text: string): void {
  // Hono types the cache by the resolved values; it holds their promises.
  (req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
  let json: Promise<unknown> | undefined;
  // Not enumerable: Hono derives other forms (arrayBuffer, blob) from the first enumerable entry, text.
  Object.defineProperty(req.bodyCache, 'json', {
    configurable: true,
    enumerable: false,
    get: () => (json ??= new Promise((resolve) => resolve(JSON.parse(text)))),
  });
}

/**
 * Reads a binary request body (an uploaded document) of at most `maxBytes`, refusing more with `tooLarge()`
 * as soon as the count passes the limit (the announced Content-Length first, then while reading: nothing
 * is buffered beyond the limit). The bytes are in Hono's body cache as `arrayBuffer`; `text` holds them one
 * character per byte (latin1), so `idempotent`'s request hash sees every byte of a binary body.
 */
export function readBinaryBody(maxBytes: number, tooLarge: () => ApiError): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (Number(c.req.header('content-length')) > maxBytes) throw tooLarge();
    const incoming = c.env?.incoming;
    const bytes =
      incoming && !incoming.readableEnded && incoming.readableFlowing === null
        ? await readIncoming(incoming, maxBytes, tooLarge)
        : await readStream(c.req.raw.body, maxBytes, tooLarge);
    cacheBytes(c.req, bytes);
    await next();
  };
}

/**
 * Node's request stream, at most `maxBytes`: past the limit `tooLarge()` rejects and the rest is drained
 * without being kept. Shared by the JSON routes (`readBody`) and the uploads (`readBinaryBody`).
 */
function readIncoming(incoming: IncomingMessage, maxBytes: number, tooLarge: () => ApiError): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      incoming.off('data', onData);
      incoming.resume(); // drain the rest without keeping it
      reject(tooLarge());
    };
    incoming.on('data', onData);
    incoming.once('end', () => resolve(Buffer.concat(chunks, size)));
    incoming.once('error', reject);
  });
}

async function readStream(body: ReadableStream<Uint8Array> | null, maxBytes: number, tooLarge: () => ApiError): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

function cacheBytes(req: HonoRequest, bytes: Uint8Array): void {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  (req.bodyCache as Record<string, unknown>).arrayBuffer = Promise.resolve(buffer);
  let text: Promise<string> | undefined;
  Object.defineProperty(req.bodyCache, 'text', {
    configurable: true,
    enumerable: false,
    get: () => (text ??= Promise.resolve(Buffer.from(buffer).toString('latin1'))),
  });
}
